package dev.asynckatas.groupwaiting;

import dev.asynckatas.platform.MainThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Keeps the app's ad images up to date: gets the list of ad files from the ad server, downloads each one into
 * the ad directory, and reports "k of N downloaded" once, when every download has finished or failed.
 * Two ways in: the app's {@link #updateAds}, and the blocking {@link #updateAdsAndWait} for the small HTTP
 * server whose handlers can only answer synchronously.
 *
 * <p>The downloads are asynchronous already, so nothing here runs on a queue of its own: each download's future
 * is its own enter/leave pair (it completes on every path: saved, HTTP error, broken connection, refused name),
 * {@code allOf} is the group, and "done" is {@code group.notify(queue: .main)}. The lesson: docs/04-group-waiting.md
 */
public final class AdUpdater {

    private final AdsApi api;
    private final Path directory;
    private final MainThread main;

    /**
     * @param api           the ad server
     * @param directory     where the ads are saved
     * @param downloadQueue not needed: a queue around work that is already asynchronous only tracks how it starts
     * @param main          the main thread
     */
    public AdUpdater(AdsApi api, Path directory, ExecutorService downloadQueue, MainThread main) {
        this.api = api;
        this.directory = directory;
        this.main = main;
    }

    /** The app calls this on the main thread. {@code onDone} runs once, on the main thread, with the report. */
    public void updateAds(Consumer<UpdateReport> onDone) {
        new Update().start().thenAcceptAsync(onDone, main); // group.notify(queue: .main) { ... }
    }

    /**
     * The HTTP server's handler calls this on its request thread, and answers with the report: it can only answer
     * synchronously, so this waits until every download has finished, or until {@code timeout} has passed since the
     * call (one bound for the whole update: the manifest and every download). Then the downloads still running are
     * cancelled and reported as not downloaded; none of them can land in the ad directory afterwards.
     *
     * @throws IllegalStateException on the main thread, where waiting would freeze the app (and, when completions
     *                               are delivered to the main thread, never end)
     */
    public UpdateReport updateAdsAndWait(Duration timeout) throws InterruptedException {
        if (main.isCurrent()) {
            throw new IllegalStateException("updateAdsAndWait must not be called on the main thread: it blocks until every"
                    + " download has finished, and the main thread must never wait. Call updateAds(onDone) there instead.");
        }
        Update update = new Update();
        CompletableFuture<UpdateReport> done = update.start();
        try {
            return done.get(timeout.toNanos(), TimeUnit.NANOSECONDS); // dispatch_group_wait(group, .now() + timeout)
        } catch (TimeoutException late) {
            update.stop("did not finish within " + describe(timeout));
            return done.join(); // at once: every download is now cancelled or finished, and the group knows it
        } catch (InterruptedException interrupted) {
            update.stop("interrupted");
            throw interrupted;
        } catch (ExecutionException impossible) {
            return UpdateReport.manifestFailed(impossible); // start() ends every path in a report
        }
    }

    /**
     * One update: the manifest, then the group of its downloads. Its state belongs to this update alone (two updates
     * may overlap). Completions arrive on the HTTP client's threads, and a deadline on the waiting one: hence
     * {@code synchronized}.
     */
    private final class Update {
        private CompletableFuture<List<AdFile>> manifest;
        private final List<CompletableFuture<Path>> downloads = new ArrayList<>();
        private final List<String> downloaded = new ArrayList<>();
        private final List<FailedDownload> failed = new ArrayList<>();
        private int total;
        private boolean listed;
        private String stopped; // why the wait ended before the update did, or null

        /** Completes (never exceptionally) once every download has finished or failed, with the report. */
        CompletableFuture<UpdateReport> start() {
            CompletableFuture<List<AdFile>> list = api.manifest();
            synchronized (this) {
                manifest = list;
            }
            return list.thenCompose(this::downloadAll).exceptionally(this::manifestFailed);
        }

        /** Starts every download, under the lock so that a deadline sees either none or all of them started. */
        private synchronized CompletableFuture<UpdateReport> downloadAll(List<AdFile> files) {
            if (stopped != null) {
                return CompletableFuture.completedFuture(manifestFailed(new CancellationException())); // start nothing
            }
            List<CompletableFuture<?>> group = new ArrayList<>();
            for (AdFile file : files) {
                CompletableFuture<Path> download = api.download(file, directory); // never throws: failures come through the future
                downloads.add(download);
                // enter: the download is in the group; leave: whenComplete runs on every path, errors included, and
                // even if finished() threw, allOf would still see this stage complete.
                group.add(download.whenComplete((saved, failure) -> finished(file, failure)));
            }
            total = files.size();
            listed = true;
            return CompletableFuture.allOf(group.toArray(CompletableFuture[]::new)).handle((all, failure) -> report());
        }

        private void finished(AdFile file, Throwable failure) { // WRONG FIX: runs on several client threads at once, without the lock
            if (failure == null) {
                downloaded.add(file.name());
            } else if (stopped != null && isCancellation(failure)) {
                failed.add(new FailedDownload(file.name(), stopped + "; cancelled"));
            } else {
                failed.add(FailedDownload.of(file.name(), failure));
            }
        }

        private synchronized UpdateReport manifestFailed(Throwable failure) {
            if (stopped != null && isCancellation(failure)) {
                return UpdateReport.manifestFailed(new TimeoutException("the manifest " + stopped + "."));
            }
            return UpdateReport.manifestFailed(failure);
        }

        private synchronized UpdateReport report() {
            return new UpdateReport(total, downloaded, failed);
        }

        /**
         * The wait is over: cancel what still runs. A download whose cancel answers true never lands, and reports
         * itself as cancelled; one whose cancel answers false has finished, and reports its own outcome.
         */
        synchronized void stop(String why) {
            stopped = why;
            if (!listed) {
                manifest.cancel(true);
                return;
            }
            for (CompletableFuture<Path> download : downloads) {
                download.cancel(true); // aborts the exchange; the API deletes its partial file
            }
        }
    }

    private static boolean isCancellation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CancellationException) {
                return true;
            }
            if (!(cause instanceof CompletionException || cause instanceof ExecutionException)) {
                return false;
            }
        }
        return false;
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
