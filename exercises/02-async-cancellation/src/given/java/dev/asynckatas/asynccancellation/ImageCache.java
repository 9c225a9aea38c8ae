package dev.asynckatas.asynccancellation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where the client keeps the images it downloads, like {@code URLSession}'s {@code URLCache}: every image
 * that arrives is stored, whoever still wants it. Thread-safe.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class ImageCache {

    private final Map<URI, byte[]> images = new ConcurrentHashMap<>();
    private final List<URI> writes = new CopyOnWriteArrayList<>();

    /** Stores {@code image}, replacing any older copy. */
    public void store(URI uri, byte[] image) {
        images.put(uri, image.clone());
        writes.add(uri);
    }

    public Optional<byte[]> image(URI uri) {
        return Optional.ofNullable(images.get(uri)).map(byte[]::clone);
    }

    public boolean contains(URI uri) {
        return images.containsKey(uri);
    }

    /** Every store so far, in order: a write after a cancel is a side effect nobody asked for. */
    public List<URI> writes() {
        return List.copyOf(writes);
    }

    @Override
    public String toString() {
        return "ImageCache" + writes.stream().map(URI::getPath).toList();
    }
}
