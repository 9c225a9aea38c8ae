import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { markdownFiles } from '../src/check.mjs';
import { copyOfFixture, FIXTURE } from './support/fixture.mjs';

const CLI = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli.mjs');

function runCli(args, cwd) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

test('on a clean repository: exit status 0 and a one-line summary', () => {
  const result = runCli(['--root', FIXTURE]);

  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.equal(result.stdout, 'docs-check: no problems (4 Markdown files, 2 Mermaid diagrams, 9 links, 3 test names, 1 wrong fix)\n');
});

test('on problems: one line each, a summary, exit status 1', () => {
  const repo = copyOfFixture()
    .plant('docs/01-demo.md', '"cancelled"#59; nothing', '"cancelled"; nothing')
    .plant('README.md', '(docs/01-demo.md#hints)', '(docs/01-demo.md#hint)');

  const result = runCli(['--root', repo.root]);

  assert.equal(result.status, 1);
  const lines = result.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 3, result.stdout);
  assert.match(lines[0], /^README\.md:\d+: anchor: #hint: /);
  assert.match(lines[1], /^docs\/01-demo\.md:\d+: mermaid: /);
  assert.equal(lines[2], 'docs-check: 2 problems in 2 files (checked 4 Markdown files, 2 Mermaid diagrams, 9 links, 3 test names, 1 wrong fix)');
});

test('files given on the command line are read from the current folder, and only they are checked', () => {
  const repo = copyOfFixture().plant('README.md', '(docs/01-demo.md#hints)', '(docs/01-demo.md#hint)');

  const result = runCli(['--root', repo.root, '01-demo.md'], join(repo.root, 'docs'));

  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, /^docs-check: no problems \(1 Markdown file,/);
});

test('a file that does not exist is a usage error (exit status 2), not a pass', () => {
  const result = runCli(['--root', FIXTURE, 'docs/missing.md'], FIXTURE);

  assert.equal(result.status, 2);
  assert.match(result.stderr, /no file docs\/missing\.md/);
});

test('the files a reader opens: build output, dependencies, hidden folders and the tool\'s fixtures are left out', () => {
  const repo = copyOfFixture();
  for (const file of ['target/site/x.md', 'node_modules/pkg/README.md', '.github/notes.md', 'tools/docs-check/test/fixtures/broken.md', 'tools/docs-check/README.md']) {
    mkdirSync(dirname(join(repo.root, file)), { recursive: true });
    writeFileSync(join(repo.root, file), '# x\n');
  }

  assert.deepEqual(markdownFiles(repo.root), [
    'README.md',
    'docs/01-demo.md',
    'solutions/01-demo/alternatives/with-a-lock/README.md',
    'solutions/01-demo/wrong-fixes/cancels-too-late/README.md',
    'tools/docs-check/README.md',
  ]);
});
