/**
 * Screens in the simulation: the user opens and closes them on {@code MAIN} ({@link dev.asynckatas.kit.screen.SimScreens}),
 * each gets a view that records what it displayed, from which lane, when and whether the screen was still open,
 * and a closed screen can be checked for being still held by something long-lived
 * ({@link dev.asynckatas.kit.screen.Retention}).
 */
package dev.asynckatas.kit.screen;
