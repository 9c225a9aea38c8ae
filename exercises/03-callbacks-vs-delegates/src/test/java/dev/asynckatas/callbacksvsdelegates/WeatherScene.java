package dev.asynckatas.callbacksvsdelegates;

import dev.asynckatas.kit.SimPlatform;
import dev.asynckatas.kit.http.Exchange;
import dev.asynckatas.kit.http.Reply;
import dev.asynckatas.kit.http.SimNetwork;
import dev.asynckatas.kit.screen.ScreenEvent.Displayed;
import dev.asynckatas.kit.screen.ScreenHandle;
import dev.asynckatas.kit.screen.SimScreens;
import dev.asynckatas.kit.sim.Simulation;
import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.platform.Screen;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Kata 03's story on the simulated platform: the weather server, the two app-wide services built on the JDK's
 * HttpClient (each calling back on its own serial queue, as URLSession calls back on its delegate queue), the
 * user's screens (forecast screens on the callback service, weather panels on the downloader), and a global
 * concurrent executor ({@code global#n} lanes) for the asker's needless hop.
 */
final class WeatherScene {

    static final URI SERVICE = URI.create("https://weather.test");
    static final String LISBON = "Lisbon";
    static final String OSLO = "Oslo";

    /** The two ways a screen gets its weather. */
    enum Style {
        FORECAST("forecast screen"), PANEL("weather panel");

        final String what;

        Style(String what) {
            this.what = what;
        }
    }

    final SimPlatform platform;
    final Simulation sim;
    final SimNetwork network;
    final SimScreens screens;
    /** App-wide, like URLSession.shared: lives as long as the app (here, the test). */
    final WeatherService service;
    /** App-wide, like the asker's downloader would be if every screen shared it. */
    final WeatherDownloader downloader;
    private final Map<String, Deque<Reply>> replies = new HashMap<>();

    WeatherScene(SimPlatform platform) {
        this.platform = platform;
        this.sim = platform.sim();
        this.network = platform.network();
        this.screens = platform.screens();
        WeatherApi api = new WeatherApi(network.client(), SERVICE);
        this.service = new WeatherService(api, sim.lane("service-queue"));
        this.downloader = new WeatherDownloader(api, sim.lane("downloader-queue"));
        network.on("GET", "/weather").respond(request -> {
            Deque<Reply> turn = replies.get(cityOf(request.uri()));
            if (turn == null) {
                return Reply.status(404).json("{\"error\":\"unknown city\"}");
            }
            return turn.size() > 1 ? turn.removeFirst() : turn.getFirst();
        });
    }

    /** The server answers requests for {@code city} with these replies, in turn; the last one repeats. */
    WeatherScene serves(String city, Reply... inTurn) {
        replies.put(city, new ArrayDeque<>(List.of(inTurn)));
        return this;
    }

    /** The weather service's JSON for {@code city}, {@code afterSeconds} after the request. */
    static Reply weather(String city, int celsius, String summary, double afterSeconds) {
        return Reply.status(200).json(json(city, celsius, summary)).after(seconds(afterSeconds));
    }

    static String json(String city, int celsius, String summary) {
        return "{\"city\":\"" + city + "\",\"temperature\":" + celsius + ",\"summary\":\"" + summary + "\"}";
    }

    static Reply sunny(double afterSeconds) {
        return weather(LISBON, 21, "sunny", afterSeconds);
    }

    static Reply cloudy(double afterSeconds) {
        return weather(LISBON, 18, "cloudy", afterSeconds);
    }

    static final String SUNNY = "Lisbon: 21°C, sunny";
    static final String CLOUDY = "Lisbon: 18°C, cloudy";

    /** The user opens a screen of {@code style} for {@code city}, on MAIN (now, or inline inside a MAIN task). */
    ScreenHandle<? extends Screen> open(Style style, String city) {
        return style == Style.FORECAST ? openForecast(city) : openPanel(city);
    }

    ScreenHandle<ForecastScreen> openForecast(String city) {
        return screens.open("forecast " + city,
                view -> new ForecastScreen(service, platform.main(), sim.concurrent("global"), view, city));
    }

    ScreenHandle<WeatherPanel> openPanel(String city) {
        return screens.open("panel " + city, view -> new WeatherPanel(downloader, platform.main(), view, city));
    }

    /** The user taps refresh on {@code screen}, on MAIN. */
    static void refresh(ScreenHandle<? extends Screen> screen) {
        Consumer<Screen> tap = s -> {
            if (s instanceof ForecastScreen forecast) {
                forecast.refresh();
            } else {
                ((WeatherPanel) s).refresh();
            }
        };
        screen.act("taps refresh", tap);
    }

    /** Moves virtual time to {@code seconds} after the start, running everything due until then. */
    void at(double seconds) {
        sim.advanceTo(seconds(seconds));
    }

    /** The requests the server saw for {@code city}, in order. */
    List<Exchange> requestsFor(String city) {
        return network.exchanges("GET", "/weather").stream().filter(e -> city.equals(cityOf(e.uri()))).toList();
    }

    static String cityOf(URI uri) {
        String query = uri.getRawQuery();
        return query == null || !query.startsWith("city=") ? "" : URLDecoder.decode(query.substring("city=".length()), StandardCharsets.UTF_8);
    }

    static String cityOf(HttpRequest request) {
        return cityOf(request.uri());
    }

    static Duration seconds(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    /** A display in one line: {@code "2.000s MAIN 'Lisbon: 21°C, sunny'"}, with a mark when the screen was closed. */
    static String line(Displayed displayed) {
        String what = switch (displayed.kind()) {
            case LOADING -> "loading";
            case CONTENT -> "'" + displayed.text() + "'";
            case ERROR -> "error";
        };
        return SwimLanes.format(displayed.at()) + " " + displayed.lane() + " " + what + (displayed.screenOpen() ? "" : " (closed)");
    }

    static List<String> lines(List<Displayed> displays) {
        return displays.stream().map(WeatherScene::line).toList();
    }

    static String lower(Style style) {
        return style.what.toLowerCase(Locale.ROOT);
    }
}
