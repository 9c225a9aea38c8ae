import assert from 'node:assert/strict';
import { test } from 'node:test';
import { copyOfFixture, lineOf } from './support/fixture.mjs';

const LESSON = 'docs/01-demo.md';
const at = (text) => `${LESSON}:${lineOf(LESSON, text)}`;

test('a test name that does not exist is reported, with the nearest test of its class', async () => {
  const repo = copyOfFixture().plant(LESSON, '`DemoTest.cancelInFlightAbortsTheRequest`', '`DemoTest.cancelInFlightAbortsTheRequests`');

  assert.deepEqual(await repo.problems(), [
    `${at('| `DemoTest.cancelInFlight')}: test: DemoTest.cancelInFlightAbortsTheRequests: DemoTest has no method cancelInFlightAbortsTheRequests (did you mean DemoTest.cancelInFlightAbortsTheRequest?)`,
  ]);
});

test('a test class that does not exist is reported', async () => {
  const repo = copyOfFixture().plant(LESSON, '`DemoProperties.anyInterleaving`', '`DemoProperty.anyInterleaving`');

  assert.deepEqual(await repo.problems(), [
    `${at('| `DemoProperties.any')}: test: DemoProperty.anyInterleaving: no test class DemoProperty in exercises/01-demo/src/test/java (did you mean DemoProperties?)`,
  ]);
});

test('a method of a test class that is not a test is reported', async () => {
  const repo = copyOfFixture().plant(LESSON, '`DemoTest.cancelBeforeDispatchSendsNothing`', '`DemoTest.assertCancelled`');

  assert.deepEqual(await repo.problems(), [
    `${at('| [cancels too late]')}: test: DemoTest.assertCancelled: a method of DemoTest, but not a test (no @Test, @ParameterizedTest or @Property)`,
  ]);
});

test('a test written without its class is reported with the class to add', async () => {
  const repo = copyOfFixture().plant(LESSON, '`DemoTest.cancelBeforeDispatchSendsNothing`', '`cancelBeforeDispatchSendsNothing`');

  assert.deepEqual(await repo.problems(), [
    `${at('| [cancels too late]')}: test: \`cancelBeforeDispatchSendsNothing\`: name the test with its class: \`DemoTest.cancelBeforeDispatchSendsNothing\``,
  ]);
});

test('a row of the test table that names no test, and a wrong fix caught by no named test, are reported', async () => {
  const repo = copyOfFixture()
    .plant(LESSON, '`DemoProperties.anyInterleaving`', 'the property')
    .plant(LESSON, '`DemoTest.cancelBeforeDispatchSendsNothing`, and every', 'the tests, and every');

  assert.deepEqual(await repo.problems(), [
    `${at('| `DemoProperties.any')}: test: this row names no test: write it as \`ClassName.methodName\``,
    `${at('| [cancels too late]')}: test: this wrong fix names no test that catches it: write it as \`ClassName.methodName\``,
  ]);
});

test('a table of display names with a "Test class" column is checked against @DisplayName and @Label', async () => {
  const table = [
    '| Test class | Test | Bug it catches |',
    '|---|---|---|',
    '| `DemoTest` | cancelled at 1 s while in flight: the server sees the abort | the cancel is ignored |',
    '| `DemoProperties` | any interleaving: one outcome | the same |',
    '| `DemoTest` | cancelled at 2 s while in flight: the server sees the abort | the cancel is ignored |',
    '',
  ].join('\n');
  const repo = copyOfFixture().plant(LESSON, '| Wrong fix | Caught by |', `${table}\n| Wrong fix | Caught by |`);

  const problems = await repo.problems();

  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /^docs\/01-demo\.md:\d+: test: DemoTest has no test named "cancelled at 2 s while in flight: the server sees the abort" \(by method or display name\); did you mean "cancelled at 1 s/);
});

test('a wrong fix named that is not in the catalogue is reported', async () => {
  const repo = copyOfFixture().plant(LESSON, 'wrong-fixes/cancels-too-late/)', 'wrong-fixes/cancels-to-late/)');

  const problems = await repo.problems();

  assert.deepEqual(problems, [
    `${at('## Which test catches which bug')}: wrong-fix: solutions/01-demo/wrong-fixes/cancels-too-late/ is not named in this section: the table of wrong fixes lists every entry of the catalogue`,
    `${at('| [cancels too late]')}: link: ../solutions/01-demo/wrong-fixes/cancels-to-late/: no such file (solutions/01-demo/wrong-fixes/cancels-to-late)`,
    `${at('| [cancels too late]')}: wrong-fix: solutions/01-demo/wrong-fixes/cancels-to-late/ does not exist (did you mean cancels-too-late?)`,
  ]);
});

test('a wrong fix may be named by its slug in backticks; an entry of the catalogue left out of the table is reported', async () => {
  const repo = copyOfFixture()
    .plant(LESSON, '[cancels too late](../solutions/01-demo/wrong-fixes/cancels-too-late/)', '`cancels-too-late`')
    .write('solutions/01-demo/wrong-fixes/forgets-the-batch/README.md', '# Forgets the batch\n\nCancels one request, not the others.\n');

  assert.deepEqual(await repo.problems(), [
    `${at('## Which test catches which bug')}: wrong-fix: solutions/01-demo/wrong-fixes/forgets-the-batch/ is not named in this section: the table of wrong fixes lists every entry of the catalogue`,
  ]);
});

test('while a kata has a catalogue, every row of its wrong-fix table names an entry', async () => {
  const repo = copyOfFixture().plant(LESSON, '[cancels too late](../solutions/01-demo/wrong-fixes/cancels-too-late/)', 'checking the flag in the callback');

  assert.deepEqual(await repo.problems(), [
    `${at('## Which test catches which bug')}: wrong-fix: solutions/01-demo/wrong-fixes/cancels-too-late/ is not named in this section: the table of wrong fixes lists every entry of the catalogue`,
    `${at('| [cancels too late]')}: wrong-fix: this row names no entry of the catalogue: link solutions/01-demo/wrong-fixes/<slug>/ or write its slug in backticks`,
  ]);
});

test('a lesson without the section, and a lesson of a kata with no tests, are reported', async () => {
  const repo = copyOfFixture()
    .plant(LESSON, '## Which test catches which bug', '## Tests')
    .write('docs/02-ghost.md', '# Kata 02\n\n## Hints\n\n## Which test catches which bug\n\n| Test | Bug |\n|---|---|\n| `GhostTest.haunts` | none |\n');

  assert.deepEqual(await repo.problems(), [
    'docs/01-demo.md:1: test: the lesson has no "Which test catches which bug" section',
    'docs/02-ghost.md:5: test: the tests named here should be in exercises/02-ghost/src/test/java, which does not exist',
  ]);
});

test('prose may mention JDK methods and test helpers without being taken for tests', async () => {
  const repo = copyOfFixture().plant(LESSON, 'A correct alternative:',
    'Cancelling `CompletableFuture.allOf(...)` or `CompletableFuture.allOf` stops nothing; `DemoTest.assertCancelled(call)` and `dispatch` help. A correct alternative:');

  assert.deepEqual(await repo.problems(), []);
});
