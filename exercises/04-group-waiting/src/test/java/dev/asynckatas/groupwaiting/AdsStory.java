package dev.asynckatas.groupwaiting;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.sim.SimExecutorService;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.SwimLanes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Kata 04's story on the simulated platform: the ad server, the app's ad directory, the updater, and what "done"
 * reported, when, and on which thread. Times are seconds since the start.
 */
final class AdsStory {

    static final URI SERVER = URI.create("https://ads.test");
    /** The manifest arrives half a second after it is asked for. */
    static final Duration MANIFEST_LATENCY = seconds(0.5);

    /**
     * One call of {@code onDone}: the report, when, whether on the main thread, and which downloads the server was
     * still sending at that moment.
     */
    record Done(UpdateReport report, Duration at, boolean onMain, List<String> stillDownloading) {
        @Override
        public String toString() {
            return "\"" + report.summary() + "\" at " + SwimLanes.format(at) + (onMain ? " on MAIN" : " off MAIN")
                    + (stillDownloading.isEmpty() ? "" : " while still downloading " + stillDownloading);
        }
    }

    final SimPlatform platform;
    final Simulation sim;
    final SimNetwork network;
    final SimExecutorService downloadQueue;
    final Path directory;
    final AdUpdater updater;
    final List<Done> done = new ArrayList<>();

    /** @param home a fresh directory for this story; the ads go to {@code home/ads} */
    AdsStory(SimPlatform platform, Path home) {
        this.platform = platform;
        this.sim = platform.sim();
        this.network = platform.network();
        this.downloadQueue = SimExecutorService.serial(sim, "downloadQueue");
        try {
            this.directory = Files.createDirectories(home.resolve("ads"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.updater = new AdUpdater(new AdsApi(network.client(), SERVER), directory, downloadQueue, platform.main());
    }

    /** The server lists these files (a JSON array), half a second after it is asked. */
    AdsStory manifestLists(String... names) {
        String json = Stream.of(names).map(AdsStory::jsonString).collect(Collectors.joining(",", "[", "]"));
        return manifestAnswers(Reply.status(200).json(json).after(MANIFEST_LATENCY));
    }

    AdsStory manifestAnswers(Reply reply) {
        network.on("GET", "/ads/manifest").respond(reply);
        return this;
    }

    /** The first request for the manifest gets the first list, later ones the second, each half a second later. */
    AdsStory manifestListsInTurn(List<String> first, List<String> second) {
        Reply[] replies = Stream.of(first, second).map(names -> Reply.status(200).json(names.stream().map(AdsStory::jsonString)
                .collect(Collectors.joining(",", "[", "]"))).after(MANIFEST_LATENCY)).toArray(Reply[]::new);
        network.on("GET", "/ads/manifest").respondInTurn(replies);
        return this;
    }

    /** {@code GET /ads/name} gets {@code replies}, one per request in turn (the last one repeats). */
    AdsStory servesInTurn(String name, Reply... replies) {
        network.on("GET", "/ads/" + name).respondInTurn(replies);
        return this;
    }

    /** {@code GET /ads/name} gets {@code reply}. */
    AdsStory serves(String name, Reply reply) {
        network.on("GET", "/ads/" + name).respond(reply);
        return this;
    }

    /** The image {@code name}, complete, after {@code latency} seconds. */
    static Reply image(String name, double latency) {
        return Reply.status(200).header("Content-Type", "image/png").body(bytesOf(name)).after(seconds(latency));
    }

    /** The server's bytes for {@code name}: different for every name, a few hundred bytes. */
    static byte[] bytesOf(String name) {
        return ("PNG image " + name + " ").repeat(20).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The app calls {@code updateAds} on the main thread, now; {@code onDone} records what it got, in {@link #done}
     * and in the list returned: the calls of this update's {@code onDone} alone.
     */
    List<Done> appUpdatesAds() {
        List<Done> mine = new ArrayList<>();
        sim.runOnMain("the app updates its ads", () -> updater.updateAds(report -> {
            Done call = new Done(report, sim.now(), platform.main().isCurrent(), stillDownloading());
            done.add(call);
            mine.add(call);
        }));
        return mine;
    }

    /** The ad directory already holds {@code name}, with {@code text} as its bytes (left by an earlier update). */
    AdsStory alreadyOnDisk(String name, String text) {
        try {
            Files.writeString(directory.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Moves virtual time to {@code seconds} after the start, running everything due until then. */
    void at(double seconds) {
        sim.advanceTo(seconds(seconds));
    }

    /** The requests for ad files (not the manifest) the server saw. */
    List<Exchange> downloadRequests() {
        return network.exchanges().stream().filter(e -> !e.path().equals("/ads/manifest")).toList();
    }

    /** The files whose download the server is still sending. */
    List<String> stillDownloading() {
        return downloadRequests().stream().filter(Exchange::isInFlight).map(e -> e.path().substring("/ads/".length())).toList();
    }

    /** When the last download ended, as the server saw it (a finished body, a failure, an abort). */
    Optional<Duration> lastDownloadEnded() {
        return downloadRequests().stream().map(e -> e.endedAt().orElse(Duration.ofDays(1))).max(Comparator.naturalOrder());
    }

    /** The files in the ad directory, with their contents: every regular file, leftovers included. */
    Map<String, byte[]> filesOnDisk() {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.list(directory)) {
            for (Path file : all.toList()) {
                files.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
