package dev.asynckatas.kit.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SwimLanes: the timeline as text columns, one per lane")
class SwimLanesTest {

    private Duration now = Duration.ZERO;
    private final Timeline timeline = new Timeline(() -> now);

    private List<String> lines() {
        return List.of(timeline.render().split("\n"));
    }

    /** The column names of the header row, in order. */
    private List<String> header() {
        String row = lines().get(1);
        return Arrays.stream(row.split("\\|")).map(String::strip).skip(1).toList();
    }

    @Test
    @DisplayName("MAIN comes first, the server and system columns last, other lanes in order of first appearance")
    void columnOrder() {
        timeline.note(TimelineEvent.SYSTEM, "the user leaves");
        timeline.note(TimelineEvent.NETWORK, "<- #1 GET /a");
        timeline.record("worker", TimelineEvent.Kind.TASK, "works");
        timeline.record("MAIN", TimelineEvent.Kind.TASK, "taps");
        timeline.record("http#1", TimelineEvent.Kind.TASK, "response");

        assertThat(header()).containsExactly("MAIN", "worker", "http", "server", "system");
    }

    @Test
    @DisplayName("lanes named group#n share their group's column and keep their number in the text")
    void numberedLanesShareAColumn() {
        timeline.record("MAIN", TimelineEvent.Kind.TASK, "taps");
        now = Duration.ofMillis(1500);
        timeline.record("http#1", TimelineEvent.Kind.TASK, "first response");
        timeline.record("http#2", TimelineEvent.Kind.TASK, "second response");

        assertThat(header()).containsExactly("MAIN", "http");
        List<String> rows = lines();
        assertThat(rows).anySatisfy(row -> assertThat(row).startsWith("  1.500s").contains("> #1 first response"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("> #2 second response"));
        int column = rows.get(1).indexOf("http");
        assertThat(rows).filteredOn(row -> row.contains("response"))
                .allSatisfy(row -> assertThat(row.indexOf("> #")).isEqualTo(column));
    }

    @Test
    @DisplayName("long text wraps onto continuation rows within its column, without losing words")
    void longTextWraps() {
        String words = "the background task was still open when the allowance ran out so the system killed the app";
        timeline.record("MAIN", TimelineEvent.Kind.PROBLEM, words);
        timeline.record("worker", TimelineEvent.Kind.NOTE, "short");

        List<String> rows = lines().stream().filter(row -> row.contains("|") && !row.contains("time")).toList();
        List<String> mainRows = rows.stream().filter(row -> !row.contains("short")).toList();
        assertThat(mainRows).hasSizeGreaterThan(1);
        assertThat(mainRows.get(0)).startsWith("  0.000s");
        assertThat(mainRows.subList(1, mainRows.size())).allSatisfy(row -> assertThat(row).startsWith("         |"));
        String mainColumnText = String.join(" ", mainRows.stream()
                .map(row -> row.split("\\|")[1].strip()).toList()).replaceAll("\\s+", " ");
        assertThat(mainColumnText).isEqualTo("! " + words);
        int columnWidth = rows.get(0).split("\\|")[1].length();
        assertThat(rows).allSatisfy(row -> assertThat(row.split("\\|")[1].length()).isLessThanOrEqualTo(columnWidth));
    }

    @Test
    @DisplayName("a long timeline shows its last 400 events and says how many earlier ones it left out")
    void longTimelinesShowTheirEnd() {
        for (int i = 1; i <= 450; i++) {
            timeline.record("MAIN", TimelineEvent.Kind.TASK, "task " + i);
        }

        String rendered = timeline.render();

        assertThat(rendered).contains("  ... 50 earlier events not shown\n").contains("> task 51\n").contains("> task 450\n")
                .doesNotContain("> task 50\n").doesNotContain("\r");
    }

    @Test
    @DisplayName("an empty timeline says nothing happened, and times read as seconds with milliseconds")
    void emptyTimelineAndTimeFormat() {
        assertThat(timeline.render()).isEqualTo("Timeline: nothing happened.\n");
        assertThat(SwimLanes.format(Duration.ofMillis(31_005))).isEqualTo("31.005s");
    }
}
