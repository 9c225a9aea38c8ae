/**
 * Real-thread races: a model checker explores the interleavings <em>inside</em> methods that the one-thread
 * simulation runs whole. The entry point is {@link dev.asynckatas.kit.races.RaceCheck}; a failure is a
 * {@link dev.asynckatas.kit.races.RaceFound} with the interleaving attached for the scorecard.
 *
 * <p>Underneath is Lincheck (JetBrains, MPL 2.0), chosen over Fray after measuring both on this repository's machine:
 * Lincheck runs in the test's own JVM on JDK 21 and 25 with no agent flags and no special JDK; Fray needs exactly
 * JDK 25 with {@code jmods} (Temurin 25 ships none) and runs a whole test module on an instrumented JDK. Lincheck's
 * traps for a Java caller are closed here (see {@code ModelThread}, {@code Exploration} and
 * {@code VariantClassLoaders}); the kit's tests prove each.
 */
package dev.asynckatas.kit.races;
