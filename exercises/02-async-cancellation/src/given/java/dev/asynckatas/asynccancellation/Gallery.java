package dev.asynckatas.asynccancellation;

import dev.asynckatas.platform.MainThread;
import dev.asynckatas.platform.Navigator;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The gallery screen: opening an album loads all its images as one batch and shows the album when every
 * image is in; leaving it cancels whatever is still loading. A cancel is not an error: the user left, so
 * nothing is shown.
 *
 * <p>Main thread only. Given by the kata: you do not need to change it.
 */
public final class Gallery {

    private final AsyncHttpClient http;
    private final MainThread main;
    private final Navigator navigator;
    private CompletableFuture<List<Response>> loading;

    public Gallery(AsyncHttpClient http, MainThread main, Navigator navigator) {
        this.http = http;
        this.main = main;
        this.navigator = navigator;
    }

    /** The user opens {@code album}. */
    public void open(Album album) {
        leave();
        List<HttpRequest> requests = album.images().stream().map(uri -> HttpRequest.newBuilder(uri).GET().build()).toList();
        CompletableFuture<List<Response>> batch = http.sendAll(requests);
        loading = batch;
        batch.whenCompleteAsync((images, failure) -> loaded(album, batch, images, failure), main);
    }

    /** The user leaves the album (the back button, or another album). */
    public void leave() {
        if (loading != null) {
            loading.cancel(true);
            loading = null;
        }
    }

    private void loaded(Album album, CompletableFuture<List<Response>> batch, List<Response> images, Throwable failure) {
        if (loading == batch) {
            loading = null;
        }
        if (failure != null) {
            if (!isCancellation(failure)) {
                navigator.showError("The album \"" + album.name() + "\" could not be loaded.", () -> open(album));
            }
            return; // cancelled: the user left, there is nothing to show
        }
        Optional<Response> missing = images.stream().filter(image -> !image.isOk()).findFirst();
        if (missing.isPresent()) {
            navigator.showError("An image of \"" + album.name() + "\" is missing (HTTP " + missing.get().statusCode() + ").",
                    () -> open(album));
            return;
        }
        navigator.show(album.screen());
    }

    /** Whether a failure is a cancel, however many completion wrappers surround it. */
    static boolean isCancellation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CancellationException) {
                return true;
            }
            if (!(t instanceof CompletionException || t instanceof ExecutionException)) {
                return false;
            }
        }
        return false;
    }
}
