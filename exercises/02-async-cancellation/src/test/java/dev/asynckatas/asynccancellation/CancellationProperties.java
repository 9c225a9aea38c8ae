package dev.asynckatas.asynccancellation;

import static dev.asynckatas.asynccancellation.GalleryScene.image;
import static dev.asynckatas.asynccancellation.GalleryScene.imageAfter;
import static dev.asynckatas.asynccancellation.GalleryScene.imageBytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.assertions.FutureOutcome;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.sim.ScheduleStrategy;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.sim.TimelineReport;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Kata 02's invariants over many interleavings: when the request is dispatched, when (and whether) the user
 * cancels, what the server answers and when, and in which order the racing threads run. A failure shows the
 * smallest story jqwik could find, with its timeline.
 */
class CancellationProperties {

    /** What the server does with one image request. */
    enum Answer {
        IMAGE, SLOW_IMAGE, NOT_FOUND, CONNECTION_RESET, NO_ANSWER;

        Reply reply(int n, Duration latency) {
            return switch (this) {
                case IMAGE -> imageAfter(n, latency);
                case SLOW_IMAGE -> imageAfter(n, latency).inChunks(3, Duration.ofMillis(400));
                case NOT_FOUND -> Reply.status(404).after(latency);
                case CONNECTION_RESET -> Reply.connectionReset().after(latency);
                case NO_ANSWER -> Reply.never();
            };
        }

        boolean fails() {
            return this == CONNECTION_RESET;
        }

        boolean answers() {
            return this != NO_ANSWER;
        }
    }

    /**
     * One call.
     *
     * @param answer     what the server does
     * @param latencyMs  when the response (or the failure) comes, after the request
     * @param cancelAtMs when the user cancels (0: at once, racing the dispatch), if at all
     * @param schedule   choices where lanes race (0 = first come, first served)
     */
    record Story(Answer answer, int latencyMs, Optional<Integer> cancelAtMs, List<Integer> schedule) {
    }

    /** What the world looked like the moment the user cancelled. */
    record AtCancel(Duration at, FutureOutcome outcome, Map<Integer, Exchange.State> requests, int cacheWrites, boolean returned) {
    }

    @Property(seed = "20260202", tries = 400)
    @Label("one call, any interleaving: one outcome; aborted if and only if cancelled in flight; nothing sent if cancelled first; nothing cached after a cancel")
    @CatchesBug(Bugs.CANCEL_IN_FLIGHT_IGNORED)
    void oneCallAnyInterleaving(@ForAll("stories") Story story) {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(story.schedule())).build();
        TimelineReport.attachOnFailure(sim, () -> {
            GalleryScene scene = new GalleryScene(SimPlatform.on(sim)).serves(1, story.answer().reply(1, Duration.ofMillis(story.latencyMs())));
            int[] outcomes = {0};
            CompletableFuture<Response> call = scene.send(1);
            call.whenComplete((response, failure) -> outcomes[0]++);
            AtCancel[] atCancel = {null};
            story.cancelAtMs().ifPresent(ms -> sim.outsideLane("user").schedule(Duration.ofMillis(ms), "the user cancels",
                    () -> atCancel[0] = new AtCancel(sim.now(), FutureOutcome.of(call), states(scene), scene.cache.writes().size(),
                            call.cancel(true))));
            sim.runUntilIdle();

            FutureOutcome outcome = FutureOutcome.of(call);
            List<Exchange> requests = scene.network.exchanges();
            assertThat(outcomes[0]).as("outcomes the caller saw (whenComplete calls); the call is " + outcome)
                    .isEqualTo(outcome.isPending() ? 0 : 1);
            assertThat(requests).as("requests sent for one call").hasSizeLessThanOrEqualTo(1);
            AtCancel cancel = atCancel[0];
            if (cancel == null || !cancel.outcome().isPending()) {
                assertThat(requests).as("requests sent for a call nobody cancelled in time").hasSize(1);
                Exchange request = requests.get(0);
                assertThat(request.wasAborted()).as("the request was aborted though nobody cancelled it in time: " + request).isFalse();
                if (cancel != null) {
                    assertThat(cancel.returned()).as("cancel(true) on a call that had ended").isFalse();
                    assertThat(outcome).as("the call after a late cancel").isEqualTo(cancel.outcome());
                } else {
                    assertNaturalOutcome(story.answer(), outcome, 1);
                }
                return;
            }
            // Cancelled while the call was pending.
            assertThat(cancel.returned()).as("cancel(true) on a pending call").isTrue();
            if (cancel.requests().isEmpty()) {
                assertThat(requests).as("requests that reached the server though the call was cancelled at "
                        + cancel.at().toMillis() + " ms, before it was dispatched").isEmpty();
            } else {
                Exchange request = requests.get(0);
                assertThat(request.state()).as("the request, which was in flight when the user cancelled at " + cancel.at().toMillis()
                        + " ms: " + request).isEqualTo(Exchange.State.ABORTED);
                assertThat(request.endedAt()).as("when the server saw the abort").contains(cancel.at());
            }
            assertThat(outcome.isCancelled()).as("the call after the user cancelled it: " + outcome).isTrue();
            assertThat(scene.cache.writes()).as("cache writes after the cancel").hasSize(cancel.cacheWrites());
        });
    }

    /**
     * A batch.
     *
     * @param images     the images asked for, in order (1 to 5; an album may list an image twice, and the names do not
     *                   sort in the order of the requests)
     * @param answers    what the server does with each image, by the position where the album lists it first
     * @param latencyMs  when each response (or failure) comes, likewise
     * @param cancelAtMs when the user cancels the batch, if at all
     * @param schedule   choices where lanes race
     */
    record BatchStory(List<Integer> images, List<Answer> answers, List<Integer> latencyMs, Optional<Integer> cancelAtMs, List<Integer> schedule) {

        /** What the server does with each image asked for (the answer of the position where it is listed first). */
        Map<Integer, Answer> answerOfEachImage() {
            Map<Integer, Answer> answers = new LinkedHashMap<>();
            for (int i = 0; i < images.size(); i++) {
                answers.putIfAbsent(images.get(i), this.answers.get(i));
            }
            return answers;
        }
    }

    /** The moment the batch stopped: cancelled by the user, or failed. */
    record Stop(Duration at, int requestsSent, int cacheWrites) {
    }

    @Property(seed = "20260203", tries = 250)
    @Label("a batch, any interleaving, duplicates included: one outcome; on a cancel or the first failure every request in flight is aborted at once, none is sent later, nothing is cached later; results in request order")
    @CatchesBug(Bugs.BATCH_CANCEL_IGNORED)
    void aBatchAnyInterleaving(@ForAll("batchStories") BatchStory story) {
        Simulation sim = Simulation.builder().strategy(ScheduleStrategy.scripted(story.schedule())).build();
        TimelineReport.attachOnFailure(sim, () -> {
            GalleryScene scene = new GalleryScene(SimPlatform.on(sim));
            int size = story.images().size();
            for (int i = 0; i < size; i++) {
                int n = story.images().get(i);
                if (story.images().indexOf(n) == i) {
                    scene.serves(n, story.answers().get(i).reply(n, Duration.ofMillis(story.latencyMs().get(i))));
                }
            }
            int[] outcomes = {0};
            Stop[] stop = {null};
            CompletableFuture<List<Response>> batch = scene.sendAll(story.images());
            batch.whenComplete((responses, failure) -> {
                outcomes[0]++;
                if (failure != null && stop[0] == null) {
                    stop[0] = new Stop(sim.now(), scene.network.exchanges().size(), scene.cache.writes().size());
                }
            });
            story.cancelAtMs().ifPresent(ms -> sim.outsideLane("user").schedule(Duration.ofMillis(ms), "the user leaves the album", () -> {
                if (!batch.isDone()) {
                    stop[0] = new Stop(sim.now(), scene.network.exchanges().size(), scene.cache.writes().size());
                }
                batch.cancel(true);
            }));
            sim.runUntilIdle();

            FutureOutcome outcome = FutureOutcome.of(batch);
            List<Exchange> requests = scene.network.exchanges();
            assertThat(outcomes[0]).as("outcomes the caller saw (whenComplete calls); the batch is " + outcome)
                    .isEqualTo(outcome.isPending() ? 0 : 1);
            if (stop[0] == null) {
                assertThat(requests).as("requests of a batch that nothing stopped: one each").hasSize(size);
                assertThat(requests).as("requests aborted though nothing stopped the batch").noneMatch(Exchange::wasAborted);
                boolean allAnswer = story.answerOfEachImage().values().stream().allMatch(Answer::answers);
                if (allAnswer) {
                    assertThat(outcome.isValue()).as("the batch, every image answered: " + outcome).isTrue();
                    @SuppressWarnings("unchecked")
                    List<Response> responses = (List<Response>) ((FutureOutcome.Value) outcome).value();
                    assertThat(responses).extracting(Response::uri).as("responses, in the order of the requests")
                            .containsExactlyElementsOf(story.images().stream().map(GalleryScene::image).toList());
                } else {
                    assertThat(outcome.isPending()).as("the batch while an image never answers: " + outcome).isTrue();
                }
                return;
            }
            Stop stopped = stop[0];
            assertThat(requests).as("requests sent after the batch stopped at " + stopped.at().toMillis() + " ms")
                    .hasSize(stopped.requestsSent());
            for (Exchange request : requests) {
                Duration ended = request.endedAt().orElse(null);
                assertThat(ended).as("a request still running after the batch stopped at " + stopped.at().toMillis() + " ms: " + request)
                        .isNotNull();
                if (request.wasAborted()) {
                    assertThat(ended).as("when " + request + " was aborted (the batch stopped at " + stopped.at().toMillis() + " ms)")
                            .isEqualTo(stopped.at());
                } else {
                    assertThat(ended).as("a request that ran on after the batch stopped at " + stopped.at().toMillis() + " ms: " + request)
                            .isLessThanOrEqualTo(stopped.at());
                }
            }
            assertThat(scene.cache.writes()).as("cache writes after the batch stopped").hasSize(stopped.cacheWrites());
            if (outcome.isCancelled()) {
                assertThat(story.cancelAtMs()).as("a batch cancelled though nobody cancelled it: " + outcome).isPresent();
            } else {
                assertThat(outcome.isFailed()).as("the batch after one of its requests failed: " + outcome).isTrue();
                assertThat(((FutureOutcome.Failed) outcome).error()).as("the batch's error: the failure itself, not a sibling's cancel")
                        .isInstanceOf(IOException.class).hasMessageContaining("Connection reset");
            }
        });
    }

    private static Map<Integer, Exchange.State> states(GalleryScene scene) {
        Map<Integer, Exchange.State> states = new LinkedHashMap<>();
        scene.network.exchanges().forEach(e -> states.put(e.id(), e.state()));
        return states;
    }

    private static void assertNaturalOutcome(Answer answer, FutureOutcome outcome, int n) {
        switch (answer) {
            case IMAGE, SLOW_IMAGE -> assertThat(outcome).as("the call").isEqualTo(new FutureOutcome.Value(new Response(image(n), 200, imageBytes(n))));
            case NOT_FOUND -> assertThat(outcome).as("the call").isEqualTo(new FutureOutcome.Value(new Response(image(n), 404, new byte[0])));
            case CONNECTION_RESET -> assertThat(outcome.isFailed()).as("the call after a reset: " + outcome).isTrue();
            case NO_ANSWER -> assertThat(outcome.isPending()).as("the call while the server never answers: " + outcome).isTrue();
        }
    }

    @Provide
    Arbitrary<Story> stories() {
        return Combinators.combine(
                Arbitraries.of(Answer.class),
                Arbitraries.of(0, 200, 500, 1000, 1500),
                Arbitraries.of(0, 0, 200, 500, 900, 1000, 1200, 2000).optional(0.8),
                Arbitraries.integers().between(0, 3).list().ofMaxSize(6)
        ).as(Story::new);
    }

    @Provide
    Arbitrary<BatchStory> batchStories() {
        return Arbitraries.integers().between(1, 5).flatMap(size -> Combinators.combine(
                Arbitraries.of(1, 2, 3, 10, 20).list().ofSize(size),
                Arbitraries.of(Answer.class).list().ofSize(size),
                Arbitraries.of(0, 300, 500, 1000, 1500).list().ofSize(size),
                Arbitraries.of(0, 0, 300, 500, 800, 1000, 2500).optional(0.6),
                Arbitraries.integers().between(0, 5).list().ofMaxSize(8)
        ).as(BatchStory::new));
    }
}
