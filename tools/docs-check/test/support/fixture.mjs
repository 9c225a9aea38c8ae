// A fresh copy of the fixture repository (test/fixtures/repo, on which every check passes) with one mistake
// planted: each test shows the mistake it plants and the one problem the check must report for it.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRepository, formatProblem } from '../../src/check.mjs';

export const FIXTURE = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'repo');

export function copyOfFixture() {
  const root = mkdtempSync(join(tmpdir(), 'docs-check-'));
  cpSync(FIXTURE, root, { recursive: true });
  return {
    root,
    /** Replaces the one occurrence of `from` in `file` by `to`. */
    plant(file, from, to) {
      const path = join(root, file);
      const text = readFileSync(path, 'utf8');
      assert.equal(text.split(from).length, 2, `the fixture ${file} should contain "${from}" exactly once`);
      writeFileSync(path, text.replace(from, to));
      return this;
    },
    write(file, text) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      writeFileSync(join(root, file), text);
      return this;
    },
    async problems() {
      const { problems } = await checkRepository(root);
      return problems.map(formatProblem);
    },
  };
}

/** The line of `file` in the fixture that contains `text`. */
export function lineOf(file, text) {
  const lines = readFileSync(join(FIXTURE, file), 'utf8').split('\n');
  const index = lines.findIndex((line) => line.includes(text));
  assert.ok(index >= 0, `the fixture ${file} should contain "${text}"`);
  return index + 1;
}
