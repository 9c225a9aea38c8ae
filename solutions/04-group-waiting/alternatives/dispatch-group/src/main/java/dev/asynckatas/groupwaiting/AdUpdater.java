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
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Keeps the app's ad images up to date: gets the list of ad files from the ad server, downloads each one into
 * the ad directory, and reports "k of N downloaded" once, when every download has finished or failed.
 *
 * <p>A correct alternative to the reference, shaped like the accepted Swift answer: a {@link DispatchGroup} per
 * update, entered before the manifest and before each download, left in each completion on every path.
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
        Update update = new Update();
        update.start();
        update.group.notifyOn(main, () -> onDone.accept(update.report())); // group.notify(queue: .main)
    }

    public UpdateReport updateAdsAndWait(Duration timeout) throws InterruptedException {
        if (main.isCurrent()) {
            throw new IllegalStateException("updateAdsAndWait would block the main thread until the downloads end:"
                    + " call updateAds(onDone) on the main thread instead.");
        }
        Update update = new Update();
        update.start();
        try {
            if (!update.group.await(timeout)) { // group.wait(timeout: .now() + timeout) == .timedOut
                update.stop("did not finish within " + timeout.toMillis() + " ms");
                update.group.await();
            }
        } catch (InterruptedException interrupted) {
            update.stop("interrupted");
            throw interrupted;
        }
        return update.report();
    }

    private final class Update {
        final DispatchGroup group = new DispatchGroup();
        private CompletableFuture<List<AdFile>> manifest;
        private final List<CompletableFuture<Path>> downloads = new ArrayList<>();
        private final List<String> downloaded = new ArrayList<>();
        private final List<FailedDownload> failed = new ArrayList<>();
        private UpdateReport manifestFailure;
        private int total;
        private boolean listed;
        private String stopped;

        void start() {
            group.enter(); // the manifest
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
                    group.leave();
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
                group.enter();
                CompletableFuture<Path> download = api.download(file, directory);
                downloads.add(download);
                download.whenComplete((saved, failure) -> {
                    try {
                        finished(file, failure);
                    } finally {
                        group.leave(); // defer { group.leave() }
                    }
                });
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
