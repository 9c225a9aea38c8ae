package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.RealGallery.PATIENCE;
import static dev.asynckatas.asynccancellation.RealGallery.assertServerSawTheAbort;
import static dev.asynckatas.asynccancellation.SendTest.assertCancelled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.SlowBodyServer.Served;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Kata 02 on real sockets: the JDK's HttpClient against a server that notices a client going away mid-body, the
 * bridge dispatching on virtual threads, latches and Awaitility; never a sleep. The blocking call is in
 * {@link BlockingCallTest}, the cancel that lands inside {@code dispatch} in {@link DispatchRaceTest}.
 */
class CancellationIntegrationTest {

    @Test
    @DisplayName("real sockets: loads a whole 1 MB image and caches it")
    void loadsAWholeImage() throws Exception {
        try (RealGallery real = new RealGallery()) {
            CompletableFuture<Response> call = real.http.send(real.request("/images/1.jpg"));
            real.awaitRequest("/images/1.jpg").releaseAll();

            Response image = call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(image.statusCode()).isEqualTo(200);
            assertThat(image.body()).hasSize(real.server.bodyBytes());
            assertThat(real.cache.contains(real.server.uri("/images/1.jpg"))).as("the image in the cache").isTrue();
        }
    }

    @Test
    @DisplayName("real sockets: cancelled while the body streams, the server sees the client go away promptly")
    @CatchesBug(Bugs.CANCEL_IN_FLIGHT_IGNORED)
    void cancelInFlightAbortsTheExchange() throws Exception {
        try (RealGallery real = new RealGallery()) {
            CompletableFuture<Response> call = real.http.send(real.request("/images/1.jpg"));
            Served served = real.awaitRequest("/images/1.jpg"); // headers and the first 16 KB are out

            GalleryScene.CancelReturned cancel = GalleryScene.cancelNow(call);

            assertServerSawTheAbort(served, "The image download after its call was cancelled mid-body");
            cancel.assertCancelledAtOnce("the call cancelled mid-body");
            assertCancelled(call, "the call after it was cancelled");
            assertThat(real.cache.writes()).as("images written to the cache after the cancel").isEmpty();
        }
    }
}
