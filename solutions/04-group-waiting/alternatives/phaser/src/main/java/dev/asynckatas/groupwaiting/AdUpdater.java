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
import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Keeps the app's ad images up to date: gets the list of ad files from the ad server, downloads each one into
 * the ad directory, and reports "k of N downloaded" once, when every download has finished or failed.
 *
 * <p>A correct alternative to the reference: the group is a {@link Phaser}, GCD's enter/leave by hand. One party
 * stands for the manifest, so the group cannot advance before the list is in and every download has registered.
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

    /** The app calls this on the main thread. {@code onDone} runs once, on the main thread, with the report. */
    public void updateAds(Consumer<UpdateReport> onDone) {
        new Update(report -> main.execute(() -> onDone.accept(report))).start(); // group.notify(queue: .main)
    }

    /** Waits until every download has finished, or {@code timeout} has passed; never on the main thread. */
    public UpdateReport updateAdsAndWait(Duration timeout) throws InterruptedException {
        if (main.isCurrent()) {
            throw new IllegalStateException("updateAdsAndWait blocks until the downloads are done: never on the main thread."
                    + " Call updateAds(onDone) there instead.");
        }
        Update update = new Update(report -> { });
        update.start();
        try {
            update.group.awaitAdvanceInterruptibly(0, timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            update.stop("did not finish within " + timeout.toMillis() + " ms");
            update.group.awaitAdvance(0); // at once: every download is cancelled or finished
        } catch (InterruptedException interrupted) {
            update.stop("interrupted");
            throw interrupted;
        }
        return update.report();
    }

    private final class Update {
        private final Consumer<UpdateReport> notify;
        final Phaser group = new Phaser(1) { // the manifest's party
            @Override
            protected boolean onAdvance(int phase, int parties) {
                notify.accept(report()); // on the thread of the last one to leave
                return true;
            }
        };
        private CompletableFuture<List<AdFile>> manifest;
        private final List<CompletableFuture<Path>> downloads = new ArrayList<>();
        private final List<String> downloaded = new ArrayList<>();
        private final List<FailedDownload> failed = new ArrayList<>();
        private UpdateReport manifestFailure;
        private int total;
        private boolean listed;
        private String stopped;

        Update(Consumer<UpdateReport> notify) {
            this.notify = notify;
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
                    group.arriveAndDeregister(); // the manifest's party leaves, on every path
                }
            });
        }

        private synchronized void downloadAll(List<AdFile> files) {
            if (stopped != null) {
                manifestFailed(new CancellationException());
                return;
            }
            for (AdFile file : files) {
                group.register(); // enter, before the download starts
                CompletableFuture<Path> download = api.download(file, directory);
                downloads.add(download);
                download.whenComplete((saved, failure) -> {
                    try {
                        finished(file, failure);
                    } finally {
                        group.arriveAndDeregister(); // leave, on every path
                    }
                });
            }
            total = files.size();
            listed = true;
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
            downloads.forEach(download -> download.cancel(true)); // true: it never lands; false: it finished
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
