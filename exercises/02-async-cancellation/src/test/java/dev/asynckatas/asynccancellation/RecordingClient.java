package dev.asynckatas.asynccancellation;

import dev.asynckatas.kit.sim.Simulation;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Wraps the callback client to write what crosses it into the timeline (dispatch, completion, cancel of the
 * handle) and to remember which lane called {@code dispatch}: a failing test then shows the learner where
 * the request went and what came back.
 */
final class RecordingClient implements CallbackHttpClient {

    private final Simulation sim;
    private final CallbackHttpClient real;
    private final List<String> dispatchLanes = new ArrayList<>();

    RecordingClient(Simulation sim, CallbackHttpClient real) {
        this.sim = sim;
        this.real = real;
    }

    @Override
    public HttpClientTask dispatch(HttpRequest request, Consumer<Result> completion) {
        String path = request.uri().getPath();
        dispatchLanes.add(lane());
        sim.timeline().note(lane(), "dispatch(GET " + path + ")");
        HttpClientTask task = real.dispatch(request, result -> {
            sim.timeline().note(lane(), "completion of " + path + ": " + describe(result));
            completion.accept(result);
        });
        return () -> {
            sim.timeline().note(lane(), "HttpClientTask.cancel() of " + path);
            task.cancel();
        };
    }

    /** The lane of every dispatch call so far. */
    List<String> dispatchLanes() {
        return List.copyOf(dispatchLanes);
    }

    private String lane() {
        return sim.currentLane() == null ? "test" : sim.currentLane().name();
    }

    private static String describe(Result result) {
        return switch (result) {
            case Result.Success success -> "success, " + success.response();
            case Result.Failure failure -> "failure, " + failure.error();
        };
    }
}
