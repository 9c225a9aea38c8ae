// The whole check over a repository: which Markdown files a reader opens, and for each the three checks.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { anchorsOf, linksOf, mermaidBlocksOf, parseMarkdown } from './markdown.mjs';
import { linkProblem, toSlashes } from './links.mjs';
import { mermaidProblem } from './mermaid.mjs';
import { checkNamedTests, isLesson } from './tests-named.mjs';

// Folders no reader opens: build output, dependencies, tools' state, and this tool's own test fixtures (which are
// broken on purpose and checked by its tests instead).
const SKIPPED_FOLDERS = new Set(['node_modules', 'target']);
export const SKIPPED_PATHS = new Set(['tools/docs-check/test/fixtures']);

/** Every Markdown file under `root` a reader may open, as paths relative to it with '/', sorted. */
export function markdownFiles(root, skippedPaths = SKIPPED_PATHS) {
  const found = [];
  const visit = (dir) => {
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_FOLDERS.has(entry.name) && !skippedPaths.has(path)) visit(path);
      } else if (/\.(md|markdown)$/i.test(entry.name)) {
        found.push(path);
      }
    }
  };
  visit('');
  return found.sort();
}

/**
 * Checks `files` (default: every Markdown file under `root`). Returns { problems, stats }; each problem is
 * { file, line, kind, message }, sorted by file and line.
 */
export async function checkRepository(root, { files, skippedPaths } = {}) {
  const chosen = files ?? markdownFiles(root, skippedPaths);
  const problems = [];
  const stats = { files: chosen.length, diagrams: 0, links: 0, tests: 0, wrongFixes: 0 };
  const trees = new Map();
  const anchors = new Map();
  const sourcesCache = new Map();

  const treeOf = (file) => {
    if (!trees.has(file)) trees.set(file, parseMarkdown(readFileSync(join(root, file), 'utf8')));
    return trees.get(file);
  };
  const anchorsFor = (file) => {
    if (!anchors.has(file)) anchors.set(file, anchorsOf(treeOf(file)));
    return anchors.get(file);
  };

  for (const file of chosen) {
    const tree = treeOf(file);
    const report = (line, kind, message) => problems.push({ file, line, kind, message });

    for (const block of mermaidBlocksOf(tree)) {
      stats.diagrams++;
      const problem = await mermaidProblem(block.source);
      // The fence is on block.fenceLine; the diagram's line 1 is the line after it. Mermaid may not say where.
      if (problem) report(block.fenceLine + (problem.line ?? 0), 'mermaid', problem.message);
    }

    for (const link of linksOf(tree)) {
      stats.links++;
      const message = linkProblem(root, file, link, anchorsFor);
      if (message) report(link.line, message.startsWith('#') ? 'anchor' : 'link', message);
    }

    // The grader's scorecard sends a learner with a failing test to docs/NN-name.md#hints (kit's Scorecard).
    if (isLesson(file) && !anchorsFor(file).has('hints')) {
      report(1, 'anchor', 'no "## Hints" heading: the scorecard sends learners to #hints of this lesson');
    }

    const resolveLink = (url) => {
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(url)) return null;
      const path = url.replace(/[?#].*$/, '');
      if (path === '') return null;
      const absolute = path.startsWith('/') ? join(root, path) : join(root, dirname(file), path);
      return toSlashes(relative(root, normalize(absolute)));
    };
    const counts = checkNamedTests({ root, file, tree, report, resolveLink, sourcesCache });
    stats.tests += counts.tests;
    stats.wrongFixes += counts.wrongFixes;
  }

  return { problems: dedupe(problems).sort(byPlace), stats };
}

export function formatProblem({ file, line, kind, message }) {
  return `${file}:${line}: ${kind}: ${message}`;
}

export function summary({ problems, stats }) {
  const checked = [
    count(stats.files, 'Markdown file'),
    count(stats.diagrams, 'Mermaid diagram'),
    count(stats.links, 'link'),
    count(stats.tests, 'test name'),
    count(stats.wrongFixes, 'wrong fix', 'wrong fixes'),
  ].join(', ');
  if (problems.length === 0) return `docs-check: no problems (${checked})`;
  const files = new Set(problems.map((p) => p.file)).size;
  return `docs-check: ${count(problems.length, 'problem')} in ${count(files, 'file')} (checked ${checked})`;
}

function count(n, singular, plural = `${singular}s`) {
  return `${n} ${n === 1 ? singular : plural}`;
}

function dedupe(problems) {
  const seen = new Set();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function byPlace(a, b) {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}
