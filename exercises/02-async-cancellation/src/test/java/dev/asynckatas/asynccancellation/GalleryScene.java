package dev.asynckatas.asynccancellation;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.app.SimNavigator;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.SwimLanes;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

/**
 * Kata 02's story on the simulated platform: a gallery, its callback client over the JDK's HttpClient, the
 * image cache, the learner's {@link AsyncHttpClient} dispatching on a concurrent executor ({@code task#n}
 * lanes, as Swift's {@code Task { }} runs on the global executor), and the image server.
 */
final class GalleryScene {

    static final URI CDN = URI.create("https://cdn.gallery.test");

    final SimPlatform platform;
    final Simulation sim;
    final SimNetwork network;
    final SimNavigator navigator;
    final ImageCache cache = new ImageCache();
    final RecordingClient client;
    final AsyncHttpClient http;
    final Gallery gallery;

    GalleryScene(SimPlatform platform) {
        this.platform = platform;
        this.sim = platform.sim();
        this.network = platform.network();
        this.navigator = platform.navigator();
        this.client = new RecordingClient(sim, new JdkCallbackHttpClient(network.client(), cache));
        this.http = new AsyncHttpClient(client, sim.concurrent("task"));
        this.gallery = new Gallery(http, platform.main(), navigator);
    }

    static URI image(int n) {
        return CDN.resolve(path(n));
    }

    static String path(int n) {
        return "/images/" + n + ".jpg";
    }

    static HttpRequest request(int n) {
        return HttpRequest.newBuilder(image(n)).GET().build();
    }

    /** Image {@code n}'s bytes: recognisable, and different for every image. */
    static byte[] imageBytes(int n) {
        return ("JPEG image number " + n + " ").repeat(40).getBytes(StandardCharsets.US_ASCII);
    }

    /** Image {@code n}, whole, {@code latency} after the request. */
    static Reply imageAfter(int n, Duration latency) {
        return Reply.status(200).header("Content-Type", "image/jpeg").body(imageBytes(n)).after(latency);
    }

    static Album album(int images) {
        return new Album("Holidays", IntStream.rangeClosed(1, images).mapToObj(GalleryScene::image).toList());
    }

    /** An album of these images, in this order (an image may be listed more than once). */
    static Album albumOf(List<Integer> images) {
        return new Album("Holidays", images.stream().map(GalleryScene::image).toList());
    }

    GalleryScene serves(int n, Reply reply) {
        network.on("GET", path(n)).respond(reply);
        return this;
    }

    /** The gallery (on the main thread) asks for image {@code n}, now; returns the future it got. */
    CompletableFuture<Response> send(int n) {
        List<CompletableFuture<Response>> call = new ArrayList<>();
        sim.runOnMain("the gallery asks for image " + n, () -> call.add(http.send(request(n))));
        return call.get(0);
    }

    /** The gallery asks for images 1..{@code count} as one batch, now; returns the batch's future. */
    CompletableFuture<List<Response>> sendAll(int count) {
        return sendAll(IntStream.rangeClosed(1, count).boxed().toList());
    }

    /** The gallery asks for these images, in this order, as one batch, now; returns the batch's future. */
    CompletableFuture<List<Response>> sendAll(List<Integer> images) {
        List<CompletableFuture<List<Response>>> batch = new ArrayList<>();
        sim.runOnMain("the gallery asks for images " + images,
                () -> batch.add(http.sendAll(images.stream().map(GalleryScene::request).toList())));
        return batch.get(0);
    }

    /**
     * What {@code cancel(true)} returned, and what the future said the instant it returned: {@code Future}'s
     * contract is that it is done from then on, and cancelled if the cancel returned true.
     */
    record CancelReturned(boolean returned, boolean isDone, boolean isCancelled) {

        /** Fails unless the cancel of a pending future returned true and left it done and cancelled at once. */
        void assertCancelledAtOnce(String what) {
            if (!(returned && isDone && isCancelled)) {
                throw new AssertionError(what + ": cancel(true) on a pending future must return true and leave it done and"
                        + " cancelled by the time it returns (Future's contract: the caller may look at once, and the gallery"
                        + " does); it returned " + returned + ", and right after it isDone() was " + isDone + " and isCancelled() "
                        + isCancelled + ". A cancel that only takes effect later, on another thread, leaves a window in which"
                        + " the response still wins.");
            }
        }
    }

    /** The user cancels {@code call} on the main thread, now; returns what the cancel returned and what the future said then. */
    CancelReturned userCancels(CompletableFuture<?> call) {
        CancelReturned[] returned = new CancelReturned[1];
        sim.runOnMain("the user cancels", () -> returned[0] = cancelNow(call));
        return returned[0];
    }

    /** Cancels {@code call} with {@code cancel(true)} here, now, and looks at it the instant the cancel returns. */
    static CancelReturned cancelNow(CompletableFuture<?> call) {
        boolean returned = call.cancel(true);
        return new CancelReturned(returned, call.isDone(), call.isCancelled());
    }

    void opens(Album album) {
        sim.runOnMain("the user opens the album", () -> gallery.open(album));
    }

    void leaves() {
        sim.runOnMain("the user leaves the album", gallery::leave);
    }

    /** Moves virtual time to {@code seconds} after the start, running everything due until then. */
    void at(double seconds) {
        sim.advanceTo(seconds(seconds));
    }

    List<Exchange> requestsFor(int n) {
        return network.exchanges("GET", path(n));
    }

    /**
     * Fails, in one line, unless every one of {@code requests} was aborted at {@code at} (virtual time); {@code what}
     * says which requests and why they should have been.
     */
    static void assertEveryRequestAborted(List<Exchange> requests, Duration at, String what) {
        List<String> notAborted = requests.stream()
                .filter(request -> !request.wasAborted() || !request.endedAt().orElseThrow().equals(at))
                .map(Exchange::toString).toList();
        if (!notAborted.isEmpty()) {
            throw new AssertionError(what + ": the server should see each one aborted at " + SwimLanes.format(at)
                    + ", but it saw " + String.join("; ", notAborted));
        }
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }
}
