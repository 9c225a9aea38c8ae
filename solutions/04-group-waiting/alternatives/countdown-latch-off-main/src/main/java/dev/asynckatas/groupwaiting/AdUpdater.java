package dev.asynckatas.groupwaiting;

import dev.asynckatas.platform.MainThread;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Keeps the app's ad images up to date: gets the list of ad files from the ad server, downloads each one into
 * the ad directory, and reports "k of N downloaded" once, when every download has finished or failed.
 *
 * <p>A correct alternative to the reference: a counter of what is still running is the group (enter: +1 before a
 * download starts; leave: -1 when it ends, on every path), and a {@link CountDownLatch} opened by the last one to
 * leave is what the blocking variant waits on, off the main thread.
 */
public final class AdUpdater {

    private final AdsApi api;
    private final Path directory;
    private final MainThread main;

    public AdUpdater(AdsApi api, Path directory, ExecutorService downloadQueue, MainThread main) {
        this.api = api;
        this.directory = directory;
        this.main = main;
    }

    public void updateAds(Consumer<UpdateReport> onDone) {
        new Update(onDone).start();
    }

    public UpdateReport updateAdsAndWait(Duration timeout) throws InterruptedException {
        if (main.isCurrent()) {
            throw new IllegalStateException("Do not call updateAdsAndWait on the main thread: it waits for the downloads,"
                    + " and the main thread must stay free. Use updateAds(onDone) there.");
        }
        Update update = new Update(null);
        update.start();
        try {
            if (!update.over.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                update.stop("did not finish within " + timeout.toMillis() + " ms");
                update.over.await(); // at once: every download is now cancelled or finished
            }
        } catch (InterruptedException interrupted) {
            update.stop("interrupted");
            throw interrupted;
        }
        return update.report();
    }

    private final class Update {
        final CountDownLatch over = new CountDownLatch(1);
        private final Consumer<UpdateReport> onDone; // null for the blocking variant
        private int running = 1; // the manifest
        private CompletableFuture<List<AdFile>> manifest;
        private final List<CompletableFuture<Path>> downloads = new ArrayList<>();
        private final List<String> downloaded = new ArrayList<>();
        private final List<FailedDownload> failed = new ArrayList<>();
        private UpdateReport manifestFailure;
        private int total;
        private boolean listed;
        private String stopped;

        Update(Consumer<UpdateReport> onDone) {
            this.onDone = onDone;
        }

        void start() {
            CompletableFuture<List<AdFile>> list = api.manifest();
            synchronized (this) {
                manifest = list;
            }
            list.whenComplete((files, failure) -> {
                try {
                    if (failure == null) {
                        downloadAll(files);
                    } else {
                        manifestFailed(failure);
                    }
                } finally {
                    leave();
                }
            });
        }

        private synchronized void downloadAll(List<AdFile> files) {
            if (stopped != null) {
                manifestFailed(new CancellationException());
                return;
            }
            total = files.size();
            listed = true;
            for (AdFile file : files) {
                running++; // enter
                CompletableFuture<Path> download = api.download(file, directory);
                downloads.add(download);
                download.whenComplete((saved, failure) -> {
                    try {
                        finished(file, failure);
                    } finally {
                        leave();
                    }
                });
            }
        }

        private void leave() {
            UpdateReport report;
            synchronized (this) {
                if (--running > 0) {
                    return;
                }
                report = report();
            }
            over.countDown();
            if (onDone != null) {
                main.execute(() -> onDone.accept(report));
            }
        }

        private synchronized void finished(AdFile file, Throwable failure) {
            if (failure == null) {
                downloaded.add(file.name());
            } else if (stopped != null && isCancellation(failure)) {
                failed.add(new FailedDownload(file.name(), stopped + "; cancelled"));
            } else {
                failed.add(FailedDownload.of(file.name(), failure));
            }
        }

        private synchronized void manifestFailed(Throwable failure) {
            manifestFailure = stopped != null && isCancellation(failure)
                    ? UpdateReport.manifestFailed(new TimeoutException("the manifest " + stopped + "."))
                    : UpdateReport.manifestFailed(failure);
        }

        synchronized UpdateReport report() {
            return manifestFailure != null ? manifestFailure : new UpdateReport(total, downloaded, failed);
        }

        synchronized void stop(String why) {
            stopped = why;
            if (!listed) {
                manifest.cancel(true);
                return;
            }
            for (CompletableFuture<Path> download : downloads) {
                download.cancel(true);
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
}
