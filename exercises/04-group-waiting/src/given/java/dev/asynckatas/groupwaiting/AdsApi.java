package dev.asynckatas.groupwaiting;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The ad server's API: the list of ad files ({@code GET /ads/manifest}, a JSON array of file names) and each
 * file ({@code GET /ads/{name}}). Like Alamofire's {@code download} in the original, {@link #download} saves the
 * file into a directory and reports through its future; it never throws: every problem arrives through the
 * future, as an {@link IOException} (often an {@link AdsException}) or an {@link IllegalArgumentException} for
 * a file name that is not a plain name.
 *
 * <p>Given by the kata: you do not need to change it.
 */
public final class AdsApi {

    /** How long the server may take to start answering one request (HttpRequest.timeout: the headers only). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI server;

    /**
     * @param http   the JDK's HTTP client (the simulated one in tests)
     * @param server the ad server's base address
     */
    public AdsApi(HttpClient http, URI server) {
        this.http = http;
        this.server = server;
    }

    /**
     * The files to download. Completes on the HTTP client's thread, or fails with an {@link AdsException} (an
     * error status, a manifest that is not a JSON array of strings) or an {@code IOException} (no connection).
     */
    public CompletableFuture<List<AdFile>> manifest() {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/ads/manifest")).timeout(REQUEST_TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new CompletionException(new AdsException("the ad server answered HTTP " + response.statusCode() + " to GET /ads/manifest."));
            }
            try {
                // A name listed twice is one file on disk: download it once.
                return Manifest.parse(response.body()).stream().distinct().map(AdFile::new).toList();
            } catch (AdsException unreadable) {
                throw new CompletionException(unreadable);
            }
        });
    }

    /**
     * Downloads {@code file} into {@code directory}. The future completes, on the HTTP client's thread, with the
     * saved file once it is complete on disk, or fails; a failed download leaves no file behind (the bytes go to
     * a temporary {@code .part} file, moved into place only when the whole body has arrived with HTTP 200).
     * {@code cancel(true)} on the future, or on a stage derived from it, aborts the download.
     */
    public CompletableFuture<Path> download(AdFile file, Path directory) {
        Path target;
        Path part;
        try {
            target = file.targetIn(directory);
        } catch (IllegalArgumentException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        try {
            part = Files.createTempFile(directory, ".download-", ".part");
        } catch (IOException | RuntimeException unwritable) {
            return CompletableFuture.failedFuture(new AdsException("the ad directory " + directory + " cannot be written ("
                    + unwritable.getClass().getSimpleName() + "): nothing was downloaded into it.", unwritable));
        }
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/ads/" + file.name())).timeout(REQUEST_TIMEOUT).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofFile(part))
                .handle((response, failure) -> saved(file, part, target, response, failure));
    }

    private static Path saved(AdFile file, Path part, Path target, HttpResponse<Path> response, Throwable failure) {
        try {
            if (failure != null) {
                throw new AdsException("the download failed: " + FailedDownload.reasonOf(failure), failure);
            }
            if (response.statusCode() != 200) {
                throw new AdsException("the ad server answered HTTP " + response.statusCode() + ".");
            }
            return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException failed) {
            deleteQuietly(part);
            throw new CompletionException(failed);
        }
    }

    private static void deleteQuietly(Path part) {
        try {
            Files.deleteIfExists(part);
        } catch (IOException ignored) {
            // A leftover .part file is never counted: only complete files get the ad's own name.
        }
    }

    /** The manifest's format: a JSON array of strings, {@code ["a.png", "b.png"]}. */
    static final class Manifest {

        private Manifest() {
        }

        static List<String> parse(String json) throws AdsException {
            String text = json == null ? "" : json.strip();
            if (!text.startsWith("[") || !text.endsWith("]")) {
                throw unreadable("it is not a JSON array");
            }
            List<String> names = new ArrayList<>();
            int i = skipSpaces(text, 1);
            if (text.charAt(i) == ']') {
                return names;
            }
            while (true) {
                if (text.charAt(i) != '"') {
                    throw unreadable("expected a string at character " + i);
                }
                StringBuilder name = new StringBuilder();
                i++;
                while (i < text.length() - 1 && text.charAt(i) != '"') {
                    char c = text.charAt(i++);
                    if (c == '\\') {
                        char escaped = text.charAt(i++);
                        switch (escaped) {
                            case '"', '\\', '/' -> name.append(escaped);
                            case 'n' -> name.append('\n');
                            case 't' -> name.append('\t');
                            case 'u' -> {
                                if (i + 4 > text.length() - 1) {
                                    throw unreadable("a broken \\u escape");
                                }
                                try {
                                    name.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                                } catch (NumberFormatException broken) {
                                    throw unreadable("a broken \\u escape");
                                }
                                i += 4;
                            }
                            default -> throw unreadable("an unknown escape \\" + escaped);
                        }
                    } else {
                        name.append(c);
                    }
                }
                if (text.charAt(i) != '"') {
                    throw unreadable("a string is not closed");
                }
                names.add(name.toString());
                i = skipSpaces(text, i + 1);
                if (text.charAt(i) == ']' && i == text.length() - 1) {
                    return names;
                }
                if (text.charAt(i) != ',') {
                    throw unreadable("expected ',' or ']' at character " + i);
                }
                i = skipSpaces(text, i + 1);
            }
        }

        private static int skipSpaces(String text, int from) {
            int i = from;
            while (i < text.length() - 1 && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private static AdsException unreadable(String why) {
            return new AdsException("the ad manifest could not be read: " + why + ".");
        }
    }
}
