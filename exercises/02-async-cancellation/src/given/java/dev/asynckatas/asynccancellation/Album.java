package dev.asynckatas.asynccancellation;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An album of the gallery: a name and the addresses of its images, in the order they are shown.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public record Album(String name, List<URI> images) {

    public Album {
        Objects.requireNonNull(name, "name");
        images = List.copyOf(images);
    }

    /** The screen that shows this album, once every image is in. */
    public String screen() {
        return "album " + name;
    }
}
