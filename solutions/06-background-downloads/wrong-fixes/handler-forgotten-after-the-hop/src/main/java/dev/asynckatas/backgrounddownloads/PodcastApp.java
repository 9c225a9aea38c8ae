package dev.asynckatas.backgrounddownloads;

import dev.asynckatas.platform.AppDelegate;
import dev.asynckatas.platform.AppProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * The podcast app's delegate: the system builds one at every launch of the app (by the user, or in the background),
 * and calls it on the main thread. The user taps "Download all" to get a podcast's episodes into the downloads folder.
 *
 * <p>Every launch opens the background session again, with the same identifier, so that whichever process is
 * running gets the session's events; the system's completion handler is kept here, on the main thread, and called
 * once the session's delegate has been told that every event of this wake was delivered.
 */
public final class PodcastApp implements AppDelegate {

    private final AppProcess process;
    private final Path downloads;
    private final DownloadsView view;
    private EpisodeDownloader downloader;
    /** The handler of the current wake: written on the main thread, taken on the session's delegate queue. */
    private volatile Runnable completionHandler;

    /**
     * @param process   this process of the app: its main thread, its transfer service
     * @param downloads the downloads folder, which exists; every episode is saved inside it
     * @param view      this process's downloads screen
     */
    public PodcastApp(AppProcess process, Path downloads, DownloadsView view) {
        this.process = process;
        this.downloads = downloads;
        this.view = view;
    }

    @Override
    public void didFinishLaunching() {
        // At every launch, whoever launched the app: the session's events go to the process that opens it.
        downloader = new EpisodeDownloader(process, downloads, view, this::eventsHandled);
        downloader.showDownloadsInProgress();
    }

    @Override
    public void handleEventsForBackgroundSession(String identifier, Runnable completionHandler) {
        if (!EpisodeDownloader.SESSION.equals(identifier)) {
            completionHandler.run(); // not our session: nothing to handle
            return;
        }
        // Kept until the session's delegate hears didFinishEvents; the session is open since didFinishLaunching.
        this.completionHandler = completionHandler;
    }

    /** The user taps "Download all" for a podcast: on the main thread. */
    public void downloadAll(List<URI> episodes) {
        downloader.download(episodes);
    }

    /**
     * WRONG FIX (see the README beside src/): on the session's delegate queue, once every event of the wake has been
     * handled. The handler goes to the main thread, as UIKit wants, and is forgotten here afterwards.
     */
    private void eventsHandled() {
        Runnable handler = completionHandler;
        if (handler != null) {
            process.main().execute(handler);
            completionHandler = null;
        }
    }
}
