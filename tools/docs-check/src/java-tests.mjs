// What the lessons may name: the classes of a kata's tests and their methods, read from the Java sources. Not a
// Java parser: a tokenizer that skips comments and string literals, follows braces, and notes each class and the
// methods declared directly in its body, with their annotations. That is enough for test classes, which are plain.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const TEST_ANNOTATIONS = new Set(['Test', 'ParameterizedTest', 'RepeatedTest', 'TestFactory', 'TestTemplate', 'Property', 'Example']);
const NAME_ANNOTATIONS = new Set(['DisplayName', 'Label']);
const TYPE_KEYWORDS = new Set(['class', 'interface', 'enum', 'record']);

/**
 * Reads every .java file under `dir`. Returns a map from a class's name (its simple name and, for a nested class,
 * also Outer.Inner) to { name, file, superclass, methods: Map<name, { test, displayNames: string[] }> }.
 */
export function indexTestSources(dir) {
  const classes = new Map();
  for (const file of javaFiles(dir)) {
    for (const type of typesIn(readFileSync(file, 'utf8'), file)) {
      for (const key of [type.name, type.qualifiedName]) if (!classes.has(key)) classes.set(key, type);
    }
  }
  return classes;
}

/** The method `name` of `className` or of one of its superclasses in the index; undefined when there is none. */
export function findMethod(classes, className, name) {
  const seen = new Set();
  for (let type = classes.get(className); type && !seen.has(type); type = classes.get(type.superclass)) {
    seen.add(type);
    if (type.methods.has(name)) return type.methods.get(name);
  }
  return undefined;
}

/** Every test method of the class and its superclasses in the index, as [name, method] pairs. */
export function testMethodsOf(classes, className) {
  const result = [];
  const seen = new Set();
  for (let type = classes.get(className); type && !seen.has(type); type = classes.get(type.superclass)) {
    seen.add(type);
    for (const entry of type.methods) if (entry[1].test) result.push(entry);
  }
  return result;
}

function javaFiles(dir) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return javaFiles(path);
    return name.endsWith('.java') ? [path] : [];
  });
}

export function typesIn(source, file = '') {
  const tokens = tokenize(source);
  const types = [];
  const open = []; // the classes whose body we are in: { type, depth }
  let depth = 0;
  let annotations = [];
  let pendingType = null; // a class declaration whose body has not opened yet
  let inInitializer = false; // between `=` and `;` at class-body level: calls there are not declarations

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const body = open.at(-1);
    const atBodyLevel = body !== undefined && depth === body.depth && !pendingType;

    if (token.kind === 'punct' && token.value === '@' && tokens[i + 1]?.value !== 'interface') {
      const annotation = readAnnotation(tokens, i + 1);
      annotations.push(annotation);
      i = annotation.end - 1;
      continue;
    }
    if (token.kind === 'ident' && TYPE_KEYWORDS.has(token.value) && !isPunct(tokens[i - 1], '.') && tokens[i + 1]?.kind === 'ident') {
      const outer = body?.type;
      const name = tokens[i + 1].value;
      pendingType = {
        name,
        qualifiedName: outer ? `${outer.qualifiedName}.${name}` : name,
        kind: token.value,
        file,
        superclass: undefined,
        methods: new Map(),
      };
      types.push(pendingType);
      annotations = [];
      i++;
      continue;
    }
    if (pendingType && token.kind === 'ident' && token.value === 'extends' && tokens[i + 1]?.kind === 'ident') {
      pendingType.superclass = lastSegment(tokens, i + 1);
      continue;
    }
    if (isPunct(token, '{')) {
      depth++;
      if (pendingType) {
        open.push({ type: pendingType, depth, enumConstants: pendingType.kind === 'enum' });
        pendingType = null;
        inInitializer = false;
      }
      annotations = [];
      continue;
    }
    if (isPunct(token, '}')) {
      if (body && depth === body.depth) {
        open.pop();
        inInitializer = false;
      }
      depth--;
      annotations = [];
      continue;
    }
    if (pendingType && isPunct(token, '(')) {
      i = skipBalanced(tokens, i, '(', ')'); // a record's components
      continue;
    }
    if (!atBodyLevel) continue;
    if (body.enumConstants) {
      if (isPunct(token, ';')) body.enumConstants = false;
      continue;
    }
    if (isPunct(token, ';')) {
      annotations = [];
      inInitializer = false;
    } else if (isPunct(token, '=')) {
      inInitializer = true;
    } else if (token.kind === 'ident' && isPunct(tokens[i + 1], '(') && !inInitializer && token.value !== body.type.name) {
      const names = annotations.filter((a) => NAME_ANNOTATIONS.has(a.name)).map((a) => a.text).filter(Boolean);
      const test = annotations.some((a) => TEST_ANNOTATIONS.has(a.name));
      if (!body.type.methods.has(token.value) || test) body.type.methods.set(token.value, { test, displayNames: names });
      annotations = [];
      i = skipBalanced(tokens, i + 1, '(', ')');
    }
  }
  return types;
}

function readAnnotation(tokens, start) {
  let i = start;
  let name = tokens[i]?.value;
  while (isPunct(tokens[i + 1], '.') && tokens[i + 2]?.kind === 'ident') {
    i += 2;
    name = tokens[i].value;
  }
  i++;
  let text = null;
  if (isPunct(tokens[i], '(')) {
    const end = skipBalanced(tokens, i, '(', ')');
    const strings = tokens.slice(i + 1, end).filter((t) => t.kind === 'string');
    if (strings.length > 0) text = strings.map((t) => t.value).join('');
    i = end + 1;
  }
  return { name, text, end: i };
}

function lastSegment(tokens, i) {
  let name = tokens[i].value;
  while (isPunct(tokens[i + 1], '.') && tokens[i + 2]?.kind === 'ident') {
    i += 2;
    name = tokens[i].value;
  }
  return name;
}

/** The index of the token that closes the bracket opened at `start`. */
function skipBalanced(tokens, start, openChar, closeChar) {
  let level = 0;
  for (let i = start; i < tokens.length; i++) {
    if (isPunct(tokens[i], openChar)) level++;
    if (isPunct(tokens[i], closeChar) && --level === 0) return i;
  }
  return tokens.length - 1;
}

function isPunct(token, value) {
  return token?.kind === 'punct' && token.value === value;
}

function tokenize(source) {
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) {
      i++;
    } else if (source.startsWith('//', i)) {
      i = source.indexOf('\n', i);
      if (i < 0) break;
    } else if (source.startsWith('/*', i)) {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
    } else if (source.startsWith('"""', i)) {
      const end = source.indexOf('"""', i + 3);
      const stop = end < 0 ? source.length : end;
      tokens.push({ kind: 'string', value: textBlock(source.slice(i + 3, stop)) });
      i = stop + 3;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== c && source[j] !== '\n') {
        if (source[j] === '\\') {
          const [decoded, length] = unescape(source, j);
          value += decoded;
          j += length;
        } else {
          value += source[j++];
        }
      }
      tokens.push({ kind: c === '"' ? 'string' : 'char', value });
      i = j + 1;
    } else if (/[A-Za-z_$]/.test(c)) {
      let j = i + 1;
      while (j < source.length && /[\w$]/.test(source[j])) j++;
      tokens.push({ kind: 'ident', value: source.slice(i, j) });
      i = j;
    } else if (/\d/.test(c)) {
      let j = i + 1;
      while (j < source.length && /[\w.]/.test(source[j])) j++;
      tokens.push({ kind: 'number', value: source.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: 'punct', value: c });
      i++;
    }
  }
  return tokens;
}

function unescape(source, j) {
  const next = source[j + 1];
  const simple = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '"': '"', "'": "'", '\\': '\\' };
  if (next in simple) return [simple[next], 2];
  if (next === 'u') {
    let k = j + 1;
    while (source[k] === 'u') k++;
    return [String.fromCharCode(parseInt(source.slice(k, k + 4), 16)), k + 4 - j];
  }
  const octal = /^[0-7]{1,3}/.exec(source.slice(j + 1, j + 4));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), 1 + octal[0].length];
  return [next ?? '', 2];
}

function textBlock(raw) {
  const lines = raw.replace(/^[^\n]*\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)[0].length));
  return lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
