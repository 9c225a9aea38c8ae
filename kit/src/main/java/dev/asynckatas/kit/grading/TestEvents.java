package dev.asynckatas.kit.grading;

import dev.asynckatas.kit.timeline.TimelineEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the test JVM tells the grader, one line per event in a file of its own, flushed as it happens, so that
 * whatever ends the test JVM (a hang, {@code System.exit}, a crash) the grader knows every test that finished and the
 * one that was running. Fields are tab-separated, with tabs, newlines and backslashes escaped.
 *
 * <pre>
 * variant  NAME                                   a variant's tests begin (the learner's code, or a catalogue entry)
 * planned  KEY NAME BUG                           a test that will run
 * started  KEY                                    it started
 * finished KEY NAME BUG STATUS MESSAGE DETAILS CASES TIMELINE MILLIS
 * advice   KIND WHERE WHAT                        hygiene advice, at a place in the learner's code
 * hung     KEY WHERE DETAILS                      the test never finished; the test JVM ends here
 * exited   KEY WHERE DETAILS                      the code under test ended the JVM (System.exit)
 * done     NAME                                   the variant's tests are over
 * </pre>
 */
final class TestEvents {

    private static final String LIST_SEPARATOR = "\u001f";

    private TestEvents() {
    }

    /** The test JVM's side. Thread-safe: the watchdog and the shutdown hook write too. */
    static final class Writer {
        private final BufferedWriter out;

        Writer(Path file) {
            try {
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void variant(String name) {
            line("variant", name);
        }

        void planned(String key, String name, String bug) {
            line("planned", key, name, bug);
        }

        void started(String key) {
            line("started", key);
        }

        void finished(TestResult result) {
            line("finished", result.test(), result.name(), result.bug(), result.status().label(), result.message(), result.details(),
                    String.join(LIST_SEPARATOR, result.failedCases()), encode(result.timeline()), Long.toString(result.duration().toMillis()));
        }

        void advice(String kind, String where, String what) {
            line("advice", kind, where, what);
        }

        void hung(String key, String where, String details) {
            line("hung", key, where, details);
        }

        void exited(String key, String where, String details) {
            line("exited", key, where, details);
        }

        void done(String name) {
            line("done", name);
        }

        private synchronized void line(String... fields) {
            try {
                out.write(String.join("\t", Arrays.stream(fields).map(TestEvents::escape).toList()));
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** One parsed line. */
    record Event(String type, List<String> fields) {
        String field(int i) {
            return i < fields.size() ? fields.get(i) : "";
        }

        TestResult finishedResult() {
            return new TestResult(field(0), field(1), TestResult.Status.ofLabel(field(3)), field(2), field(4), field(5),
                    field(6).isEmpty() ? List.of() : List.of(field(6).split(LIST_SEPARATOR)), decode(field(7)),
                    Duration.ofMillis(field(8).isEmpty() ? 0 : Long.parseLong(field(8))));
        }
    }

    /** Every event in the file, in order; a last line cut short by a crash is dropped. */
    static List<Event> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Event> events = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        // The last element follows the last newline: empty, or a line the JVM died while writing.
        for (int i = 0; i < lines.length - 1; i++) {
            String[] fields = lines[i].split("\t", -1);
            events.add(new Event(unescape(fields[0]), Arrays.stream(fields).skip(1).map(TestEvents::unescape).toList()));
        }
        return events;
    }

    /** A timeline as text: one event per line, {@code nanos|KIND|column|text}. */
    static String encode(List<TimelineEvent> timeline) {
        StringBuilder out = new StringBuilder();
        for (TimelineEvent event : timeline) {
            out.append(event.at().toNanos()).append('|').append(event.kind()).append('|').append(event.column().replace('|', '/'))
                    .append('|').append(event.text().replace('\n', ' ')).append('\n');
        }
        return out.toString();
    }

    static List<TimelineEvent> decode(String text) {
        List<TimelineEvent> events = new ArrayList<>();
        for (String line : text.split("\n")) {
            String[] parts = line.split("\\|", 4);
            if (parts.length == 4) {
                events.add(new TimelineEvent(Duration.ofNanos(Long.parseLong(parts[0])), parts[2],
                        TimelineEvent.Kind.valueOf(parts[1]), parts[3]));
            }
        }
        return events;
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "");
    }

    static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 't' ? '\t' : next == 'n' ? '\n' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
