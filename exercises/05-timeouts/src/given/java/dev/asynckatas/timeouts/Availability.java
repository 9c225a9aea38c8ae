package dev.asynckatas.timeouts;

import java.util.Objects;

/**
 * The server's answer for one user name: free to take, or taken.
 *
 * <p>Given by the kata: you do not need to change it.
 *
 * @param name      the name that was checked
 * @param available whether nobody has it yet
 */
public record Availability(String name, boolean available) {

    public Availability {
        Objects.requireNonNull(name, "name");
    }
}
