/**
 * The real face of the platform: a real main thread, the real clock and background time, for demos and
 * integration tests against the JDK's real {@code HttpClient}. The only place in the kit allowed to read the
 * wall clock and start threads.
 */
package dev.asynckatas.kit.real;
