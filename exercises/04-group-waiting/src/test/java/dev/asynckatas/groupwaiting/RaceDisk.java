package dev.asynckatas.groupwaiting;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

/**
 * The ad API's disk for a model-checked test: the model checker refuses every file operation (even
 * {@code Path.resolve}), so nothing is written, and no method of a {@code Path} is called: the paths it hands out
 * were made before the check started, and pass through it untouched.
 */
final class RaceDisk implements AdsApi.Disk {

    /** The ads' paths by name, made outside the check. */
    private final Map<String, Path> targets;
    /** The one temporary file every download writes to: nothing is written, so they may share it. */
    private final Path part;

    /** @param targets where each ad goes, by name; {@code part} any path: only passed around */
    RaceDisk(Map<String, Path> targets, Path part) {
        this.targets = targets;
        this.part = part;
    }

    @Override
    public Path target(AdFile file, Path directory) {
        Path target = targets.get(file.name());
        if (target == null) {
            throw new IllegalArgumentException("this test has no place for " + file.name());
        }
        return target;
    }

    @Override
    public Path newPartFile(Path directory) {
        return part;
    }

    @Override
    public HttpResponse.BodyHandler<Path> writeTo(Path part) {
        return info -> HttpResponse.BodySubscribers.replacing(part);
    }

    @Override
    public Path moveIntoPlace(Path part, Path target) {
        return target;
    }

    @Override
    public void delete(Path part) {
        // Nothing was written.
    }
}
