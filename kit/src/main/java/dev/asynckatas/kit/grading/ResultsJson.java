package dev.asynckatas.kit.grading;

import java.util.List;
import java.util.Locale;

/**
 * {@code results.json}: what a grading run found, for instructors, dashboards and GitHub Classroom. Its schema is
 * {@code docs/results.schema.json}; {@link #SCHEMA_VERSION} changes whenever a field changes meaning or goes away
 * (adding a field does not change it).
 */
final class ResultsJson {

    static final int SCHEMA_VERSION = 1;

    private ResultsJson() {
    }

    static String of(Reports.Run run) {
        List<KataOutcome> graded = run.katas().stream().filter(KataOutcome::graded).toList();
        StringBuilder json = new StringBuilder("{\n");
        json.append("  \"$schema\": \"../../docs/results.schema.json\",\n");
        json.append("  \"schemaVersion\": ").append(SCHEMA_VERSION).append(",\n");
        json.append("  \"mode\": \"grade\",\n");
        json.append("  \"startedAt\": ").append(Json.string(run.startedAt().toString())).append(",\n");
        json.append("  \"durationSeconds\": ").append(seconds(run.duration())).append(",\n");
        json.append("  \"commit\": ").append(run.commit().map(Json::string).orElse("null")).append(",\n");
        json.append("  \"totals\": ").append(counts(graded.stream().flatMap(k -> k.tests().stream()).toList())).append(",\n");
        json.append("  \"katas\": [");
        for (int i = 0; i < run.katas().size(); i++) {
            json.append(i == 0 ? "\n" : ",\n").append(kata(run.katas().get(i)));
        }
        return json.append("\n  ]\n}\n").toString();
    }

    private static String kata(KataOutcome kata) {
        StringBuilder json = new StringBuilder("    {\n");
        json.append("      \"kata\": ").append(Json.string(kata.kata())).append(",\n");
        json.append("      \"status\": ").append(Json.string(kata.status().label())).append(",\n");
        json.append("      \"graded\": ").append(kata.graded()).append(",\n");
        json.append("      \"pristine\": ").append(kata.pristine()).append(",\n");
        json.append("      \"lesson\": ").append(Json.string(kata.lesson())).append(",\n");
        json.append("      \"durationSeconds\": ").append(seconds(kata.duration())).append(",\n");
        json.append("      \"counts\": ").append(counts(kata.tests())).append(",\n");
        json.append("      \"problem\": ").append(kata.problem().isEmpty() ? "null"
                : "{\"summary\": " + Json.string(kata.problem()) + ", \"where\": " + (kata.where().isEmpty() ? "null" : Json.string(kata.where())) + "}")
                .append(",\n");
        json.append("      \"advice\": [");
        for (int i = 0; i < kata.advice().size(); i++) {
            VariantRun.Advice advice = kata.advice().get(i);
            json.append(i == 0 ? "" : ", ").append("{\"kind\": ").append(Json.string(advice.kind())).append(", \"where\": ")
                    .append(Json.string(advice.where())).append(", \"what\": ").append(Json.string(advice.what())).append("}");
        }
        json.append("],\n      \"tests\": [");
        for (int i = 0; i < kata.tests().size(); i++) {
            TestResult test = kata.tests().get(i);
            json.append(i == 0 ? "\n" : ",\n").append("        {\"id\": ").append(Json.string(test.test()))
                    .append(", \"name\": ").append(Json.string(test.name()))
                    .append(", \"status\": ").append(Json.string(test.status().label()))
                    .append(", \"bug\": ").append(test.catchesBug() ? Json.string(test.bug()) : "null")
                    .append(", \"message\": ").append(test.passed() ? "null" : Json.string(test.firstLine()))
                    .append(", \"failedCases\": [").append(String.join(", ", test.failedCases().stream().map(Json::string).toList())).append("]")
                    .append(", \"durationSeconds\": ").append(seconds(test.duration())).append("}");
        }
        json.append(kata.tests().isEmpty() ? "]\n" : "\n      ]\n");
        return json.append("    }").toString();
    }

    private static String counts(List<TestResult> tests) {
        return String.format(Locale.ROOT, "{\"total\": %d, \"passed\": %d, \"failed\": %d, \"error\": %d, \"notRun\": %d}", tests.size(),
                count(tests, TestResult.Status.PASSED), count(tests, TestResult.Status.FAILED), count(tests, TestResult.Status.ERROR),
                count(tests, TestResult.Status.NOT_RUN));
    }

    private static long count(List<TestResult> tests, TestResult.Status status) {
        return tests.stream().filter(t -> t.status() == status).count();
    }

    private static String seconds(java.time.Duration duration) {
        return String.format(Locale.ROOT, "%.3f", duration.toMillis() / 1000.0);
    }
}
