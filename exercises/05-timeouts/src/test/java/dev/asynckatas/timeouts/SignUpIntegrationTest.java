package dev.asynckatas.timeouts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.asynckatas.timeouts.RealSignUp.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.asynckatas.kit.junit.CatchesBug;
import dev.asynckatas.kit.real.SlowBodyServer;
import dev.asynckatas.kit.real.SlowBodyServer.Outcome;
import dev.asynckatas.kit.real.SlowBodyServer.Served;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kata 05 on real sockets: the JDK's HttpClient, a real main thread, a WireMock accounts server that answers late or
 * dribbles its body, and the kit's slow-body server, which holds its answer under the test's control and notices when
 * the client goes away. Each test first sends one whole exchange on the same client, so that the screen's request
 * reuses a warm connection and its timeout is about the server, not about a cold JVM opening its first socket.
 */
class SignUpIntegrationTest {

    @RegisterExtension
    static WireMockExtension accounts = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().asynchronousResponseEnabled(true).asynchronousResponseThreads(4)).build();

    /** The screen's timeout on real sockets: short, so the tests are quick; the servers take far longer. */
    static final Duration TIMEOUT = Duration.ofMillis(500);

    private static void stubAda(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        accounts.stubFor(get(urlPathEqualTo("/users/available")).withQueryParam("name", equalTo("ada")).willReturn(response));
        accounts.stubFor(get(urlPathEqualTo("/warm-up")).willReturn(aResponse().withStatus(204)));
    }

    private static void warmUp(RealSignUp app, URI uri) throws Exception {
        app.http.sendAsync(HttpRequest.newBuilder(uri).build(), BodyHandlers.discarding()).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    @DisplayName("WireMock answers after 3 s (withFixedDelay): the main thread stays free, and the label says the server did not answer in time")
    @CatchesBug(Bugs.BLOCKS_MAIN)
    void aLateAnswerTimesOutForReal() throws Exception {
        stubAda(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"name\": \"ada\", \"available\": true}").withFixedDelay(3000));
        try (RealSignUp app = new RealSignUp(URI.create(accounts.baseUrl()), TIMEOUT, () -> { })) {
            warmUp(app, URI.create(accounts.baseUrl() + "/warm-up"));

            app.tap("ada");
            app.assertMainThreadResponsive("after the tap");

            RealSignUp.Event outcome = app.awaitOutcome();
            assertThat(outcome).as("the outcome the label showed (all: " + app.events + ")")
                    .isEqualTo(new RealSignUp.Event(false, StatusText.TIMED_OUT, true));
        }
    }

    @Test
    @DisplayName("WireMock sends the headers at once and dribbles the body over 3 s: the label says the server did not answer in time, first")
    @CatchesBug(Bugs.BLOCKS_MAIN)
    void aDribblingBodyTimesOutForReal() throws Exception {
        stubAda(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"name\": \"ada\", \"available\": true}").withChunkedDribbleDelay(10, 3000));
        try (RealSignUp app = new RealSignUp(URI.create(accounts.baseUrl()), TIMEOUT, () -> { })) {
            warmUp(app, URI.create(accounts.baseUrl() + "/warm-up"));

            app.tap("ada");
            app.assertMainThreadResponsive("after the tap");

            RealSignUp.Event outcome = app.awaitOutcome();
            assertThat(outcome.text()).as("the first outcome the label showed (all: " + app.events + "): the headers came at once,"
                    + " so HttpRequest.timeout never fires; only a deadline for the whole check gives up on the body")
                    .isEqualTo(StatusText.TIMED_OUT);
        }
    }

    @Test
    @DisplayName("the slow-body server sends the headers and holds the body: the check gives up, and the server sees the client go away")
    @CatchesBug(Bugs.NO_DEADLINE)
    void aStalledBodyIsAbortedForReal() throws Exception {
        try (SlowBodyServer server = SlowBodyServer.start(16, 1024);
             RealSignUp app = new RealSignUp(server.uri("/"), Duration.ofSeconds(1), () -> server.served().forEach(Served::releaseAll))) {
            warmUp(app, server, "/warm-up");

            app.tap("ada");
            Served ada = server.awaitRequest("/users/available", PATIENCE);
            app.assertMainThreadResponsive("after the tap");

            assertThat(app.awaitOutcome().text()).as("the outcome the label showed (all: " + app.events + ")").isEqualTo(StatusText.TIMED_OUT);
            assertServerSawTheClientGo(ada, "the check of ada, whose body stalled");
        }
    }

    @Test
    @DisplayName("the slow-body server holds ada's answer; the user asks about bob: ada's exchange is aborted, and nothing is shown for ada")
    @CatchesBug(Bugs.CHECKS_QUEUE_UP)
    void aReplacedCheckIsAbortedForReal() throws Exception {
        try (SlowBodyServer server = SlowBodyServer.startHoldingHeaders(4, 1024);
             RealSignUp app = new RealSignUp(server.uri("/"), Duration.ofSeconds(30), () -> server.served().forEach(Served::releaseAll))) {
            warmUp(app, server, "/warm-up");

            app.tap("ada");
            Served ada = server.awaitRequest("/users/available", PATIENCE);
            app.assertMainThreadResponsive("after the tap for ada");
            app.tap("bob");
            app.assertMainThreadResponsive("after the tap for bob");

            assertServerSawTheClientGo(ada, "the check of ada, when the user asked about bob");
            server.awaitRequest("/users/available", PATIENCE);
            app.assertMainThreadResponsive("after ada's exchange was aborted"); // whatever ada's end queued has run by now
            assertThat(app.sinceLastTap()).as("what the label showed since the user asked about bob (all: " + app.events
                    + "): ada's cancellation is no error").containsOnly(new RealSignUp.Event(false, StatusText.CHECKING, true));
        }
    }

    /** One whole exchange on the app's client first, released by the test: the screen's request reuses its connection. */
    private static void warmUp(RealSignUp app, SlowBodyServer server, String path) throws Exception {
        var warmUp = app.http.sendAsync(HttpRequest.newBuilder(server.uri(path)).build(), BodyHandlers.discarding());
        server.awaitRequest(path, PATIENCE).releaseAll();
        warmUp.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void assertServerSawTheClientGo(Served served, String what) {
        try {
            await().dontCatchUncaughtExceptions().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        } catch (ConditionTimeoutException stillSending) {
            served.releaseAll();
            await().dontCatchUncaughtExceptions().pollDelay(Duration.ZERO).atMost(PATIENCE).until(served::isOver);
        }
        assertThat(served.outcome()).as(what + ": the server should see the client go away (the app gave up on the exchange);"
                + " it " + served).isEqualTo(Outcome.ABORTED);
    }
}
