/**
 * The few platform types kata code may use besides the JDK: the stand-ins for UIKit's application
 * lifecycle and background tasks ({@link dev.asynckatas.platform.Application}), the main thread
 * ({@link dev.asynckatas.platform.MainThread}), the screen's navigation
 * ({@link dev.asynckatas.platform.Navigator}), the app's processes and its delegate
 * ({@link dev.asynckatas.platform.AppProcess}, {@link dev.asynckatas.platform.AppDelegate}), the system's
 * transfer service with its background sessions ({@link dev.asynckatas.platform.TransferService}), and a screen's
 * lifecycle and what it shows ({@link dev.asynckatas.platform.Screen}, {@link dev.asynckatas.platform.ScreenView}).
 *
 * <p>Each has two faces in the kit: a deterministic simulation for tests
 * ({@code dev.asynckatas.kit.app}, {@code dev.asynckatas.kit.device}) and a real one for demos and integration tests
 * ({@code dev.asynckatas.kit.real}). Kata code never knows which one it got.
 */
package dev.asynckatas.platform;
