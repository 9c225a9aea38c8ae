package dev.asynckatas.kit.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@SimulationTest
@DisplayName("Simulated HttpClient: secrets stay out of the timeline")
class SimHttpSecretsTest {

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.s3cr3t";

    @Test
    @DisplayName("the timeline never shows the Authorization value or a bearer token, while Exchange.header still gives it to assertions")
    void authorizationIsRedacted(Simulation sim, SimNetwork network) {
        network.on("GET", "/me").respond(Reply.ok("{}"));
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://api.example.com/me?token=" + TOKEN + "&lang=en"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("X-Trace", "trace-1")
                .build();

        network.client().sendAsync(request, BodyHandlers.ofString());
        sim.runUntilIdle();

        String rendered = sim.timeline().render();
        assertThat(rendered).doesNotContain(TOKEN).doesNotContain("s3cr3t");
        assertThat(sim.timeline().events()).map(TimelineEvent::text).noneMatch(text -> text.contains("s3cr3t"));
        assertThat(rendered).contains("GET /me").contains("X-Trace");
        Exchange exchange = network.exchanges().get(0);
        assertThat(exchange.header("Authorization")).contains("Bearer " + TOKEN);
        assertThat(exchange.toString()).doesNotContain("s3cr3t").contains("lang=en");
    }
}
