package dev.asynckatas.callbacksvsdelegates;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The weather with a completion callback, like {@code URLSession.shared.dataTask(with:completionHandler:)}: one
 * app-wide instance that outlives every screen.
 *
 * <p>Like {@code URLSession}, it calls every completion on its own queue (the session's delegate queue, a
 * serial background queue), <em>never</em> on the main thread, and always after {@code fetch} has returned. Until
 * then it holds the completion, and everything the completion refers to.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class WeatherService {

    private final WeatherApi api;
    private final Executor queue;

    /**
     * @param api   the weather service's HTTP API
     * @param queue where completions run: a serial background queue, like {@code URLSession}'s delegate queue
     */
    public WeatherService(WeatherApi api, Executor queue) {
        this.api = api;
        this.queue = queue;
    }

    /**
     * Starts a request for the weather in {@code city} and returns at once (starting a request never blocks).
     *
     * @param completion called exactly once, on the service's queue, with the result; after
     *                   {@link WeatherRequest#cancel()} with {@link WeatherResult.Cancelled}, unless the answer
     *                   had already come
     * @return the running request, to cancel it
     */
    public WeatherRequest fetch(String city, Consumer<WeatherResult> completion) {
        CompletableFuture<Weather> call = api.weather(city);
        // A task of its own on the queue, not a *Async stage: a completion that throws is then an uncaught exception
        // on the queue, as on a real thread, instead of a failure silently stored in a future nobody reads.
        call.whenComplete((weather, failure) -> queue.execute(() -> completion.accept(WeatherResult.of(weather, failure))));
        // As with the JDK client's own futures, cancel(true) aborts the exchange; cancel(false) would not.
        return () -> call.cancel(true);
    }
}
