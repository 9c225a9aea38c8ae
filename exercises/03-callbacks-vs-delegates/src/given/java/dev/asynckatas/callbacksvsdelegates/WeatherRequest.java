package dev.asynckatas.callbacksvsdelegates;

/**
 * A request that {@link WeatherService#fetch} has started, like a {@code URLSessionDataTask}: keep it to cancel it.
 *
 * <p>Given by the kata: you do not need to change it.
 */
@FunctionalInterface
public interface WeatherRequest {

    /**
     * Stops the request: an exchange in flight is aborted (the server sees the connection close), and the
     * completion is then called with {@link WeatherResult.Cancelled}, on the service's queue. After the answer
     * came it does nothing. Safe to call from any thread, more than once.
     */
    void cancel();
}
