import assert from 'node:assert/strict';
import { test } from 'node:test';
import { anchorsOf, parseMarkdown } from '../src/markdown.mjs';
import { copyOfFixture, lineOf } from './support/fixture.mjs';

test('a broken anchor into another file is reported with the nearest heading', async () => {
  const repo = copyOfFixture().plant('README.md', '(docs/01-demo.md#hints)', '(docs/01-demo.md#hint)');

  assert.deepEqual(await repo.problems(), [
    `README.md:${lineOf('README.md', '[hints]')}: anchor: #hint: no heading in docs/01-demo.md has this anchor (did you mean #hints?)`,
  ]);
});

test('a broken anchor in the same file is reported', async () => {
  const repo = copyOfFixture().plant('docs/01-demo.md', '(#what-breaks-and-why)', '(#what-breaks)');

  assert.deepEqual(await repo.problems(), [
    `docs/01-demo.md:${lineOf('docs/01-demo.md', 'Start from')}: anchor: #what-breaks: no heading in this file has this anchor`,
  ]);
});

test('an anchor written with capitals names the lower-case one GitHub makes', async () => {
  const repo = copyOfFixture().plant('docs/01-demo.md', '(#what-breaks-and-why)', '(#What-breaks-and-why)');

  assert.deepEqual(await repo.problems(), [
    `docs/01-demo.md:${lineOf('docs/01-demo.md', 'Start from')}: anchor: #What-breaks-and-why: GitHub's anchors are lower case: #what-breaks-and-why`,
  ]);
});

test('a link to a file that does not exist, one that leaves the repository, and an undefined reference', async () => {
  const repo = copyOfFixture()
    .plant('README.md', '(exercises/01-demo)', '(exercises/01-demos)')
    .plant('docs/01-demo.md', 'A correct alternative:', 'See [the parent](../../outside.md). A correct alternative:')
    .plant('README.md', 'See [the reference style][style]', 'See [the reference style][styles]');

  assert.deepEqual(await repo.problems(), [
    `README.md:${lineOf('README.md', '[demo]')}: link: exercises/01-demos: no such file (exercises/01-demos)`,
    `README.md:${lineOf('README.md', '[the reference style]')}: link: [styles] is used as a link but never defined`,
    `docs/01-demo.md:${lineOf('docs/01-demo.md', 'A correct alternative')}: link: ../../outside.md: leaves the repository`,
  ]);
});

test('a link whose case differs from the file\'s is reported: it works on a Mac\'s disk, not on GitHub', async () => {
  const repo = copyOfFixture().plant('README.md', '[docs/01-demo.md](docs/01-demo.md)', '[docs/01-demo.md](Docs/01-Demo.md)');

  assert.deepEqual(await repo.problems(), [
    `README.md:${lineOf('README.md', '[demo]')}: link: Docs/01-Demo.md: GitHub's paths are case-sensitive: the file is docs/01-demo.md`,
  ]);
});

test('a lesson without a "## Hints" heading is reported: the scorecard links learners to #hints', async () => {
  const repo = copyOfFixture()
    .plant('docs/01-demo.md', '## Hints', '## Clues')
    .plant('README.md', '(docs/01-demo.md#hints)', '(docs/01-demo.md#clues)');

  assert.deepEqual(await repo.problems(), [
    'docs/01-demo.md:1: anchor: no "## Hints" heading: the scorecard sends learners to #hints of this lesson',
  ]);
});

test('links inside code spans and fences are not links', async () => {
  const repo = copyOfFixture().plant('docs/01-demo.md', '## Notes\n\n## Notes', '## Notes\n\n`[x](missing.md)`\n\n```\n[y](missing.md#nowhere)\n```\n\n## Notes');

  assert.deepEqual(await repo.problems(), []);
});

test('anchors follow GitHub: lower case, punctuation dropped, spaces to hyphens, repeats numbered', () => {
  const tree = parseMarkdown([
    '# Kata 02: async cancellation',
    '## What the answers got right, and what they missed',
    '## `CompletableFuture.allOf(...)` & friends',
    '## Notes',
    '## Notes',
    '## Notes',
    '## Swift → Java',
    '<a id="custom-place"></a>',
  ].join('\n\n'));

  assert.deepEqual([...anchorsOf(tree)], [
    'kata-02-async-cancellation',
    'what-the-answers-got-right-and-what-they-missed',
    'completablefutureallof--friends',
    'notes',
    'notes-1',
    'notes-2',
    'swift--java',
    'custom-place',
  ]);
});
