package dev.asynckatas.kit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The grader end to end, on a fixture repository: it compiles each kata, runs its tests in a test JVM of its own, and
 * whatever the code does — fail, loop for ever, call System.exit, not compile — it reports it, grades the other katas,
 * and writes the scorecard and the reports.
 */
@DisplayName("The grader (mvn test), on a fixture repository")
@Timeout(value = 90, unit = TimeUnit.SECONDS) // each run starts test JVMs; one case waits out the 3 s hang limit
class GraderTest {

    @TempDir
    static Path folder;
    static FixtureRepository repo;

    @BeforeAll
    static void writeTheFixture() {
        repo = new FixtureRepository(folder)
                .code("90-counting", """
                        public int add(int a, int b) { return a - b; }
                        public String greet() { return "hello"; }""")
                .file("exercises/90-counting/src/test/java/fixture/CodeTest.java", """
                        package fixture;

                        import static org.assertj.core.api.Assertions.assertThat;
                        import dev.asynckatas.kit.junit.CatchesBug;
                        import dev.asynckatas.kit.sim.Simulation;
                        import dev.asynckatas.kit.sim.TimelineReport;
                        import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
                        import org.junit.jupiter.params.ParameterizedTest;
                        import org.junit.jupiter.params.provider.ValueSource;

                        class CodeTest {
                            @Test @CatchesBug("adds by subtracting")
                            void adds() { assertThat(new Code().add(2, 3)).as("2 + 3").isEqualTo(5); }

                            @Test
                            void greets() { assertThat(new Code().greet()).isEqualTo("hello"); }

                            @ParameterizedTest(name = "{0} plus nothing") @ValueSource(ints = {1, 2}) @CatchesBug("adds by subtracting")
                            void addsNothing(int n) { assertThat(new Code().add(0, n)).isEqualTo(n); }

                            @Test @CatchesBug("the server's answer is shown before it arrives")
                            void showsTheTimeline() {
                                Simulation sim = Simulation.create();
                                sim.timeline().note("MAIN", "sends Authorization: Bearer s3cr3t-token");
                                sim.timeline().problem("MAIN", "shows the answer before it arrives");
                                sim.timeline().note("server", "answers");
                                AssertionError failure = new AssertionError("the answer was shown too early; token=s3cr3t-token");
                                failure.addSuppressed(new TimelineReport(sim.timeline()));
                                throw failure;
                            }
                        }
                        """)
                .code("91-spinning", """
                        static volatile boolean waiting = true;
                        public int spin() {
                            int polls = 0;
                            while (waiting) {
                                polls++;
                            }
                            return polls;
                        }""")
                .file("exercises/91-spinning/src/test/java/fixture/CodeTest.java", """
                        package fixture;

                        import org.junit.jupiter.api.MethodOrderer;
                        import org.junit.jupiter.api.Order;
                        import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
                        import org.junit.jupiter.api.TestMethodOrder;

                        @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
                        class CodeTest {
                            @Test @Order(1) void passesFirst() { }
                            @Test @Order(2) void spinsForever() { new Code().spin(); }
                            @Test @Order(3) void neverRuns() { }
                        }
                        """)
                .code("92-exiting", "public void quit() { System.exit(3); }")
                .tests("92-exiting", """
                            @Test void quits() { new Code().quit(); }""")
                .code("93-broken", "public int broken() { return 1 }")
                .tests("93-broken", "@Test void nothing() { }")
                .code("94-sleeping", """
                        public int nap() throws InterruptedException {
                            Thread.sleep(1);
                            return 1;
                        }""")
                .tests("94-sleeping", "@Test void naps() throws Exception { assertThat(new Code().nap()).isEqualTo(1); }");
    }

    /** Every fixture kata graded in one build, as `mvn test` at the root would. */
    private static FixtureRepository.Output all;
    /** A one-kata run, as `mvn test -pl exercises/90-counting -am` would. */
    private static FixtureRepository.Output counting;
    /** A run that graded only 94 of the build's 90 and 94 (`-Dkata=94`), after {@link #all}. */
    private static FixtureRepository.Output sleepingOnly;

    @BeforeAll
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // test JVMs, and the 3 s hang limit waited out once
    static void grade() {
        all = repo.grade(List.of("90-counting", "91-spinning", "92-exiting", "93-broken", "94-sleeping"));
        counting = repo.grade(List.of("90-counting"));
        sleepingOnly = repo.grade(List.of("90-counting", "94-sleeping"), "--only=94");
    }

    @Test
    @DisplayName("a kata in progress: the scorecard names each failing test, its case, its bug and what it saw; the build fails")
    void gradesAKataInProgress() {
        assertThat(all.flat()).contains("90-counting: 1 of 4 tests pass, in progress")
                .contains("FAIL adds nothing [1 plus nothing, 2 plus nothing]")
                .contains("bug: adds by subtracting")
                .contains("saw: [2 + 3] expected: 5")
                .contains("docs/90-counting.md#hints");
        assertThat(counting.flat()).contains("1 passed, 3 failed");
        assertThat(all.text().strip()).as("the scorecard is the last thing printed").endsWith("=".repeat(Scorecard.WIDTH));
        assertThat(all.text().lines()).as("every line fits an 80-column terminal").allSatisfy(line -> assertThat(line.length())
                .isLessThanOrEqualTo(Scorecard.WIDTH));
        assertThat(counting.verdict("grade-failed")).as("the build fails while a test fails").isTrue();
    }

    @Test
    @DisplayName("a one-kata run prints the first failure in full, with its timeline, before the scorecard; secrets stay redacted")
    void printsTheFirstFailureInFull() {
        String text = counting.text();

        assertThat(text.indexOf("the first failing test in full")).as("the details come first").isLessThan(text.indexOf("async-katas scorecard"));
        assertThat(text).doesNotContain("s3cr3t-token");
        assertThat(counting.reportText()).contains("Timeline (virtual time").doesNotContain("s3cr3t-token");
        assertThat(all.text()).as("a run of several katas prints no failure in full").doesNotContain("the first failing test in full");
    }

    @Test
    @DisplayName("the HTML report holds the scorecard and each failure's timeline as swim lanes, the failing moment marked")
    void writesTheHtmlReport() throws Exception {
        String html = all.html();
        Document page = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(html)));
        var xpath = XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("count(//*[local-name()='table'][@class='scorecard']//*[local-name()='tr'])", page, XPathConstants.NUMBER))
                .as("a header row and one row per kata of the repository").isEqualTo(6.0);
        String failure = "//*[local-name()='section'][@id='90-counting-CodeTest.showsTheTimeline']";
        NodeList columns = (NodeList) xpath.evaluate(failure + "//*[local-name()='table'][@class='lanes']//*[local-name()='th']", page,
                XPathConstants.NODESET);
        assertThat(columns.getLength()).as("time, MAIN, server, and the marker column").isEqualTo(4);
        assertThat(xpath.evaluate(failure + "//*[local-name()='tr'][contains(@class,'moment')]", page))
                .as("the failing moment is the problem").contains("shows the answer before it arrives").contains("the failing moment");
        assertThat(xpath.evaluate("//*[local-name()='section'][@id='91-spinning-CodeTest.spinsForever']", page))
                .as("the hung test, with where it was stuck").contains("Code.spin");
        assertThat(html).as("self-contained: nothing fetched from the network").doesNotContain("s3cr3t-token")
                .doesNotContainPattern("(src|href)=\"https?:").doesNotContain("<script").doesNotContain("@import");
    }

    @Test
    @DisplayName("results.json: a versioned schema, every kata listed with its status, each test's status, bug and message")
    void writesResultsJson() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(all.resultsJson());
        assertThat(json.get("schemaVersion").asInt()).isEqualTo(ResultsJson.SCHEMA_VERSION);
        List<String> statuses = new java.util.ArrayList<>();
        json.get("katas").forEach(kata -> statuses.add(kata.get("status").asText()));
        assertThat(statuses).containsExactly("in progress", "hung", "crashed", "not compiled", "solved");
        var counting = json.get("katas").get(0);
        assertThat(counting.get("counts").get("passed").asInt()).isEqualTo(1);
        assertThat(counting.get("tests").findValuesAsText("status")).containsExactlyInAnyOrder("fail", "pass", "fail", "fail");
        assertThat(json.get("katas").get(1).get("problem").get("where").asText()).startsWith("exercises/91-spinning/src/main/java/fixture/Code.java:");
        SchemaCheck.assertValid(json);
    }

    @Test
    @DisplayName("an endless loop: the kata is reported hung within the limit, at the file and line of the loop; the next kata is still graded")
    void anEndlessLoopIsReportedWhereItSpins() {
        assertThat(all.flat()).contains("91-spinning: 1 of 3 tests pass, hung")
                .containsPattern("It never finished: at Code.java:\\d+ \\(Code.spin\\)")
                .contains("kept running and never returned")
                .contains("1 test not run")
                .contains("94-sleeping: 1 of 1 tests pass, solved");
        assertThat(all.reportText()).contains("[error] spins forever").contains("[not run] never runs").contains("Code.spin");
    }

    @Test
    @DisplayName("System.exit: reported with the test that ran and the line that called it, and the scorecard is still written")
    void systemExitIsReported() {
        assertThat(all.flat()).contains("92-exiting: 0 of 1 tests pass, crashed")
                .contains("System.exit was called at Code.java:4 (Code.quit)");
        assertThat(all.reportText()).as("the place, from the repository's root, in the report")
                .contains("advice: exercises/92-exiting/src/main/java/fixture/Code.java:4 (Code.quit): calls System.exit");
    }

    @Test
    @DisplayName("a kata that does not compile shows the compiler's first error; the other katas are graded")
    void aCompileErrorIsShownAndTheOthersAreGraded() {
        assertThat(all.flat()).contains("93-broken: does not compile")
                .contains("exercises/93-broken/src/main/java/fixture/Code.java:4: ';' expected")
                .contains("94-sleeping: 1 of 1 tests pass, solved")
                .contains("1 kata not compiled");
        assertThat(all.verdict("grade-failed")).isTrue();
    }

    @Test
    @DisplayName("hygiene: Thread.sleep in the learner's code is advice beside the scorecard, with its line, not a failure")
    void sleepingIsAdvice() {
        assertThat(all.flat()).contains("advice: Code.java:5 (Code.nap) calls Thread.sleep: sleeping waits a fixed time");
        assertThat(sleepingOnly.flat()).contains("Every test passes: 94-sleeping is solved.");
        assertThat(sleepingOnly.verdict("grade-passed")).as("a solved kata passes the build").isTrue();
    }

    @Test
    @DisplayName("nothing is stale: a kata graded in an earlier run is 'not run' in the next run's reports")
    void noResultIsStale() throws Exception {
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sleepingOnly.resultsJson());
        assertThat(json.get("katas").get(0).get("kata").asText()).isEqualTo("90-counting");
        assertThat(json.get("katas").get(0).get("status").asText()).isEqualTo("not run");
        assertThat(json.get("katas").get(0).get("tests")).isEmpty();
        assertThat(sleepingOnly.reportText()).doesNotContain("adds by subtracting");
        assertThat(sleepingOnly.html()).doesNotContain("adds by subtracting");
        assertThat(sleepingOnly.text()).as("-Dkata=94 grades 94 alone").doesNotContain("90-counting:");
    }

    @Test
    @DisplayName("a selection that matches nothing says which katas there are, and fails the build")
    void aSelectionOfNothingSaysWhatThereIs() {
        FixtureRepository.Output none = repo.grade(List.of("90-counting"), "--only=42");
        assertThat(none.text()).contains("no kata matches -Dkata=42").contains("90-counting, 91-spinning");
        assertThat(none.verdict("grade-failed")).isTrue();
    }
}
