package dev.asynckatas.platform;

import java.nio.file.Path;

/**
 * One process of the app, and what the system gives it: its main thread, its {@link Application}, the
 * {@link TransferService}, and the app's folders on disk. A factory given this builds the app's objects at every
 * launch; when the process is terminated they are never called again, and the next launch builds new ones.
 *
 * <p>The folders outlive every process (they are on disk); everything else belongs to this process only.
 */
public interface AppProcess {

    /** The process's main thread. */
    MainThread main();

    /** The process's {@code UIApplication.shared}. */
    Application application();

    /** The system's transfer service, as this process sees it. */
    TransferService transfers();

    /** The app's {@code Documents} folder: kept, backed up. */
    Path documentsDirectory();

    /** The app's {@code Library/Caches} folder: kept between launches; the system may empty it when space runs low. */
    Path cachesDirectory();
}
