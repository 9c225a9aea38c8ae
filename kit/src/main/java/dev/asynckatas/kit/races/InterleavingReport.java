package dev.asynckatas.kit.races;

import dev.asynckatas.kit.timeline.Redaction;
import dev.asynckatas.kit.timeline.SwimLanes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Lincheck's failure report into the kit's swim-lane style: one column per thread under the names the test
 * gave them, one row per step in the order the steps ran, a '?' where the checker switched threads and a '!' at
 * the failure. What a learner does not need is left out: the checker's detailed trace, the kit's own set-up on the
 * test thread (building the state, starting and joining the threads), the wrappers around each thread's body, and
 * what happens inside the calls the body's calls make (a list's or a lock's internals), except the switches there and
 * the steps taken in the test's own code: the code under test, however deep the JDK's calls nest it (a completion
 * that runs inside {@code CompletableFuture.complete}), is where the window is.
 *
 * <p>Lincheck's detailed trace is a table: a header row ({@code Main Thread | Thread 1 | Thread 2}), then one row per
 * event, each cell indented two spaces per call depth and ending with its source location. "Thread n" is the n-th
 * thread started, which is the n-th thread of the check.
 */
final class InterleavingReport {

    /** Lincheck's detailed trace: its short one folds away a call with no switch inside, so a thread that ran through shows nothing. */
    private static final String DETAILED_TRACE = "Detailed trace:";
    /** A row's source location, at its end or before a note such as "[recursive call x 2 times]". */
    private static final Pattern LOCATION = Pattern.compile("\\s+at [\\w$.<>]+\\([^()]*\\)(?=(\\s+\\[[^\\]]*])?$)");
    private static final int MIN_COLUMN = 16;
    private static final int MAX_COLUMN = 44;
    private static final Pattern READ = Pattern.compile("^(\\S.*?) \u279C (.*)$");
    private static final Pattern WRITE = Pattern.compile("^([\\w$#.\\[\\]]+) = (.*)$");
    private static final Pattern THREAD_NUMBER = Pattern.compile("Thread (\\d+)");
    /** The class of a row's source location: {@code at AdUpdater.Update.finished(AdUpdater.java:125)} gives {@code AdUpdater.Update}. */
    private static final Pattern LOCATION_CLASS = Pattern.compile("\\s+at ([\\w$.<>]+)\\.[\\w$<>]+\\([^()]*\\)(\\s+\\[[^\\]]*])?$");
    /** Deep steps of the test's own code that say nothing: a constructor's call of Object's or Record's, the checker's loop markers. */
    private static final Pattern OWN_CODE_NOISE = Pattern.compile("^((Object|Record)(#\\d+)?\\.<init>\\(\\)|loop\\(|<iteration)");
    /** Nesting deeper than this is drawn at this depth: the rows between were left out anyway. */
    private static final int MAX_INDENT = 5;

    private InterleavingReport() {
    }

    /** The first line of Lincheck's report, without its decoration ("Concurrent test has hung"). */
    static String headline(String lincheckReport) {
        return lincheckReport == null ? "" : lincheckReport.lines().map(String::strip).filter(l -> !l.isEmpty())
                .findFirst().orElse("").replaceAll("^=+\\s*|\\s*=+$", "");
    }

    /**
     * The interleaving as text, or an empty string when the report holds no trace to draw.
     *
     * @param threadNames the check's threads, in the order they were started
     * @param failure     what broke, for the last row
     */
    static String render(String lincheckReport, List<String> threadNames, String failure) {
        return render(lincheckReport, threadNames, failure, location -> false);
    }

    /**
     * As {@link #render(String, List, String)}, also drawing the deeper steps whose source location is in the test's own
     * code.
     *
     * @param ownCode whether a location's class, as the trace names it ({@code AdUpdater.Update}), is the test's own code
     */
    static String render(String lincheckReport, List<String> threadNames, String failure, java.util.function.Predicate<String> ownCode) {
        if (lincheckReport == null) {
            return "";
        }
        List<String> table = detailedTrace(lincheckReport);
        if (table.size() < 2) {
            return "";
        }
        List<Integer> bars = barsOf(table.get(0));
        List<String> headers = cells(table.get(0), bars);
        List<String> columns = new ArrayList<>();
        columns.add("test thread");
        for (int i = 1; i < headers.size(); i++) {
            Matcher number = THREAD_NUMBER.matcher(headers.get(i).strip());
            int n = number.matches() ? Integer.parseInt(number.group(1)) : i;
            columns.add(n >= 1 && n <= threadNames.size() ? threadNames.get(n - 1) : headers.get(i).strip());
        }

        List<Step> steps = new ArrayList<>();
        steps.add(new Step(0, ">", "starts the threads"));
        java.util.Map<Integer, java.util.Deque<Integer>> nesting = new java.util.HashMap<>();
        for (String row : table.subList(1, table.size())) {
            List<String> cells = cells(row, bars);
            for (int column = 1; column < cells.size(); column++) {
                String cell = cells.get(column);
                if (!cell.isBlank()) {
                    stepOf(column, cell, ownCode, nesting.computeIfAbsent(column, c -> new java.util.ArrayDeque<>())).ifPresent(steps::add);
                }
            }
        }
        steps.add(new Step(0, "!", "checks: " + failure));
        markFirstSteps(steps);
        return draw(columns, steps);
    }

    private record Step(int column, String marker, String text) {
    }

    /**
     * A thread's cell as a step, or nothing for the wrappers around its body ({@code run()}, the body's lambda) and for
     * the internals of what it calls. {@code open} holds the depths of this thread's drawn calls that may still be running,
     * so that a step is indented under the drawn calls it runs in, whatever was left out between them.
     */
    private static java.util.Optional<Step> stepOf(int column, String cell, java.util.function.Predicate<String> ownCode,
            java.util.Deque<Integer> open) {
        String untrimmed = cell.stripTrailing();
        Matcher location = LOCATION_CLASS.matcher(untrimmed);
        String where = location.find() ? location.group(1) : "";
        String trimmed = LOCATION.matcher(untrimmed).replaceFirst("");
        int depth = (trimmed.length() - trimmed.stripLeading().length()) / 2;
        String text = trimmed.strip();
        if (text.equals("switch") || text.startsWith("switch ")) {
            return java.util.Optional.of(new Step(column, "?", text.replace("switch", "switch to another thread")));
        }
        boolean bodysCall = depth >= 2 && depth <= 3;
        boolean deepInOwnCode = depth > 3 && !where.isEmpty() && ownCode.test(where) && !OWN_CODE_NOISE.matcher(text).find();
        if (!bodysCall && !deepInOwnCode) {
            // Below: run() of the thread, then the call of its body (the kit's, not the learner's). Above: what the calls
            // the body makes do inside (a lock's or a list's internals), unless it is the test's own code; the switches
            // there are kept, above.
            return java.util.Optional.empty();
        }
        while (!open.isEmpty() && open.peek() >= depth) {
            open.pop();
        }
        String indent = "  ".repeat(Math.min(open.size(), MAX_INDENT));
        open.push(depth);
        return java.util.Optional.of(new Step(column, " ", indent + plain(text)));
    }

    /** Reads and writes in words, in plain ASCII like the simulation's timelines. */
    private static String plain(String text) {
        Matcher read = READ.matcher(text);
        if (read.matches()) {
            return "reads " + read.group(1) + ": " + read.group(2);
        }
        Matcher write = WRITE.matcher(text);
        if (write.matches()) {
            return "writes " + write.group(1) + " = " + write.group(2);
        }
        return switch (text) {
            case "MONITORENTER" -> "enters synchronized";
            case "MONITOREXIT" -> "leaves synchronized";
            default -> text.replace("\u279C", "->");
        };
    }

    /** The first step of each thread gets '>', as a task's start does in the simulation's timelines. */
    private static void markFirstSteps(List<Step> steps) {
        java.util.Set<Integer> seen = new java.util.HashSet<>(List.of(0));
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (seen.add(step.column()) && step.marker().equals(" ")) {
                steps.set(i, new Step(step.column(), ">", step.text().strip()));
            }
        }
    }

    /** The rows of the detailed trace's table: its header first, without the separator lines. */
    private static List<String> detailedTrace(String report) {
        List<String> rows = new ArrayList<>();
        int start = report.indexOf(DETAILED_TRACE);
        if (start < 0) {
            return rows;
        }
        int separators = 0;
        for (String line : report.substring(start + DETAILED_TRACE.length()).lines().toList()) {
            if (line.startsWith("| -")) {
                if (++separators == 3) {
                    break; // header top, header bottom, end of table
                }
            } else if (line.startsWith("|")) {
                rows.add(line);
            } else if (!line.isBlank()) {
                break;
            }
        }
        return rows;
    }

    /** Where the header's column bars are: every row pads its cells to the same widths. */
    private static List<Integer> barsOf(String header) {
        List<Integer> bars = new ArrayList<>();
        for (int i = 0; i < header.length(); i++) {
            if (header.charAt(i) == '|') {
                bars.add(i);
            }
        }
        return bars;
    }

    private static List<String> cells(String row, List<Integer> bars) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i + 1 < bars.size(); i++) {
            int from = Math.min(row.length(), bars.get(i) + 2);
            int to = Math.min(row.length(), bars.get(i + 1) - 1);
            cells.add(from < to ? row.substring(from, to) : "");
        }
        return cells;
    }

    private static String draw(List<String> columns, List<Step> steps) {
        int width = Math.max(MIN_COLUMN, Math.min(MAX_COLUMN, (160 - 8) / columns.size() - 3));
        StringBuilder out = new StringBuilder("Interleaving found by the model checker (one column per thread, one row per step in the"
                + " order they ran; '>' a thread's first step, '?' a switch of threads, '!' the failure):\n");
        out.append(row("step", columns, -1, width)).append('\n');
        out.append("-".repeat(6)).append(("+" + "-".repeat(width + 2)).repeat(columns.size())).append('\n');
        int number = 0;
        for (Step step : steps) {
            number++;
            List<String> lines = SwimLanes.wrap(step.marker() + " " + Redaction.redact(step.text()), width, "    ");
            for (int i = 0; i < lines.size(); i++) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < columns.size(); c++) {
                    cells.add(c == step.column() ? lines.get(i) : "");
                }
                out.append(row(i == 0 ? String.valueOf(number) : "", cells, step.column(), width)).append('\n');
            }
        }
        return out.toString();
    }

    private static String row(String first, List<String> cells, int ignored, int width) {
        StringBuilder line = new StringBuilder(String.format("%5s ", first));
        for (String cell : cells) {
            line.append("| ").append(cell.length() >= width ? cell : cell + " ".repeat(width - cell.length())).append(' ');
        }
        return line.toString().stripTrailing();
    }
}
