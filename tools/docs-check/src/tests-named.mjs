// The "Which test catches which bug" section of a lesson names tests and wrong fixes; both must exist. Tests are
// written `ClassName.methodName` (a class of the kata's src/test/java and a test method of it); wrong fixes by
// their folder, solutions/NN-name/wrong-fixes/<slug>/ (a link to it, the path, or the slug in backticks in the
// first column of the wrong-fix table).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { findMethod, indexTestSources, testMethodsOf } from './java-tests.mjs';
import { lineOf, sectionOf, textOf, walk } from './markdown.mjs';
import { nearest } from './links.mjs';

export const SECTION = /which\s+tests?\s+catch(?:es)?\s+which\s+bugs?/i;

const QUALIFIED = /^((?:[A-Z][\w$]*\.)*[A-Z][\w$]*)\.([a-z_$][\w$]*)$/;
const CLASS_NAME = /^[A-Z][\w$]*$/;
const BARE = /^[a-z_$][\w$]*$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
// A test class written in plain text, outside backticks: only names that read as test classes, so that prose such
// as "java.net" or "CompletableFuture.allOf" is left alone.
const PLAIN_TEST_REFERENCE = /\b((?:[A-Z][\w$]*\.)*[A-Z][\w$]*(?:Test|Tests|IT|Properties))\.([a-z_$][\w$]*)\b(?!\s*\()/g;
const LOOKS_LIKE_A_TEST_CLASS = /(?:Test|Tests|IT|Properties|TestCase)$/;
const ONLY_TESTS = 'only tests';
const TESTS = 'tests';
const PROSE = 'prose';
const CATALOGUE_PATH = /(?:solutions\/([\w.-]+)\/)?(wrong-fixes|alternatives)\/([\w.-]+)/g;

/** The kata a Markdown file belongs to (docs/NN-name.md, or anything under solutions/NN-name/), or null. */
export function kataOf(file) {
  const match = /^docs\/(\d\d-[^/]+)\.md$/.exec(file) ?? /^solutions\/(\d\d-[^/]+)\//.exec(file);
  return match ? match[1] : null;
}

export function isLesson(file) {
  return /^docs\/\d\d-[^/]+\.md$/.test(file);
}

/**
 * Checks the section of one file. `report(line, kind, message)` records a problem; `resolveLink(url)` gives the
 * repository-relative path a link points to (or null). Returns { tests, wrongFixes }: how many names were checked.
 */
export function checkNamedTests({ root, file, tree, report, resolveLink, sourcesCache }) {
  const counts = { tests: 0, wrongFixes: 0 };
  const kata = kataOf(file);
  const section = sectionOf(tree, SECTION);
  if (!section) {
    if (isLesson(file)) report(1, 'test', 'the lesson has no "Which test catches which bug" section');
    return counts;
  }
  if (!kata) return counts;

  const testDir = `exercises/${kata}/src/test/java`;
  if (!existsSync(join(root, testDir))) {
    report(lineOf(section.heading), 'test', `the tests named here should be in ${testDir}, which does not exist`);
    return counts;
  }
  if (!sourcesCache.has(kata)) sourcesCache.set(kata, indexTestSources(join(root, testDir)));
  const classes = sourcesCache.get(kata);
  const catalogue = catalogueOf(root, kata);
  const wrongFixesNamed = new Set();

  const tests = {
    // Checks one backticked name. `mode` says what may stand there: ONLY_TESTS (the test column: every name is a
    // test), TESTS (the column of tests that catch a wrong fix: a qualified name is a test, a helper such as
    // `assertCancelled` may be mentioned) or PROSE (only names that read as test classes are checked). Returns
    // true when the name is a test.
    code(value, line, mode) {
      const name = value.trim();
      let match;
      if ((match = QUALIFIED.exec(name))) return this.qualified(match[1], match[2], line, mode);
      if (CLASS_NAME.test(name)) {
        if (classes.has(name) && testMethodsOf(classes, name).length > 0) return true;
        if (mode !== PROSE || LOOKS_LIKE_A_TEST_CLASS.test(name)) {
          report(line, 'test', `${name}: no test class of that name in ${testDir}${suggestClass(name)}`);
          return true; // meant as a test: reported once, not again as a row that names none
        }
        return false;
      }
      if (BARE.test(name)) {
        const owners = ownersOf(name);
        if (owners.length > 0) {
          counts.tests++;
          report(line, 'test', `\`${name}\`: name the test with its class: ${owners.map((c) => `\`${c}.${name}\``).join(' or ')}`);
          return true;
        }
        if (mode === ONLY_TESTS) {
          report(line, 'test', `\`${name}\`: no test of that name in ${testDir}`);
          return true;
        }
      }
      return false;
    },
    qualified(className, method, line, mode) {
      if (!classes.has(className)) {
        if (mode !== PROSE || LOOKS_LIKE_A_TEST_CLASS.test(className)) {
          counts.tests++;
          report(line, 'test', `${className}.${method}: no test class ${className} in ${testDir}${suggestClass(className)}`);
          return true;
        }
        return false;
      }
      // In prose, a helper of the tests (a scene, a story) may be mentioned with its methods.
      if (mode === PROSE && testMethodsOf(classes, className).length === 0) return false;
      counts.tests++;
      const found = findMethod(classes, className, method);
      if (!found) {
        const guess = nearest(method, testMethodsOf(classes, className).map(([name]) => name));
        report(line, 'test', `${className}.${method}: ${className} has no method ${method}${guess ? ` (did you mean ${className}.${guess}?)` : ''}`);
      } else if (!found.test) {
        report(line, 'test', `${className}.${method}: a method of ${className}, but not a test (no @Test, @ParameterizedTest or @Property)`);
      }
      return true;
    },
    // A test written by its display name, in a table with a "Test class" column (kata 01's first lesson does this).
    displayName(className, text, line) {
      counts.tests++;
      if (!classes.has(className)) {
        report(line, 'test', `${className}: no test class of that name in ${testDir}${suggestClass(className)}`);
        return;
      }
      const wanted = normalize(text);
      const known = testMethodsOf(classes, className);
      if (known.some(([name, m]) => name === wanted || m.displayNames.some((d) => normalize(d) === wanted))) return;
      const guess = nearest(wanted, known.flatMap(([name, m]) => [name, ...m.displayNames.map(normalize)]));
      report(line, 'test', `${className} has no test named "${text}" (by method or display name)${guess ? `; did you mean "${guess}"?` : ''}`);
    },
  };

  function ownersOf(method) {
    const owners = new Set();
    for (const type of classes.values()) {
      if (type.methods.get(method)?.test) owners.add(type.qualifiedName);
    }
    return [...owners].sort();
  }

  function suggestClass(name) {
    const guess = nearest(name, [...classes.keys()].filter((c) => testMethodsOf(classes, c).length > 0));
    return guess ? ` (did you mean ${guess}?)` : '';
  }

  // Every name in a node: backticked names, test classes in plain text, paths of the catalogue. Returns whether
  // it named a test.
  function scan(node, mode) {
    let named = false;
    walk(node, (inner) => {
      if (inner.type === 'inlineCode') {
        if (tests.code(inner.value, lineOf(inner), mode)) named = true;
        catalogueMentions(inner.value, lineOf(inner));
      } else if (inner.type === 'text') {
        for (const match of inner.value.matchAll(PLAIN_TEST_REFERENCE)) {
          if (tests.qualified(match[1], match[2], lineOf(inner), mode === PROSE ? TESTS : mode)) named = true;
        }
        catalogueMentions(inner.value, lineOf(inner));
      } else if (inner.type === 'link') {
        const target = resolveLink(inner.url);
        if (target) catalogueMentions(target, lineOf(inner));
      }
    });
    return named;
  }

  function catalogueMentions(text, line) {
    const found = [];
    for (const match of text.matchAll(CATALOGUE_PATH)) {
      const entryKata = match[1] ?? kata;
      const entry = { kata: entryKata, kind: match[2], slug: match[3] };
      found.push(entry);
      namedEntry(entry, line);
    }
    return found;
  }

  function namedEntry({ kata: entryKata, kind, slug }, line) {
    const folder = `solutions/${entryKata}/${kind}/${slug}`;
    if (kind === 'wrong-fixes') counts.wrongFixes++;
    if (!isDirectory(join(root, folder))) {
      const known = entryKata === kata && kind === 'wrong-fixes' ? catalogue : listDirectories(join(root, `solutions/${entryKata}/${kind}`));
      const guess = nearest(slug, known);
      report(line, 'wrong-fix', `${folder}/ does not exist${guess ? ` (did you mean ${guess}?)` : ''}`);
      return;
    }
    if (entryKata === kata && kind === 'wrong-fixes') wrongFixesNamed.add(slug);
  }

  for (const node of section.nodes) {
    if (node.type !== 'table') {
      scan(node, PROSE);
      continue;
    }
    const [header, ...rows] = node.children;
    const columns = header.children.map((cell) => textOf(cell).trim().toLowerCase());
    if (/^test/.test(columns[0] ?? '')) {
      checkTestTable(columns, header, rows);
    } else if (/fix/.test(columns[0] ?? '')) {
      checkWrongFixTable(rows);
    } else {
      scan(node, PROSE);
    }
  }

  function checkTestTable(columns, header, rows) {
    scan(header, PROSE);
    const classColumn = columns.findIndex((c) => /^test class$/.test(c));
    const testColumn = columns.findIndex((c) => /^test( name)?$/.test(c));
    for (const row of rows) {
      const cells = row.children;
      if (classColumn >= 0 && testColumn >= 0 && cells[classColumn] && cells[testColumn]) {
        const className = textOf(cells[classColumn]).trim();
        const text = textOf(cells[testColumn]).trim();
        const code = cells[testColumn].children.length === 1 && cells[testColumn].children[0].type === 'inlineCode';
        if (code) tests.code(QUALIFIED.test(text) ? text : `${className}.${text}`, lineOf(row), ONLY_TESTS);
        else tests.displayName(className, text, lineOf(row));
        cells.forEach((cell, index) => index !== classColumn && index !== testColumn && scan(cell, PROSE));
        continue;
      }
      const named = cells[0] ? scan(cells[0], ONLY_TESTS) : false;
      if (!named) report(lineOf(row), 'test', `this row names no test: write it as \`ClassName.methodName\``);
      cells.slice(1).forEach((cell) => scan(cell, PROSE));
    }
  }

  function checkWrongFixTable(rows) {
    for (const row of rows) {
      const [first, ...rest] = row.children;
      const entries = first ? scanFirstCellForEntries(first) : 0;
      const named = rest.map((cell) => scan(cell, TESTS)).some(Boolean);
      if (!named) report(lineOf(row), 'test', 'this wrong fix names no test that catches it: write it as `ClassName.methodName`');
      if (catalogue.length > 0 && entries === 0) {
        report(lineOf(row), 'wrong-fix', `this row names no entry of the catalogue: link solutions/${kata}/wrong-fixes/<slug>/ or write its slug in backticks`);
      }
    }
  }

  // The first cell of a wrong-fix table names its entry: a link to it, its path, or its slug in backticks.
  function scanFirstCellForEntries(cell) {
    let entries = 0;
    walk(cell, (inner) => {
      if (inner.type === 'inlineCode' && SLUG.test(inner.value.trim()) && catalogue.length > 0) {
        entries++;
        namedEntry({ kata, kind: 'wrong-fixes', slug: inner.value.trim() }, lineOf(inner));
      } else if (inner.type === 'inlineCode' || inner.type === 'text') {
        entries += catalogueMentions(inner.value, lineOf(inner)).length;
      } else if (inner.type === 'link') {
        const target = resolveLink(inner.url);
        if (target) entries += catalogueMentions(target, lineOf(inner)).length;
      }
    });
    return entries;
  }

  for (const slug of catalogue) {
    if (!wrongFixesNamed.has(slug)) {
      report(lineOf(section.heading), 'wrong-fix', `solutions/${kata}/wrong-fixes/${slug}/ is not named in this section: the table of wrong fixes lists every entry of the catalogue`);
    }
  }
  return counts;
}

function catalogueOf(root, kata) {
  return listDirectories(join(root, 'solutions', kata, 'wrong-fixes'));
}

function listDirectories(dir) {
  try {
    return readdirSync(dir).filter((name) => isDirectory(join(dir, name))).sort();
  } catch {
    return [];
  }
}

function isDirectory(path) {
  return existsSync(path) && statSync(path).isDirectory();
}

function normalize(text) {
  return text.replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"').trim();
}
