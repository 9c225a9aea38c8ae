// Relative links and anchors, resolved as GitHub resolves them in a rendered Markdown file: relative to the file's
// folder, or to the repository's root for a path that starts with `/`; a folder is a valid target (GitHub shows
// its listing); an anchor into a Markdown file must be one of that file's heading anchors.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Checks one link of `file` (a path relative to `root`, with '/'). `anchorsOf(relativePath)` gives the anchors of
 * a Markdown file. Returns the problem's message, or null when the link is good or not ours to check.
 */
export function linkProblem(root, file, link, anchorsOf) {
  if (link.missingReference !== undefined) return `[${link.missingReference}] is used as a link but never defined`;
  const url = link.url.trim();
  if (url === '') return 'a link with no target';
  if (EXTERNAL.test(url)) return null;

  const hash = url.indexOf('#');
  const rawPath = (hash < 0 ? url : url.slice(0, hash)).replace(/\?.*$/, '');
  const fragment = hash < 0 ? null : url.slice(hash + 1);
  let path;
  let decodedFragment;
  try {
    path = decodeURIComponent(rawPath);
    decodedFragment = fragment === null ? null : decodeURIComponent(fragment);
  } catch {
    return `${url}: not a valid URL (a stray %)`;
  }

  let target = file;
  if (path !== '') {
    const absolute = path.startsWith('/') ? join(root, path) : join(root, dirname(file), path);
    const fromRoot = relative(root, normalize(absolute));
    if (fromRoot.startsWith('..')) return `${url}: leaves the repository`;
    const wrongCase = caseMismatch(root, fromRoot);
    if (wrongCase) return `${url}: GitHub's paths are case-sensitive: the file is ${wrongCase}`;
    if (!existsSync(absolute)) return `${url}: no such file (${toSlashes(fromRoot) || '.'})`;
    if (statSync(absolute).isDirectory()) return null;
    target = toSlashes(fromRoot);
  }
  if (decodedFragment === null || decodedFragment === '' || !/\.(md|markdown)$/i.test(target)) return null;

  const anchors = anchorsOf(target);
  if (anchors.has(decodedFragment)) return null;
  const where = target === file ? 'this file' : target;
  if (anchors.has(decodedFragment.toLowerCase())) {
    return `#${decodedFragment}: GitHub's anchors are lower case: #${decodedFragment.toLowerCase()}`;
  }
  const guess = nearest(decodedFragment, anchors);
  return `#${decodedFragment}: no heading in ${where} has this anchor${guess ? ` (did you mean #${guess}?)` : ''}`;
}

// On a case-insensitive disk (macOS, Windows) `Docs/Lesson.md` exists when the file is docs/lesson.md; on GitHub
// it does not. Returns the path as it is spelled on disk when the link spells it otherwise, else null (also when
// there is no such file at all).
function caseMismatch(root, fromRoot) {
  let dir = root;
  const actual = [];
  let differs = false;
  for (const segment of fromRoot.split(sep).filter((s) => s !== '' && s !== '.')) {
    let names;
    try {
      names = readdirSync(dir);
    } catch {
      return null; // a file where the link expects a folder
    }
    const exact = names.includes(segment) ? segment : names.find((name) => name.toLowerCase() === segment.toLowerCase());
    if (exact === undefined) return null;
    if (exact !== segment) differs = true;
    actual.push(exact);
    dir = join(dir, exact);
  }
  return differs ? actual.join('/') : null;
}

/** The candidate closest to `word` by edit distance, if it is close enough to be a likely typo. */
export function nearest(word, candidates) {
  let best = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? best : null;
}

function editDistance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

export function toSlashes(path) {
  return path.split(sep).join('/');
}
