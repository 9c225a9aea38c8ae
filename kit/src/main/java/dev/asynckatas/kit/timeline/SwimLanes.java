package dev.asynckatas.kit.timeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders a {@link Timeline} as text swim-lanes: one column per lane, virtual time down the side, so a
 * learner sees the interleaving that broke their code. Plain ASCII, so it survives any console.
 *
 * <pre>
 *     time | MAIN                     | http                     | server
 *   0.000s | > tap "Place order"      |                          |
 *   0.000s |                          |                          |   POST /orders
 *   3.000s |                          | > #1 response 201        |
 * </pre>
 *
 * Lanes named {@code group#n} (one lane per request, per concurrent task) share their group's column and
 * keep their number in the text.
 */
public final class SwimLanes {

    /** The most recent events shown; earlier ones are counted, not drawn. */
    public static final int MAX_ROWS = 400;
    private static final int TOTAL_WIDTH = 168;
    private static final int MIN_COLUMN = 16;
    private static final int MAX_COLUMN = 40;

    private SwimLanes() {
    }

    public static String render(Timeline timeline) {
        List<TimelineEvent> events = timeline.events();
        if (events.isEmpty()) {
            return "Timeline: nothing happened.\n";
        }
        List<String> columns = columnsOf(events);
        int width = Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, (TOTAL_WIDTH - 10) / columns.size() - 3));

        StringBuilder out = new StringBuilder("Timeline (virtual time; one column per lane; '>' a task starts, '!' a problem, '?' a schedule choice):\n");
        out.append(row("time", columns, null, width)).append('\n');
        out.append("-".repeat(9)).append(("+" + "-".repeat(width + 2)).repeat(columns.size())).append('\n');

        int skipped = Math.max(0, events.size() - MAX_ROWS);
        if (skipped + timeline.dropped() > 0) {
            out.append(String.format("  ... %d earlier events not shown\n", skipped + timeline.dropped())); // \n, as every other row
        }
        for (TimelineEvent event : events.subList(skipped, events.size())) {
            String column = columnOf(event.column());
            String text = event.kind().marker + " " + numberOf(event.column()) + event.text();
            List<String> lines = wrap(text, width, "  ");
            for (int i = 0; i < lines.size(); i++) {
                String time = i == 0 ? format(event.at()) : "";
                out.append(row(time, columns, new Cell(column, lines.get(i)), width)).append('\n');
            }
        }
        return out.toString();
    }

    private record Cell(String column, String text) {
    }

    private static String row(String time, List<String> columns, Cell cell, int width) {
        StringBuilder line = new StringBuilder(String.format("%8s ", time));
        for (String column : columns) {
            String text = cell == null ? column : column.equals(cell.column()) ? cell.text() : "";
            line.append("| ").append(pad(text, width)).append(' ');
        }
        return line.toString().stripTrailing();
    }

    /** MAIN first, the system and server columns last, every other lane in order of first appearance. */
    public static List<String> columnsOf(List<TimelineEvent> events) {
        Set<String> seen = new LinkedHashSet<>();
        for (TimelineEvent event : events) {
            seen.add(columnOf(event.column()));
        }
        List<String> columns = new ArrayList<>();
        if (seen.remove("MAIN")) {
            columns.add("MAIN");
        }
        boolean network = seen.remove(TimelineEvent.NETWORK);
        boolean system = seen.remove(TimelineEvent.SYSTEM);
        columns.addAll(seen);
        if (network) {
            columns.add(TimelineEvent.NETWORK);
        }
        if (system) {
            columns.add(TimelineEvent.SYSTEM);
        }
        return columns;
    }

    /** The column a lane is drawn in: {@code http#3} shares the column {@code http}. */
    public static String columnOf(String lane) {
        int hash = lane.indexOf('#');
        return hash < 0 ? lane : lane.substring(0, hash);
    }

    /** The number a lane keeps in its column's text: {@code "#3 "} for {@code http#3}. */
    public static String numberOf(String lane) {
        int hash = lane.indexOf('#');
        return hash < 0 ? "" : lane.substring(hash) + " ";
    }

    /**
     * A cell's text cut into lines of at most {@code width} characters, at a space where one is near, each line after
     * the first starting with {@code continuation}; the race checker's drawing cuts its cells the same way.
     */
    public static List<String> wrap(String text, int width, String continuation) {
        List<String> lines = new ArrayList<>();
        String rest = text.replace('\n', ' ');
        while (rest.length() > width) {
            int cut = rest.lastIndexOf(' ', width);
            if (cut <= width / 2) {
                cut = width;
            }
            lines.add(rest.substring(0, cut));
            rest = continuation + rest.substring(cut).strip();
        }
        lines.add(rest);
        return lines;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    /** Virtual time as seconds with milliseconds, for example {@code 31.000s}. */
    public static String format(Duration at) {
        return String.format("%d.%03ds", at.toSeconds(), at.toMillisPart());
    }
}
