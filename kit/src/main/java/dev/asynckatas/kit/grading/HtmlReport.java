package dev.asynckatas.kit.grading;

import dev.asynckatas.kit.timeline.SwimLanes;
import dev.asynckatas.kit.timeline.TimelineEvent;
import java.util.List;

/**
 * {@code target/grading/index.html}: the scorecard, and for each failing test its story, its message and its
 * timeline drawn as swim lanes (one column per lane, virtual time down the side, the failing moment marked) — the
 * picture a participant looks at and an instructor puts on the projector. One self-contained file (no script, no
 * font, no network), written as well-formed XHTML so that tests can parse it.
 */
final class HtmlReport {

    private static final String STYLE = """
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;background:#f6f7f9}
            header{background:#1d2330;color:#fff;padding:18px 28px}header h1{margin:0 0 4px;font-size:22px}
            header p{margin:0;color:#c5cad6}main{padding:8px 28px 40px;max-width:1500px}
            h2{margin:28px 0 8px;font-size:19px}h3{margin:18px 0 6px;font-size:16px}
            table{border-collapse:collapse;background:#fff}td,th{padding:5px 10px;border:1px solid #dde1e8;text-align:left;vertical-align:top}
            th{background:#eef0f4;font-weight:600}a{color:#2456c5}
            .status{font-weight:600;border-radius:4px;padding:1px 7px;white-space:nowrap}
            .solved,.pass{background:#dcf3e4;color:#16663a}.in-progress,.fail,.error{background:#fde2e1;color:#9b1c1c}
            .not-compiled,.hung,.crashed{background:#fdebc8;color:#7a4a00}.not-run{background:#e9ebef;color:#555}
            section.failure{background:#fff;border:1px solid #dde1e8;border-left:5px solid #c53030;border-radius:6px;padding:10px 16px;margin:14px 0}
            .bug{color:#9b1c1c}pre{background:#f0f2f5;padding:10px;overflow:auto;font:12.5px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap}
            div.lanes{overflow-x:auto}table.lanes{font:12.5px/1.35 ui-monospace,Menlo,Consolas,monospace;margin:8px 0}
            table.lanes td{min-width:120px;max-width:380px}
            table.lanes td.time{min-width:70px;color:#555;text-align:right}
            tr.problem td.event{background:#fde2e1;color:#9b1c1c;font-weight:600}tr.choice td.event{background:#fff4d6}
            tr.task td.event{background:#eaf1ff}tr.moment td{border-top:3px solid #c53030;border-bottom:3px solid #c53030}
            .marker{color:#c53030;font-weight:700;white-space:nowrap}.advice{background:#fff8e5;border:1px solid #f0d9a0;padding:6px 12px}
            """;

    private HtmlReport() {
    }

    static String of(Reports.Run run) {
        List<KataOutcome> graded = run.katas().stream().filter(KataOutcome::graded).toList();
        long passed = graded.stream().mapToLong(KataOutcome::passed).sum();
        long total = graded.stream().mapToLong(k -> k.tests().size()).sum();
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"utf-8\"/>\n<title>async-katas: ").append(passed).append(" of ").append(total)
                .append(" tests pass</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n<header><h1>async-katas scorecard</h1>\n<p>")
                .append(passed).append(" of ").append(total).append(" tests pass &#183; graded ").append(escape(run.startedAt().toString()))
                .append(" in ").append(String.format(java.util.Locale.ROOT, "%.1f", run.duration().toMillis() / 1000.0)).append(" s")
                .append(run.commit().map(c -> " &#183; commit " + escape(c.substring(0, 12))).orElse("")).append("</p></header>\n<main>\n");
        scorecard(html, run.katas());
        for (KataOutcome kata : graded) {
            kataSection(html, kata);
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void scorecard(StringBuilder html, List<KataOutcome> katas) {
        html.append("<table class=\"scorecard\">\n<tr><th>kata</th><th>status</th><th>tests passing</th><th>lesson</th></tr>\n");
        for (KataOutcome kata : katas) {
            html.append("<tr><td>").append(kata.graded() ? "<a href=\"#" + kata.kata() + "\">" + kata.kata() + "</a>" : kata.kata())
                    .append("</td><td>").append(status(kata.status().label())).append("</td><td>")
                    .append(kata.graded() && kata.status() != KataStatus.NOT_COMPILED ? kata.passed() + " of " + kata.tests().size() : "")
                    .append("</td><td><a href=\"../../").append(kata.lesson()).append("\">").append(kata.lesson()).append("</a></td></tr>\n");
        }
        html.append("</table>\n");
    }

    private static void kataSection(StringBuilder html, KataOutcome kata) {
        html.append("<h2 id=\"").append(kata.kata()).append("\">").append(kata.kata()).append(" ").append(status(kata.status().label()))
                .append("</h2>\n");
        if (!kata.problem().isEmpty()) {
            html.append("<p>").append(escape(kata.problem())).append("</p>\n");
        }
        if (!kata.report().isEmpty() && kata.status() != KataStatus.IN_PROGRESS) {
            html.append("<pre>").append(escape(kata.report())).append("</pre>\n");
        }
        for (VariantRun.Advice advice : kata.advice()) {
            html.append("<p class=\"advice\"><b>Advice</b> (not counted): <code>").append(escape(advice.where())).append("</code> ")
                    .append(escape(advice.what())).append(": ").append(escape(Hygiene.WHY.getOrDefault(advice.kind(), ""))).append("</p>\n");
        }
        if (kata.tests().isEmpty()) {
            return;
        }
        html.append("<table class=\"tests\">\n<tr><th>test</th><th>status</th><th>bug it catches</th></tr>\n");
        for (TestResult test : kata.tests()) {
            String name = escape(test.nameWithCases());
            html.append("<tr><td>").append(test.passed() || test.status() == TestResult.Status.NOT_RUN ? name
                    : "<a href=\"#" + anchor(kata, test) + "\">" + name + "</a>").append("</td><td>").append(status(test.status().label()))
                    .append("</td><td>").append(escape(test.bug())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (TestResult test : kata.tests()) {
            if (test.status() == TestResult.Status.FAILED || test.status() == TestResult.Status.ERROR) {
                failure(html, kata, test);
            }
        }
    }

    private static void failure(StringBuilder html, KataOutcome kata, TestResult test) {
        html.append("<section class=\"failure\" id=\"").append(anchor(kata, test)).append("\">\n<h3>").append(escape(test.nameWithCases()))
                .append("</h3>\n<p><code>").append(escape(test.test())).append("</code></p>\n");
        if (test.catchesBug()) {
            html.append("<p class=\"bug\"><b>Bug:</b> ").append(escape(test.bug())).append("</p>\n");
        }
        html.append("<pre class=\"message\">").append(escape(test.message())).append("</pre>\n");
        if (!test.timeline().isEmpty()) {
            lanes(html, test.timeline(), anchor(kata, test));
        }
        if (!test.details().isEmpty()) {
            html.append("<details><summary>The failure as text (stack and timeline)</summary><pre>").append(escape(test.details()))
                    .append("</pre></details>\n");
        }
        html.append("</section>\n");
    }

    /** The timeline as swim lanes: one column per lane, one row per event, the failing moment marked. */
    static void lanes(StringBuilder html, List<TimelineEvent> events, String anchor) {
        List<String> columns = SwimLanes.columnsOf(events);
        int moment = events.size() - 1;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).kind() == TimelineEvent.Kind.PROBLEM) {
                moment = i;
                break;
            }
        }
        int from = Math.max(0, Math.min(moment - SwimLanes.MAX_ROWS * 3 / 4, events.size() - SwimLanes.MAX_ROWS));
        int to = Math.min(events.size(), from + SwimLanes.MAX_ROWS);
        html.append("<div class=\"lanes\"><table class=\"lanes\">\n<tr><th>time</th>");
        columns.forEach(column -> html.append("<th>").append(escape(column)).append("</th>"));
        html.append("<th></th></tr>\n");
        if (from > 0) {
            html.append("<tr><td class=\"time\"></td><td colspan=\"").append(columns.size() + 1).append("\">... ").append(from)
                    .append(" earlier events not shown</td></tr>\n");
        }
        for (int i = from; i < to; i++) {
            TimelineEvent event = events.get(i);
            String column = SwimLanes.columnOf(event.column());
            html.append("<tr class=\"").append(event.kind().name().toLowerCase(java.util.Locale.ROOT)).append(i == moment ? " moment" : "")
                    .append("\"").append(i == moment ? " id=\"" + anchor + "-moment\"" : "").append("><td class=\"time\">")
                    .append(SwimLanes.format(event.at())).append("</td>");
            for (String c : columns) {
                html.append(c.equals(column) ? "<td class=\"event\">" + escape(SwimLanes.numberOf(event.column()) + event.text()) + "</td>" : "<td></td>");
            }
            html.append("<td>").append(i == moment ? "<span class=\"marker\">&#9664; the failing moment</span>" : "").append("</td></tr>\n");
        }
        if (to < events.size()) {
            html.append("<tr><td class=\"time\"></td><td colspan=\"").append(columns.size() + 1).append("\">... ").append(events.size() - to)
                    .append(" later events not shown</td></tr>\n");
        }
        html.append("</table></div>\n");
    }

    private static String status(String label) {
        return "<span class=\"status " + label.replace(' ', '-') + "\">" + label + "</span>";
    }

    static String anchor(KataOutcome kata, TestResult test) {
        return kata.kata() + "-" + test.test().replaceAll("[^A-Za-z0-9._-]", "-");
    }

    /** Text as XHTML: markup escaped, and characters XML cannot hold dropped. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c == '\n' || c == '\t' || c >= 0x20 && c != 0xFFFE && c != 0xFFFF) {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }
}
