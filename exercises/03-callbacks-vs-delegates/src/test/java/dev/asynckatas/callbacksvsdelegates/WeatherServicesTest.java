package dev.asynckatas.callbacksvsdelegates;

import static dev.asynckatas.callbacksvsdelegates.WeatherScene.LISBON;
import static dev.asynckatas.callbacksvsdelegates.WeatherScene.seconds;
import static dev.asynckatas.callbacksvsdelegates.WeatherScene.sunny;
import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.junit.SimulationTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kata's two given app-wide services keep the promises their screens rely on: answers on their own queue, never
 * on the main thread and never before the call returned; cancel aborts and reports a cancel; a listener's
 * registration removes exactly that registration.
 */
@SimulationTest
class WeatherServicesTest {

    @Test
    @DisplayName("the callback service calls the completion once, on its own queue, after fetch returned")
    void completionOnTheServiceQueue(SimPlatform platform) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(0));
        List<String> seen = new ArrayList<>();

        platform.sim().runOnMain("the screen fetches", () -> {
            scene.service.fetch(LISBON, result -> seen.add(platform.sim().currentLane() + ": " + result));
            seen.add("fetch returned");
        });
        platform.sim().runUntilIdle();

        assertThat(seen).containsExactly("fetch returned", "service-queue: Loaded[weather=Weather[city=Lisbon, temperatureCelsius=21.0, summary=sunny]]");
    }

    @Test
    @DisplayName("the callback service: cancel aborts the exchange and reports Cancelled, once; a cancel after the answer changes nothing")
    void cancelAbortsAndReportsCancelled(SimPlatform platform) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(3), sunny(1));
        List<WeatherResult> first = new ArrayList<>();
        List<WeatherResult> second = new ArrayList<>();
        List<WeatherRequest> requests = new ArrayList<>();

        platform.sim().runOnMain("fetches twice", () -> {
            requests.add(scene.service.fetch(LISBON, first::add));
            requests.add(scene.service.fetch(LISBON, second::add));
        });
        scene.at(2);
        platform.sim().runOnMain("cancels both", () -> requests.forEach(WeatherRequest::cancel));
        platform.sim().runOnMain("cancels both again", () -> requests.forEach(WeatherRequest::cancel));
        platform.sim().runUntilIdle();

        assertThat(first).containsExactly(new WeatherResult.Cancelled());
        assertThat(second).singleElement().isInstanceOf(WeatherResult.Loaded.class);
        assertThat(scene.requestsFor(LISBON)).extracting(Exchange::state).containsExactly(Exchange.State.ABORTED, Exchange.State.COMPLETED);
    }

    /** Records the events it hears, with the lane they came on. */
    private static final class Recorder implements WeatherDownloader.Listener {
        final List<String> heard = new ArrayList<>();
        final SimPlatform platform;

        Recorder(SimPlatform platform) {
            this.platform = platform;
        }

        @Override
        public void weatherArrived(WeatherDownloader.Download download, Weather weather) {
            heard.add(platform.sim().currentLane() + ": " + download + " " + weather.describe());
        }

        @Override
        public void downloadFailed(WeatherDownloader.Download download, IOException error) {
            heard.add(platform.sim().currentLane() + ": " + download + " failed");
        }

        @Override
        public void downloadCancelled(WeatherDownloader.Download download) {
            heard.add(platform.sim().currentLane() + ": " + download + " cancelled");
        }
    }

    @Test
    @DisplayName("the downloader tells every registered listener, on its own queue; a removed registration hears nothing more")
    void listenersHearEveryDownloadUntilRemoved(SimPlatform platform) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(1));
        Recorder a = new Recorder(platform);
        Recorder b = new Recorder(platform);
        List<WeatherDownloader.Registration> registrations = new ArrayList<>();

        platform.sim().runOnMain("registers and downloads", () -> {
            registrations.add(scene.downloader.addListener(a));
            registrations.add(scene.downloader.addListener(b));
            registrations.add(scene.downloader.addListener(b)); // twice: hears twice, until each registration is removed
            scene.downloader.download(LISBON);
        });
        scene.at(2);
        platform.sim().runOnMain("removes b's first registration, twice, and downloads", () -> {
            registrations.get(1).remove();
            registrations.get(1).remove();
            scene.downloader.download(LISBON).cancel();
        });
        platform.sim().runUntilIdle();

        assertThat(a.heard).containsExactly("downloader-queue: download #1 (Lisbon) Lisbon: 21°C, sunny",
                "downloader-queue: download #2 (Lisbon) cancelled");
        assertThat(b.heard).containsExactly("downloader-queue: download #1 (Lisbon) Lisbon: 21°C, sunny",
                "downloader-queue: download #1 (Lisbon) Lisbon: 21°C, sunny", "downloader-queue: download #2 (Lisbon) cancelled");
        assertThat(scene.downloader.listenerCount()).isEqualTo(2);
        registrations.forEach(WeatherDownloader.Registration::remove);
        assertThat(scene.downloader.listenerCount()).isZero();
    }

    @Test
    @DisplayName("the downloader: a listener that throws does not keep the others from hearing")
    void aThrowingListenerDoesNotSilenceTheOthers(SimPlatform platform) {
        WeatherScene scene = new WeatherScene(platform).serves(LISBON, sunny(1));
        Recorder after = new Recorder(platform);

        platform.sim().runOnMain("registers and downloads", () -> {
            scene.downloader.addListener(new WeatherDownloader.Listener() {
                @Override
                public void weatherArrived(WeatherDownloader.Download download, Weather weather) {
                    throw new IllegalStateException("a broken listener");
                }

                @Override
                public void downloadFailed(WeatherDownloader.Download download, IOException error) {
                }
            });
            scene.downloader.addListener(after);
            scene.downloader.download(LISBON);
        });
        scene.at(seconds(2).toSeconds());

        assertThat(after.heard).singleElement().asString().endsWith("Lisbon: 21°C, sunny");
        assertThat(platform.sim().takeUncaughtExceptions()).singleElement().asString().contains("a broken listener");
    }
}
