package dev.asynckatas.callbacksvsdelegates;

import java.io.IOException;

/**
 * The weather service answered, but not with the weather: an HTTP error status, or a body that is not the
 * weather's JSON. (A connection that fails is a plain {@link IOException}.)
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class WeatherException extends IOException {

    public WeatherException(String message) {
        super(message);
    }

    public WeatherException(String message, Throwable cause) {
        super(message, cause);
    }
}
