package dev.asynckatas.groupwaiting;

import dev.asynckatas.platform.MainThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Keeps the app's ad images up to date: gets the list of ad files from the ad server, downloads each one into
 * the ad directory, and reports "k of N downloaded" once, when every download has finished or failed.
 * Two ways in: the app's {@link #updateAds}, and the blocking {@link #updateAdsAndWait} for the small HTTP
 * server whose handlers can only answer synchronously.
 *
 * <p>KATA 04: this is the asker's approach, translated to Java. "All done" comes too early, and the count with
 * it. Make "done" come once, after the last download, and make the blocking variant safe. The lesson:
 * docs/04-group-waiting.md
 */
public final class AdUpdater {

    private final AdsApi api;
    private final Path directory;
    private final ExecutorService downloadQueue;
    private final MainThread main;

    private List<String> downloaded = new ArrayList<>();

    /**
     * @param api           the ad server
     * @param directory     where the ads are saved
     * @param downloadQueue a serial queue for the downloads, {@code DispatchQueue(label: "com.acme.downloader")}
     * @param main          the main thread
     */
    public AdUpdater(AdsApi api, Path directory, ExecutorService downloadQueue, MainThread main) {
        this.api = api;
        this.directory = directory;
        this.downloadQueue = downloadQueue;
        this.main = main;
    }

    /** The app calls this on the main thread. {@code onDone} runs once, on the main thread, with the report. */
    public void updateAds(Consumer<UpdateReport> onDone) {
        update().thenAccept(onDone);
    }

    /**
     * The HTTP server's handler calls this on its request thread, and answers with the report: it can only answer
     * synchronously, so this waits until every download has finished.
     *
     * @param timeout how long to wait at most
     */
    public UpdateReport updateAdsAndWait(Duration timeout) throws InterruptedException {
        return update().join(); // dispatch_group_wait(group, DISPATCH_TIME_FOREVER)
    }

    /** The manifest, then every file; the future completes, on the main thread, with the report. */
    private CompletableFuture<UpdateReport> update() {
        return api.manifest().thenApplyAsync(this::downloadAll, main);
    }

    private UpdateReport downloadAll(List<AdFile> files) {
        downloaded = new ArrayList<>();
        // dispatch_group_async(group, downloadQueue) { for file in files { downloadImage(file) } }
        Future<?> group = downloadQueue.submit(() -> {
            for (AdFile file : files) {
                // Like Alamofire's response handler, the completion runs on the main queue.
                api.download(file, directory).thenAcceptAsync(saved -> downloaded.add(file.name()), main);
            }
        });
        try {
            group.get(); // dispatch_group_wait: wait for the group, then "All done!"
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException failed) {
            throw new IllegalStateException("the downloads could not be started", failed);
        }
        return new UpdateReport(files.size(), downloaded, List.of());
    }
}
