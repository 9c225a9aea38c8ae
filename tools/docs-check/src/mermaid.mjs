// Mermaid's own parser, run headless. Mermaid 11 is written for a browser: it sanitises labels with DOMPurify, which
// needs a window. Without one the sequence and flowchart parsers still run, but the class and state diagram parsers
// fail ("DOMPurify.addHook is not a function"), so a jsdom window is installed before Mermaid is first imported.
import { JSDOM } from 'jsdom';

let mermaidPromise;

async function loadMermaid() {
  if (!globalThis.window) {
    const { window } = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
    globalThis.window = window;
    globalThis.document = window.document;
  }
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({ startOnLoad: false, logLevel: 'fatal', securityLevel: 'strict' });
  return mermaid;
}

/**
 * Parses one diagram. Returns null when Mermaid accepts it, otherwise { line, message }: the line within the
 * diagram (1 = the first line after the fence) where Mermaid stopped, or null when it does not say, and its message
 * on one line.
 */
export async function mermaidProblem(source) {
  mermaidPromise ??= loadMermaid();
  const mermaid = await mermaidPromise;
  try {
    await mermaid.parse(source);
    return null;
  } catch (error) {
    return describe(error, source);
  }
}

function describe(error, source) {
  const message = String(error?.message ?? error);
  const jison = /^Parse error on line (\d+):\n(.*)\n-*\^\n([\s\S]*)$/.exec(message);
  if (jison) {
    const line = lineInSource(source, Number(jison[1]));
    const text = `Parse error on line ${line ?? jison[1]}: "${jison[2].trim()}": ${shortenExpecting(jison[3].trim())}`;
    return { line, message: text + semicolonHint(source, line) };
  }
  const langium = /line[: ]+(\d+)/i.exec(message);
  return { line: langium ? lineInSource(source, Number(langium[1])) : null, message: oneLine(message) };
}

// Mermaid numbers the lines of the text it parses, after it has taken out the front matter, the `%%{...}%%`
// directives (which leave their line empty), the `%%` comment lines and the blank lines at the start. Undo that,
// so that the line reported is the diagram's own; null when the line cannot be placed.
export function lineInSource(source, parsedLine) {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let first = 0;
  if (/^-{3}\s*$/.test(lines[0] ?? '')) {
    const close = lines.findIndex((line, index) => index > 0 && /^-{3}\s*$/.test(line));
    if (close > 0) first = close + 1;
  }
  const kept = [];
  for (let index = first; index < lines.length; index++) {
    const line = lines[index].replace(/%%\{[^]*?\}%%/g, '');
    if (/^\s*%%(?!\{).+/.test(line)) continue;
    if (kept.length === 0 && line.trim() === '') continue;
    kept.push(index + 1);
  }
  return kept[parsedLine - 1] ?? null;
}

// "Expecting 'A', 'B', ... (27 of them), got 'NEWLINE'" says little past the first few: keep three and the count.
function shortenExpecting(text) {
  const match = /^Expecting (.*), got (.*)$/s.exec(text);
  if (!match) return oneLine(text);
  const expected = match[1].split(/,\s*/);
  const shown = expected.length > 3 ? `${expected.slice(0, 3).join(', ')} or ${expected.length - 3} more` : expected.join(', ');
  return `expecting ${shown}, got ${match[2]}`;
}

// The mistake this check was written for (issue 13): in a sequence diagram a `;` ends the statement, even inside a
// note or a message, so the rest of the line is read as a new statement.
function semicolonHint(source, line) {
  if (!/^\s*sequenceDiagram\b/m.test(source) || line === null) return '';
  const text = source.split('\n')[line - 1] ?? '';
  if (!/;/.test(text.replace(/#\w+;/g, ''))) return '';
  return ' (a ";" ends a statement in a sequence diagram, also inside a note or a message: write #59; instead)';
}

function oneLine(text) {
  return text.replace(/\s*\n\s*/g, ' | ').trim();
}
