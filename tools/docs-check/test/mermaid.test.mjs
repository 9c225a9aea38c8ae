import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lineInSource, mermaidProblem } from '../src/mermaid.mjs';
import { copyOfFixture, lineOf } from './support/fixture.mjs';

const LESSON = 'docs/01-demo.md';

test('a ";" planted inside a sequence-diagram note fails the check, at the note\'s line (issue 13)', async () => {
  const repo = copyOfFixture().plant(LESSON, '"cancelled"#59; nothing', '"cancelled"; nothing');

  const problems = await repo.problems();

  const line = lineOf(LESSON, 'Note over U,S');
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], new RegExp(`^docs/01-demo\\.md:${line}: mermaid: Parse error on line \\d+: `));
  assert.match(problems[0], /a ";" ends a statement in a sequence diagram.*write #59;/);
});

test('a ";" inside a message of a sequence diagram fails too', async () => {
  const repo = copyOfFixture().plant(LESSON, 'U->>S: GET /image', 'U->>S: GET /image; then wait');

  const problems = await repo.problems();

  assert.deepEqual(problems.map((p) => p.split(': mermaid:')[0]), [`${LESSON}:${lineOf(LESSON, 'U->>S: GET /image')}`]);
});

test('the fixture\'s diagrams, "#59;" in a note and a state diagram, are accepted', async () => {
  assert.deepEqual(await copyOfFixture().problems(), []);
});

test('diagrams that need a DOM to parse (class, state) are parsed, not rejected for want of one', async () => {
  assert.equal(await mermaidProblem('classDiagram\n    class Gallery\n    Gallery : +open()\n'), null);
  assert.equal(await mermaidProblem('stateDiagram-v2\n    [*] --> Loading\n    Loading --> [*]\n'), null);
  assert.equal(await mermaidProblem('flowchart LR\n    A --> B\n'), null);
});

test('a broken flowchart is reported with Mermaid\'s own message, and no ";" hint outside a sequence diagram', async () => {
  const problem = await mermaidProblem('flowchart LR\n    A --> B\n    B --> \n');

  assert.ok(problem, 'the flowchart should be rejected');
  assert.match(problem.message, /^Parse error on line \d+: .*expecting/);
  assert.doesNotMatch(problem.message, /#59;/);
});

test('an unknown diagram type is reported', async () => {
  const problem = await mermaidProblem('sequence\n    A->>B: hi\n');

  assert.match(problem.message, /No diagram type detected/);
});

test('the line reported is the diagram\'s own, though Mermaid drops comments, directives and front matter first', async () => {
  const diagram = [
    '---',
    'title: The lost cancel',
    '---',
    '%%{init: {"theme": "neutral"}}%%',
    'sequenceDiagram',
    '    %% the user is on main',
    '    participant U as User',
    '    U->>U: cancel(true); the user left',
    '',
  ].join('\n');

  const problem = await mermaidProblem(diagram);

  assert.equal(problem.line, 8);
  assert.match(problem.message, /write #59;/);
  assert.equal(lineInSource('\n\nsequenceDiagram\n    A->>B: x\n', 2), 4);
});
