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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
    private final Disk disk;

    /**
     * @param http   the JDK's HTTP client (the simulated one in tests)
     * @param server the ad server's base address
     */
    public AdsApi(HttpClient http, URI server) {
        this(http, server, Disk.FILE_SYSTEM);
    }

    /** For the model-checked tests, which cannot touch the file system: the files go to {@code disk} instead. */
    AdsApi(HttpClient http, URI server, Disk disk) {
        this.http = http;
        this.server = server;
        this.disk = disk;
    }

    /**
     * Where a download's bytes go, and how its file is put in place: the file system, or, in the tests that explore
     * real threads with a model checker (which refuses every file operation, even {@code Path.resolve}), a fake.
     */
    interface Disk {
        /** Where {@code file} is saved inside {@code directory}; an {@link IllegalArgumentException} for a bad name. */
        Path target(AdFile file, Path directory);

        /** A new, empty temporary file in {@code directory}, for the bytes while they arrive. */
        Path newPartFile(Path directory) throws IOException;

        /** The body handler that writes the response's bytes to {@code part}. */
        HttpResponse.BodyHandler<Path> writeTo(Path part);

        /** Puts the complete {@code part} in place as {@code target}, at once, replacing an older copy. */
        Path moveIntoPlace(Path part, Path target) throws IOException;

        /** Deletes {@code part} if it is there. */
        void delete(Path part) throws IOException;

        Disk FILE_SYSTEM = new Disk() {
            @Override
            public Path target(AdFile file, Path directory) {
                return file.targetIn(directory);
            }

            @Override
            public Path newPartFile(Path directory) throws IOException {
                return Files.createTempFile(directory, ".download-", ".part");
            }

            @Override
            public HttpResponse.BodyHandler<Path> writeTo(Path part) {
                return HttpResponse.BodyHandlers.ofFile(part);
            }

            @Override
            public Path moveIntoPlace(Path part, Path target) throws IOException {
                return Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }

            @Override
            public void delete(Path part) throws IOException {
                Files.deleteIfExists(part);
            }
        };
    }

    /**
     * The files to download. Completes on one of the HTTP client's threads (the JDK's client completes its futures in
     * {@code CompletableFuture}'s default pool, not on the main thread), or fails with an {@link AdsException} (an
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
     * Downloads {@code file} into {@code directory}. The future completes with the saved file once it is complete on
     * disk, or fails; a failed download leaves no file behind (the bytes go to a temporary {@code .part} file, moved
     * into place only when the whole body has arrived with HTTP 200). It completes on one of the HTTP client's
     * threads: several downloads may complete at the same moment, on different threads.
     *
     * <p>To stop a download, cancel <em>this</em> future. Its answer is the truth: {@code cancel} returns true only
     * if the file will never be put in place ({@code cancel(true)} also aborts the exchange; with
     * {@code cancel(false)} the bytes still arrive and are thrown away); it returns false when the download has
     * already finished, or is putting its file in place at that very moment: the future then completes with that
     * outcome. A stage derived from it ({@code whenComplete}, {@code thenApply}, {@code allOf(...)}) is an
     * ordinary {@code CompletableFuture}: cancelling it stops no download.
     */
    public CompletableFuture<Path> download(AdFile file, Path directory) {
        Path target;
        Path part;
        try {
            target = disk.target(file, directory);
        } catch (IllegalArgumentException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        try {
            part = disk.newPartFile(directory);
        } catch (IOException | RuntimeException unwritable) {
            return CompletableFuture.failedFuture(new AdsException("the ad directory " + directory + " cannot be written ("
                    + unwritable.getClass().getSimpleName() + "): nothing was downloaded into it.", unwritable));
        }
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/ads/" + file.name())).timeout(REQUEST_TIMEOUT).GET().build();
        CompletableFuture<HttpResponse<Path>> exchange = http.sendAsync(request, disk.writeTo(part));
        Download download = new Download(exchange);
        exchange.whenComplete((response, failure) -> {
            if (!download.settling()) {
                deleteQuietly(part); // cancelled first: the bytes are thrown away, the file never lands
                return;
            }
            try {
                download.complete(saved(part, target, response, failure));
            } catch (CompletionException failed) {
                download.completeExceptionally(failed.getCause());
            }
        });
        return download;
    }

    private Path saved(Path part, Path target, HttpResponse<Path> response, Throwable failure) {
        try {
            if (failure != null) {
                throw new AdsException("the download failed: " + FailedDownload.reasonOf(failure), failure);
            }
            if (response.statusCode() != 200) {
                throw new AdsException("the ad server answered HTTP " + response.statusCode() + ".");
            }
            return disk.moveIntoPlace(part, target);
        } catch (IOException | RuntimeException failed) {
            deleteQuietly(part);
            throw new CompletionException(failed);
        }
    }

    private void deleteQuietly(Path part) {
        try {
            disk.delete(part);
        } catch (IOException ignored) {
            // A leftover .part file is never counted: only complete files get the ad's own name.
        }
    }

    /**
     * The future of one download. Its {@code cancel} and the move of the finished file into place exclude each
     * other (one lock, held only for a flag, never while other code runs), so that {@code cancel}'s answer holds:
     * true, and the file is never put in place; false, and the download completes with its own outcome.
     */
    private static final class Download extends ClientStage<Path> {
        private boolean cancelled; // guarded by this
        private boolean settling;  // guarded by this: the exchange is over, its outcome is being recorded

        Download(CompletableFuture<?> exchange) {
            super(exchange);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (this) {
                if (settling || isDone()) {
                    return false; // finished, or putting its file in place: its outcome comes through the future
                }
                cancelled = true; // from here on, settling() refuses: the bytes are thrown away
            }
            boolean nowCancelled = super.cancel(mayInterruptIfRunning);
            if (mayInterruptIfRunning) {
                client.cancel(true); // aborts the exchange (the JDK's HttpClient does on cancel(true))
            }
            return nowCancelled;
        }

        /** The exchange is over: whether its outcome may be recorded (and its file put in place), or it was cancelled first. */
        synchronized boolean settling() {
            if (cancelled || isDone()) {
                return false;
            }
            settling = true; // from here on, cancel() answers false
            return true;
        }
    }

    /**
     * A stage derived from a download: an ordinary {@code CompletableFuture} (its cancel stops nothing upstream)
     * that waits, and runs its {@code *Async} work without an executor, as the HTTP client's futures do (so the
     * simulated client used by the tests can run its simulation while a test waits).
     */
    private static class ClientStage<T> extends CompletableFuture<T> {
        /** A future of the HTTP client: its kind of waiting, its default executor, and for a download its exchange. */
        final CompletableFuture<?> client;

        ClientStage(CompletableFuture<?> client) {
            this.client = client;
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new ClientStage<>(client);
        }

        @Override
        public Executor defaultExecutor() {
            return client.defaultExecutor();
        }

        @Override
        public T join() {
            if (!isDone()) {
                whenDone().join();
            }
            return super.join();
        }

        @Override
        public T get() throws InterruptedException, ExecutionException {
            if (!isDone()) {
                whenDone().get();
            }
            return super.get();
        }

        @Override
        public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
            if (!isDone()) {
                whenDone().get(timeout, unit);
            }
            return super.get();
        }

        /** A future of the client's kind that completes (normally) when this one completes in any way. */
        private CompletableFuture<Void> whenDone() {
            CompletableFuture<Void> done = client.newIncompleteFuture();
            whenComplete((result, failure) -> done.complete(null));
            return done;
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
