package dev.asynckatas.kit.grading;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one kata test.
 *
 * @param kata    the kata's folder name, {@code 01-background-task}
 * @param test    the test's class and method, {@code BackgroundTaskTest.endsTheTaskWhenTheResponseArrives}
 * @param name    what the test checks, in words (its display name)
 * @param passed  whether it passed
 * @param bug     the bug it catches ({@code @CatchesBug}), or empty
 * @param message the failure's message, or empty
 * @param details the failure in full, with its timeline, or empty
 */
public record TestResult(String kata, String test, String name, boolean passed, String bug, String message, String details) {

    public boolean catchesBug() {
        return !bug.isEmpty();
    }

    /** One line of a results table: tab-separated, with tabs, newlines and backslashes escaped. */
    String toLine() {
        return String.join("\t", escape(kata), escape(test), escape(name), passed ? "passed" : "failed", escape(bug),
                escape(message), escape(details));
    }

    static TestResult fromLine(String line) {
        String[] f = line.split("\t", -1);
        return new TestResult(unescape(f[0]), unescape(f[1]), unescape(f[2]), f[3].equals("passed"), unescape(f[4]),
                unescape(f[5]), unescape(f[6]));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "");
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
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

    static List<String> lines(List<TestResult> results) {
        List<String> lines = new ArrayList<>();
        results.forEach(r -> lines.add(r.toLine()));
        return lines;
    }
}
