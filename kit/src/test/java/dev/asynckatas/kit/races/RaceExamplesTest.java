package dev.asynckatas.kit.races;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.asynckatas.kit.sim.TimelineReport;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The three example races, through the API as a kata test states them: each mistake is found, every time, at the
 * same interleaving and drawn the same way; each fix passes, every time. Each run is a test of its own, so each
 * stays within the per-test time limits. Three runs each in the build; the determinism proof runs twenty:
 * {@code mvn -o test -pl kit -Dtest=RaceExamplesTest -Draces.runs=20}.
 */
@Timeout(RaceTests.TIMEOUT_SECONDS) // see RaceTests
class RaceExamplesTest {
    /** The first repetition's drawing of each race: every later one must be identical (determinism). */
    private static final Map<String, String> FIRST_DRAWING = new ConcurrentHashMap<>();

    static IntStream runs() {
        return IntStream.rangeClosed(1, Integer.getInteger("races.runs", 3));
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("runs")
    @DisplayName("check-then-act: a cancel between the check and the store of the request is found")
    void checkThenActIsFound(int run) {
        RaceFound found = foundIn("check-then-act", () -> CheckThenActRace.cancelDuringDispatch(CheckThenActRace.CheckThenAct::new));
        assertThat(found.getMessage()).startsWith("A cancelled call leaves no request running: the cancel came after the check");
        assertThat(found.interleaving()).contains("writes cancelled = true", "reads cancelled: false", "writes request = ");
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("runs")
    @DisplayName("check-then-act: the fix with a lock passes")
    void checkThenActLockedPasses(int run) {
        passes(CheckThenActRace.cancelDuringDispatch(CheckThenActRace.Locked::new));
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("runs")
    @DisplayName("check-then-act: the fix that checks again after the store passes")
    void checkThenActRecheckPasses(int run) {
        passes(CheckThenActRace.cancelDuringDispatch(CheckThenActRace.RecheckAfterStore::new));
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("runs")
    @DisplayName("unsynchronised counter: a lost increment is found")
    void lostIncrementIsFound(int run) {
        RaceFound found = foundIn("counter", () -> UnsynchronisedCounterRace.twoDownloadsFinishTogether(UnsynchronisedCounterRace.PlainField::new));
        assertThat(found.getMessage()).startsWith("Both finished downloads are counted");
        assertThat(found.interleaving()).contains("reads finished: 0", "writes finished = 1");
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("runs")
    @DisplayName("unsynchronised counter: the atomic fix passes")
    void atomicCounterPasses(int run) {
        passes(UnsynchronisedCounterRace.twoDownloadsFinishTogether(UnsynchronisedCounterRace.Atomic::new));
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("runs")
    @DisplayName("stored id: a response that reads the id before it is stored is found")
    void storedIdIsFound(int run) {
        RaceFound found = foundIn("stored id", () -> StoredIdRace.quickResponse(StoredIdRace.SendThenBegin::new));
        assertThat(found.getMessage()).startsWith("The background task is ended when the response arrives");
        assertThat(found.interleaving()).contains("reads taskId: 0", "writes taskId = 1");
    }

    @ParameterizedTest(name = "run {0}")
    @MethodSource("runs")
    @DisplayName("stored id: storing the id before sending passes")
    void storedIdFixPasses(int run) {
        passes(StoredIdRace.quickResponse(StoredIdRace.BeginThenSend::new));
    }

    private static RaceFound foundIn(String race, Supplier<RaceCheck<?>> check) {
        RaceFound found = catchThrowableOfType(RaceFound.class, () -> check.get().check());
        assertThat(found).as("the model checker finds the %s race", race).isNotNull();
        assertThat(TimelineReport.of(found)).as("the interleaving is attached for the scorecard").contains(found.interleaving());
        String drawing = "found at interleaving " + found.interleavingsExplored() + "\n" + found.interleaving();
        assertThat(drawing).as("the same interleaving, drawn the same way, on every run")
                .isEqualTo(FIRST_DRAWING.computeIfAbsent(race, r -> drawing));
        return found;
    }

    private static void passes(RaceCheck<?> check) {
        RaceCheck.Explored explored = check.check();
        assertThat(explored.interleavings()).as("explored some interleavings: %s", explored).isPositive();
    }
}
