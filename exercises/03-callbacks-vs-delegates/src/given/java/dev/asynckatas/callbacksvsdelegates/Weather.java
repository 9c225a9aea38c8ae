package dev.asynckatas.callbacksvsdelegates;

import java.util.Objects;

/**
 * The weather in a city, as the weather service reports it: the asker's {@code WeatherData}.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public record Weather(String city, double temperatureCelsius, String summary) {

    public Weather {
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(summary, "summary");
        if (!Double.isFinite(temperatureCelsius)) {
            throw new IllegalArgumentException("not a temperature: " + temperatureCelsius);
        }
    }

    /** What a screen shows: {@code "Lisbon: 21°C, sunny"}. */
    public String describe() {
        return city + ": " + Math.round(temperatureCelsius) + "°C, " + summary;
    }
}
