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
 * <p>KATA 06: this is the asker's app with the accepted answer's session, translated to Java. It works while the app
 * stays in front. Make every download arrive, exactly once, when the app is suspended, terminated and launched again
 * by the system, or opened again by the user. The lesson: docs/06-background-downloads.md
 */
public final class PodcastApp implements AppDelegate {

    private final AppProcess process;
    private final Path downloads;
    private final DownloadsView view;
    private EpisodeDownloader downloader;

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
        downloader = new EpisodeDownloader(process, downloads, view);
    }

    @Override
    public void handleEventsForBackgroundSession(String identifier, Runnable completionHandler) {
        // The system launched (or resumed) the app for the session's events. The asker's app does nothing here.
    }

    /** The user taps "Download all" for a podcast: on the main thread. */
    public void downloadAll(List<URI> episodes) {
        downloader.download(episodes);
    }
}
