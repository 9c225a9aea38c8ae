package dev.asynckatas.callbacksvsdelegates;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a weather request came to, handed to the completion callback of {@link WeatherService#fetch}: the
 * weather, the reason there is none, or the news that the request was cancelled.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public sealed interface WeatherResult {

    /** The weather arrived. */
    record Loaded(Weather weather) implements WeatherResult {
        public Loaded {
            Objects.requireNonNull(weather, "weather");
        }
    }

    /**
     * No weather: the connection failed ({@link IOException}), or the service answered with an error or with
     * something that is not the weather ({@link WeatherException}). Its message says which, in words.
     */
    record Failed(IOException error) implements WeatherResult {
        public Failed {
            Objects.requireNonNull(error, "error");
        }
    }

    /** The request was cancelled ({@link WeatherRequest#cancel()}) before its answer came: nothing to show. */
    record Cancelled() implements WeatherResult {
    }

    /** The result of a completed future of {@link WeatherApi#weather}: its value, or its failure. */
    static WeatherResult of(Weather weather, Throwable failure) {
        if (failure == null) {
            return new Loaded(weather);
        }
        if (isCancellation(failure)) {
            return new Cancelled();
        }
        Throwable cause = unwrap(failure);
        return new Failed(cause instanceof IOException io ? io : new WeatherException("the weather could not be read: " + cause, cause));
    }

    /** Whether a failure is a cancel, however many completion wrappers surround it (the JDK client wraps its aborts). */
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

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
