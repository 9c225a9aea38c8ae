package dev.asynckatas.groupwaiting;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One ad image the server lists in its manifest, by file name. The name comes from the network: it is
 * checked before it becomes a path ({@link #targetIn}), so that {@code ../../etc/passwd} stays a bad name.
 */
public record AdFile(String name) {

    /** A plain file name: letters, digits, '.', '-' and '_', starting with a letter or digit, at most 100 characters. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public AdFile {
        Objects.requireNonNull(name, "name");
    }

    /**
     * Where this ad is saved inside {@code directory}.
     *
     * @throws IllegalArgumentException when the name is not a plain file name (empty, a path, {@code ..})
     */
    Path targetIn(Path directory) {
        if (!PLAIN_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("the manifest lists \"" + printable(name) + "\", which is not a plain file name"
                    + " (letters, digits, '.', '-' and '_'): it was not downloaded, so nothing is written outside the ad directory.");
        }
        Path target = directory.resolve(name).normalize();
        if (!directory.normalize().equals(target.getParent())) {
            throw new IllegalArgumentException("the file name \"" + printable(name) + "\" leads outside the ad directory.");
        }
        return target;
    }

    private static String printable(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
