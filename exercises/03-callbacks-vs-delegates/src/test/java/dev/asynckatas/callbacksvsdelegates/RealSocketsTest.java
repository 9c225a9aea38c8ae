package dev.asynckatas.callbacksvsdelegates;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.asynckatas.callbacksvsdelegates.WeatherScene.Style;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.RealScreen;
import dev.asynckatas.kit.real.RealScreen.Shown;
import dev.asynckatas.kit.real.SlowBodyServer;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kata 03 on real threads and real sockets: the JDK's HttpClient against WireMock (a delayed stub) for what the user
 * sees, and against a server that notices a client going away (WireMock cannot) for the abort when the user closes
 * the screen. Latches and Awaitility, never a sleep.
 */
class RealSocketsTest {

    @RegisterExtension
    static final WireMockExtension WEATHER = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static void stubLisbon(int status, String body, int delayMs) {
        WEATHER.stubFor(get(urlPathEqualTo("/weather")).withQueryParam("city", WireMock.equalTo("Lisbon"))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)
                        .withFixedDelay(delayMs)));
    }

    private static void userWaits(Style style) throws Exception {
        stubLisbon(200, WeatherScene.json("Lisbon", 21, "sunny"), 200);
        try (RealWeather real = new RealWeather(URI.create(WEATHER.baseUrl()))) {
            RealScreen<?> screen = real.open(style, "Lisbon");
            RealWeather.awaitShown(screen, 2, "the " + style.what + ", the answer due after 200 ms");

            assertThat(screen.shown()).as("what the " + style.what + " showed on real threads: Loading…, then the weather, both on"
                    + " the main thread (main-ui); it showed " + screen.shown()).containsExactly(
                    new Shown(Shown.Kind.LOADING, "Loading…", "main-ui", true, true),
                    new Shown(Shown.Kind.CONTENT, WeatherScene.SUNNY, "main-ui", true, true));
            screen.close();
        }
    }

    @Test
    @DisplayName("real sockets: the forecast screen shows Loading…, then the forecast from a delayed stub, on the main thread")
    void forecastUserWaits() throws Exception {
        userWaits(Style.FORECAST);
    }

    @Test
    @DisplayName("real sockets: the weather panel shows Loading…, then the weather from a delayed stub, on the main thread")
    @CatchesBug(Bugs.PANEL_OFF_MAIN)
    void panelUserWaits() throws Exception {
        userWaits(Style.PANEL);
    }

    @Test
    @DisplayName("real sockets: HTTP 503 from the service, the forecast screen shows one error on the main thread")
    void forecastShowsAnError() throws Exception {
        stubLisbon(503, "{\"error\":\"maintenance\"}", 0);
        try (RealWeather real = new RealWeather(URI.create(WEATHER.baseUrl()))) {
            RealScreen<?> screen = real.open(Style.FORECAST, "Lisbon");
            RealWeather.awaitShown(screen, 2, "the forecast screen, the service answering 503");

            assertThat(screen.shown()).extracting(Shown::kind, Shown::onMain).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(Shown.Kind.LOADING, true), org.assertj.core.groups.Tuple.tuple(Shown.Kind.ERROR, true));
            assertThat(screen.shown().get(1).text()).contains("503");
            screen.close();
        }
    }

    private static void closingAborts(Style style) throws Exception {
        try (SlowBodyServer server = SlowBodyServer.start(64, 16 * 1024);
             RealWeather real = new RealWeather(server.uri(""))) {
            RealScreen<?> screen = real.open(style, "Lisbon");
            SlowBodyServer.Served served = server.awaitRequest("/weather", RealWeather.PATIENCE); // headers and 16 KB are out

            screen.close();

            RealWeather.assertServerSawTheAbort(served, "The weather request of the " + style.what + " after the user closed it");
            assertThat(screen.shown()).as("what the " + style.what + " showed after the user closed it")
                    .allMatch(Shown::screenOpen);
        }
    }

    @Test
    @DisplayName("real sockets: closing the forecast screen mid-answer, the server sees the client go away")
    @CatchesBug(Bugs.FORECAST_NOT_CANCELLED)
    void closingTheForecastAborts() throws Exception {
        closingAborts(Style.FORECAST);
    }

    @Test
    @DisplayName("real sockets: closing the weather panel mid-answer, the server sees the client go away")
    @CatchesBug(Bugs.PANEL_NOT_CANCELLED)
    void closingThePanelAborts() throws Exception {
        closingAborts(Style.PANEL);
    }
}
