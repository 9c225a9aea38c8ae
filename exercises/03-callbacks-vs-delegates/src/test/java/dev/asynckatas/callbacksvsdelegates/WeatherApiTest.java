package dev.asynckatas.callbacksvsdelegates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.assertions.FutureOutcome;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.junit.SimulationTest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The kata's given weather API on good and bad input: the JSON it reads, the names it sends, the statuses it refuses. */
@SimulationTest
class WeatherApiTest {

    @Test
    @DisplayName("reads the weather's JSON: spaces, escapes, decimals, negative and exponent temperatures, unknown fields")
    void readsTheWeather() throws WeatherException {
        assertThat(WeatherApi.parse(200, " { \"city\" : \"Lisbon\", \"temperature\" : 21.4 , \"summary\":\"sunny\" } "))
                .isEqualTo(new Weather("Lisbon", 21.4, "sunny"));
        assertThat(WeatherApi.parse(200, "{\"city\":\"S\\u00e3o Paulo\",\"temperature\":-0.5e1,\"summary\":\"rain \\\"heavy\\\"\\n\","
                + "\"wind\":{\"speed\":[1,2.5,null,true,false]},\"alerts\":[]}"))
                .isEqualTo(new Weather("São Paulo", -5, "rain \"heavy\"\n"));
        assertThat(new Weather("Oslo", -2.6, "snow").describe()).isEqualTo("Oslo: -3°C, snow");
    }

    @Test
    @DisplayName("anything that is not the weather's JSON is refused with a sentence, never a crash")
    void refusesWhatIsNotTheWeather() {
        for (String body : List.of("", "   ", "[]", "null", "{", "{\"city\":}", "{\"city\":\"Lisbon\"", "{\"city\" \"Lisbon\"}",
                "{\"city\":\"Lisbon\",}", "{\"city\":\"Lis\u0001bon\"}", "{\"city\":\"\\x\"}", "{\"city\":\"\\u12\"}", "{\"t\":01}",
                "{\"t\":1.}", "{\"t\":-}", "{\"t\":1e}", "{\"t\":tru}", "{} trailing", "<html>Bad gateway</html>",
                "[".repeat(40) + "]".repeat(40), "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}")) {
            assertThatThrownBy(() -> WeatherApi.parse(200, body)).as("the body %s", body).isInstanceOf(WeatherException.class)
                    .hasMessageStartingWith("the weather service sent something that is not the weather: ");
        }
    }

    @Test
    @DisplayName("JSON without a city, a finite temperature or a summary is refused, and says which is missing")
    void refusesIncompleteWeather() {
        assertThatThrownBy(() -> WeatherApi.parse(200, "{\"temperature\":1,\"summary\":\"x\"}")).hasMessage("the weather service sent no city");
        assertThatThrownBy(() -> WeatherApi.parse(200, "{\"city\":\" \",\"temperature\":1,\"summary\":\"x\"}")).hasMessage("the weather service sent no city");
        assertThatThrownBy(() -> WeatherApi.parse(200, "{\"city\":\"Lisbon\",\"temperature\":\"21\",\"summary\":\"x\"}"))
                .hasMessage("the weather service sent no temperature for Lisbon");
        assertThatThrownBy(() -> WeatherApi.parse(200, "{\"city\":\"Lisbon\",\"temperature\":1e999,\"summary\":\"x\"}"))
                .hasMessage("the weather service sent no temperature for Lisbon");
        assertThatThrownBy(() -> WeatherApi.parse(200, "{\"city\":\"Lisbon\",\"temperature\":1,\"summary\":null}"))
                .hasMessage("the weather service sent no summary for Lisbon");
    }

    @Test
    @DisplayName("an HTTP error status is an error, whatever the body says")
    void refusesErrorStatuses() {
        for (int status : new int[] {199, 301, 404, 429, 500, 503}) {
            assertThatThrownBy(() -> WeatherApi.parse(status, WeatherScene.json("Lisbon", 21, "sunny"))).as("HTTP %d", status)
                    .isInstanceOf(WeatherException.class).hasMessage("the weather service answered HTTP " + status);
        }
    }

    @Test
    @DisplayName("hostile city names are sent encoded, and the server reads back exactly the name")
    void encodesCityNames(SimPlatform platform) {
        WeatherScene scene = new WeatherScene(platform);
        WeatherApi api = new WeatherApi(platform.network().client(), WeatherScene.SERVICE);
        List<String> names = List.of("São Paulo", "a&city=Oslo", "../admin?x=1#y", "100% sunny", "北京", "O'Higgins \"town\"");
        for (String name : names) {
            scene.serves(name, Reply.status(200).json(WeatherScene.json("x", 1, "y")));
            api.weather(name);
        }
        platform.sim().runUntilIdle();

        assertThat(platform.network().exchanges()).extracting(e -> WeatherScene.cityOf(e.uri())).containsExactlyElementsOf(names);
        assertThat(platform.network().exchanges()).allSatisfy(e -> {
            assertThat(e.path()).isEqualTo("/weather");
            assertThat(e.header("Accept")).contains("application/json");
        });
    }

    @Test
    @DisplayName("a name that is not a city's fails the future with a sentence, and sends nothing")
    void refusesNamesThatAreNotCities(SimPlatform platform) {
        WeatherApi api = new WeatherApi(platform.network().client(), WeatherScene.SERVICE);
        for (String name : java.util.Arrays.asList(null, "", "   ", "x".repeat(101), "Lis\nbon", "Lis\u0000bon")) {
            CompletableFuture<Weather> weather = api.weather(name);
            FutureOutcome outcome = FutureOutcome.of(weather);
            assertThat(outcome.isFailed()).as("the weather for %s: %s", name, outcome).isTrue();
            assertThat(((FutureOutcome.Failed) outcome).error()).isInstanceOf(WeatherException.class)
                    .hasMessageFindingMatch("is not a city name|too long");
        }
        platform.sim().runUntilIdle();
        assertThat(platform.network().exchanges()).as("requests sent for names that are not cities").isEmpty();
    }
}
