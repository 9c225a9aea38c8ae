import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findMethod, testMethodsOf, typesIn } from '../src/java-tests.mjs';

const SOURCE = String.raw`
package demo;

/** A comment with a fake method: void notATest() { } and a brace { */
@SimulationTest
class GalleryTest extends BaseTest {
    private static final String BRACES = "} { \" not a method(";
    private final Object handle = Objects.requireNonNull(open("x"), "handle");
    private final Runnable later = () -> { run(); };
    private static final char QUOTE = '"';

    @Test
    @DisplayName("cancelled at 1 s: the \"abort\" reaches the server")
    void cancelInFlight(SimPlatform platform) {
        var type = GalleryTest.class;
        new Thread(new Runnable() { public void run() { } });
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyAnswer(String answer) {
    }

    @Property(seed = "1", tries = 10)
    @Label("""
        any interleaving: one outcome
        """)
    void anyInterleaving(@ForAll("stories") Story story) {
    }

    static Stream<String> answers() {
        return Stream.of("a");
    }

    enum Answer { OK("200"), RESET("reset"); Answer(String s) { } String code() { return ""; } }

    record Story(int at, String name) {
        Story {
        }
    }

    @Nested
    class WhenOffline {
        @Test
        void showsTheError() {
        }
    }
}

abstract class BaseTest {
    @Test
    void inheritedCheck() {
    }
}
`;

const classes = new Map(typesIn(SOURCE).flatMap((type) => [[type.name, type], [type.qualifiedName, type]]));

test('test methods are found with their annotations; helpers, lambdas, anonymous classes and initialisers are not tests', () => {
  const gallery = classes.get('GalleryTest');
  assert.deepEqual([...gallery.methods.keys()], ['cancelInFlight', 'everyAnswer', 'anyInterleaving', 'answers']);
  assert.deepEqual(testMethodsOf(classes, 'GalleryTest').map(([name]) => name), ['cancelInFlight', 'everyAnswer', 'anyInterleaving', 'inheritedCheck']);
  assert.equal(findMethod(classes, 'GalleryTest', 'answers').test, false);
});

test('display names are read with their escapes, from @DisplayName and jqwik\'s @Label, text blocks included', () => {
  const gallery = classes.get('GalleryTest');
  assert.deepEqual(gallery.methods.get('cancelInFlight').displayNames, ['cancelled at 1 s: the "abort" reaches the server']);
  assert.deepEqual(gallery.methods.get('anyInterleaving').displayNames, ['any interleaving: one outcome\n']);
});

test('nested classes are known by their simple and their qualified name; tests are inherited', () => {
  assert.equal(findMethod(classes, 'WhenOffline', 'showsTheError').test, true);
  assert.equal(findMethod(classes, 'GalleryTest.WhenOffline', 'showsTheError').test, true);
  assert.equal(findMethod(classes, 'GalleryTest', 'inheritedCheck').test, true);
  assert.equal(findMethod(classes, 'GalleryTest', 'showsTheError'), undefined);
  assert.deepEqual([...classes.get('Answer').methods.keys()], ['code']);
});
