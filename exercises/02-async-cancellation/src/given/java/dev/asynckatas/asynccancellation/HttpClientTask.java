package dev.asynckatas.asynccancellation;

/**
 * A request that {@link CallbackHttpClient#dispatch} has started, like the question's {@code HTTPClientTask}.
 *
 * <p>Given by the kata: you do not need to change it.
 */
@FunctionalInterface
public interface HttpClientTask {

    /**
     * Stops the request: an exchange in flight is aborted (the server sees the connection close), and the
     * completion is called with a {@code Result.Failure} whose error is an {@code IOException("Request
     * cancelled")}, the way {@code URLSession} reports {@code NSURLErrorCancelled}. After the request has
     * finished it does nothing. Safe to call from any thread, more than once.
     */
    void cancel();
}
