package dev.asynckatas.timeouts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.junit.SimulationTest;
import dev.asynckatas.kit.sim.Simulation;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The user-name API the kata gives: any name reaches the server intact, and anything but a proper answer is refused clearly. */
@SimulationTest
class UsernameApiTest {

    @Test
    @DisplayName("any name the user types reaches the server as typed: spaces, &, =, ?, #, slashes, percent signs, plus signs, accents, emoji")
    void anyNameReachesTheServerIntact(Simulation sim, SimNetwork network) {
        List<String> names = List.of("ada lovelace", "a&b=c", "what?#not-a-fragment", "../../etc/passwd", "100% sure", "+plus+",
                "Ærø-Œuvre", "名前", "👩‍💻", "", " leading and trailing ");
        List<String> asked = new ArrayList<>();
        network.on("GET", "/users/available").respond(request -> {
            asked.add(SignUpStory.nameAsked(request));
            return Reply.ok("{}");
        });
        UsernameApi api = new UsernameApi(network.client(), SignUpStory.SERVER);

        names.forEach(name -> api.send(api.request(name).build()));
        sim.runUntilIdle();

        assertThat(asked).containsExactlyElementsOf(names);
        assertThat(network.exchanges()).allSatisfy(e -> assertThat(e.path()).isEqualTo("/users/available"));
    }

    @ParameterizedTest(name = "read ({0}): a proper answer about the very name, or an UnreadableAnswerException that says what was wrong")
    @MethodSource("answers")
    @DisplayName("read: a proper answer about the very name, or an UnreadableAnswerException that says what was wrong")
    void readsOnlyAProperAnswer(String what, int status, String body, Object expected, SimNetwork network, Simulation sim) {
        network.on("GET", "/users/available").respond(Reply.status(status).body(body));
        UsernameApi api = new UsernameApi(network.client(), SignUpStory.SERVER);
        var response = api.send(api.request("ada \"the first\"").build());
        sim.runUntilIdle();
        HttpResponse<String> received = response.join();

        if (expected instanceof Availability availability) {
            assertThat(api.read("ada \"the first\"", received)).isEqualTo(availability);
        } else {
            assertThatThrownBy(() -> api.read("ada \"the first\"", received)).isInstanceOf(UnreadableAnswerException.class)
                    .hasMessageContaining((String) expected);
        }
    }

    static Stream<Arguments> answers() {
        String name = "\"name\": \"ada \\\"the first\\\"\"";
        return Stream.of(
                Arguments.of("available", 200, "{" + name + ", \"available\": true}", new Availability("ada \"the first\"", true)),
                Arguments.of("taken, with spaces and more members", 200, " { \"available\" : false , " + name + ", \"since\": 2024, \"x\": null } ",
                        new Availability("ada \"the first\"", false)),
                Arguments.of("HTTP 500", 500, "{" + name + ", \"available\": true}", "HTTP 500"),
                Arguments.of("HTML", 200, "<html>Sign in to the Wi-Fi</html>", "not the JSON object"),
                Arguments.of("empty", 200, "", "not the JSON object"),
                Arguments.of("cut short", 200, "{" + name + ", \"avail", "not the JSON object"),
                Arguments.of("more after the object", 200, "{" + name + ", \"available\": true} {}", "more after the object"),
                Arguments.of("about another name", 200, "{\"name\": \"bob\", \"available\": true}", "not about"),
                Arguments.of("no name", 200, "{\"available\": true}", "not about"),
                Arguments.of("available as a string", 200, "{" + name + ", \"available\": \"true\"}", "does not say whether"),
                Arguments.of("no available", 200, "{" + name + "}", "does not say whether"),
                Arguments.of("a nested object", 200, "{" + name + ", \"available\": {\"yes\": true}}", "not the JSON object"));
    }

    @Test
    @DisplayName("checkUsername, the asker's blocking call: waits on the calling thread, at most 60 s for the headers (an iOS request's default)")
    void checkUsernameBlocksWithTheDefaultTimeout(Simulation sim, SimNetwork network) {
        network.on("GET", "/users/available").respond(request -> SignUpStory.nameAsked(request).equals("ada")
                ? SignUpStory.available("ada", 2) : Reply.unreachable());
        UsernameApi api = new UsernameApi(network.client(), SignUpStory.SERVER);
        List<Object> seen = new ArrayList<>();
        sim.lane("caller").execute("checks ada, then bob", () -> {
            for (String name : List.of("ada", "bob")) {
                try {
                    seen.add(api.checkUsername(name) + " at " + sim.now().toSeconds() + " s");
                } catch (Exception e) {
                    seen.add(e.getClass().getSimpleName() + " at " + sim.now().toSeconds() + " s");
                }
            }
        });

        sim.runUntilIdle();

        assertThat(seen).containsExactly("Availability[name=ada, available=true] at 2 s",
                HttpConnectTimeoutException.class.getSimpleName() + " at 62 s");
        assertThat(UsernameApi.BLOCKING_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
    }
}
