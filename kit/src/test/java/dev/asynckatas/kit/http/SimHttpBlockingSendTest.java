package dev.asynckatas.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Lane;
import dev.asynckatas.kit.sim.Simulation;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("Simulated HttpClient: the blocking send()")
class SimHttpBlockingSendTest {

    private static final HttpRequest REPORT = HttpRequest.newBuilder(URI.create("https://api.example.com/report")).build();

    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void slowReport(SimNetwork network) {
        network.on("GET", "/report").respond(Reply.ok("the report").after(Duration.ofSeconds(5)));
    }

    /** A task body that sends {@link #REPORT} and records how it ended. */
    private Runnable sendReport(Simulation sim, HttpClient client) {
        return () -> {
            try {
                seen.add("got '" + client.send(REPORT, BodyHandlers.ofString()).body() + "' at " + sim.now().toSeconds() + " s");
            } catch (InterruptedException e) {
                seen.add("interrupted at " + sim.now().toSeconds() + " s, still interrupted: " + Thread.currentThread().isInterrupted());
            } catch (Exception e) {
                seen.add("failed: " + e);
            }
        };
    }

    @Test
    @DisplayName("send() on a lane blocks it until the response while other lanes run")
    void sendBlocksTheLaneOnly(Simulation sim, SimNetwork network) {
        sim.lane("worker").execute("sends", sendReport(sim, network.client()));
        sim.lane("other").schedule(Duration.ofSeconds(1), "runs meanwhile", () -> seen.add("other lane ran at 1 s"));

        sim.runUntilIdle();

        assertThat(seen).containsExactly("other lane ran at 1 s", "got 'the report' at 5 s");
    }

    @Test
    @DisplayName("interrupting a lane blocked in send() throws InterruptedException there and aborts the exchange")
    void interruptAbortsABlockingSend(Simulation sim, SimNetwork network) {
        Lane worker = sim.lane("worker");
        worker.execute("sends", sendReport(sim, network.client()));
        sim.lane("canceller").schedule(Duration.ofSeconds(2), "interrupts the worker", worker::interrupt);

        sim.runUntilIdle();

        assertThat(seen).containsExactly("interrupted at 2 s, still interrupted: false");
        assertThat(network.exchanges()).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(Exchange.State.ABORTED);
            assertThat(e.endedAt()).contains(Duration.ofSeconds(2));
        });
    }

    @Test
    @DisplayName("an interrupt set before send() sends nothing")
    void interruptBeforeSendSendsNothing(Simulation sim, SimNetwork network) {
        Runnable send = sendReport(sim, network.client());
        sim.lane("worker").execute("interrupted, then sends", () -> {
            Thread.currentThread().interrupt();
            send.run();
        });

        sim.runUntilIdle();

        assertThat(seen).containsExactly("interrupted at 0 s, still interrupted: false");
        assertThat(network.exchanges()).isEmpty();
    }

    @Test
    @DisplayName("send() with late headers throws HttpTimeoutException itself")
    void sendTimesOut(Simulation sim, SimNetwork network) {
        HttpClient client = network.client();
        sim.lane("worker").execute("sends with a timeout", () -> {
            try {
                client.send(HttpRequest.newBuilder(REPORT.uri()).timeout(Duration.ofSeconds(1)).build(), BodyHandlers.ofString());
                seen.add("got a response");
            } catch (HttpTimeoutException expected) {
                seen.add("timed out at " + sim.now().toSeconds() + " s");
            } catch (Exception e) {
                seen.add("failed: " + e);
            }
        });

        sim.runUntilIdle();

        assertThat(seen).containsExactly("timed out at 1 s");
        assertThat(network.exchanges()).singleElement().extracting(Exchange::state).isEqualTo(Exchange.State.TIMED_OUT);
    }
}
