// Reading a Markdown file the way GitHub does: CommonMark with GitHub's extensions (tables, autolinks), through
// micromark, so that a link inside a code span is not a link and a `#` inside a fence is not a heading; every node
// keeps its line, which every problem reports.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';
import GithubSlugger from 'github-slugger';

export function parseMarkdown(text) {
  return fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

/** Calls visit(node, ancestors) for every node, depth first, in document order. */
export function walk(node, visit, ancestors = []) {
  visit(node, ancestors);
  if (node.children) {
    const inner = [...ancestors, node];
    for (const child of node.children) walk(child, visit, inner);
  }
}

export function lineOf(node) {
  return node.position?.start.line ?? 1;
}

export function textOf(node) {
  return toString(node);
}

/**
 * The anchors GitHub gives this file: one per heading, made by github-slugger from the heading's text (lower case,
 * punctuation dropped, spaces to hyphens, a repeated one gets -1, -2...), plus any HTML `id`/`name` written by hand.
 */
export function anchorsOf(tree) {
  const slugger = new GithubSlugger();
  const anchors = new Set();
  walk(tree, (node) => {
    if (node.type === 'heading') anchors.add(slugger.slug(textOf(node)));
    if (node.type === 'html') {
      for (const match of node.value.matchAll(/\s(?:id|name)\s*=\s*["']([^"']+)["']/gi)) anchors.add(match[1]);
    }
  });
  return anchors;
}

/** Every link and image target in the file, with its line: Markdown links, resolved references and raw HTML. */
export function linksOf(tree) {
  const definitions = new Map();
  walk(tree, (node) => {
    if (node.type === 'definition') definitions.set(node.identifier, node);
  });
  const links = [];
  walk(tree, (node) => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      links.push({ url: node.url, line: lineOf(node) });
    } else if (node.type === 'text') {
      // `[text][label]` with no `[label]: url` anywhere is no link at all: GitHub shows the brackets as text.
      for (const match of node.value.matchAll(/\[([^\]\n]+)\]\[([^\]\n]*)\]/g)) {
        const label = match[2] === '' ? match[1] : match[2];
        if (!definitions.has(label.toLowerCase().replace(/\s+/g, ' ').trim())) {
          links.push({ missingReference: label, line: lineOf(node) + countNewlines(node.value.slice(0, match.index)) });
        }
      }
    } else if (node.type === 'html') {
      for (const match of node.value.matchAll(/\s(?:href|src)\s*=\s*["']([^"']*)["']/gi)) {
        links.push({ url: match[1], line: lineOf(node) + countNewlines(node.value.slice(0, match.index)) });
      }
    }
  });
  return links;
}

/** The ```mermaid blocks: their source and the line of the opening fence. */
export function mermaidBlocksOf(tree) {
  const blocks = [];
  walk(tree, (node) => {
    if (node.type === 'code' && (node.lang ?? '').toLowerCase() === 'mermaid') {
      blocks.push({ source: node.value, fenceLine: lineOf(node) });
    }
  });
  return blocks;
}

/**
 * The nodes under the first heading whose text matches `pattern`, up to the next heading of the same or a higher
 * level; null when there is no such heading.
 */
export function sectionOf(tree, pattern) {
  const children = tree.children;
  const start = children.findIndex((node) => node.type === 'heading' && pattern.test(textOf(node)));
  if (start < 0) return null;
  const depth = children[start].depth;
  let end = start + 1;
  while (end < children.length && !(children[end].type === 'heading' && children[end].depth <= depth)) end++;
  return { heading: children[start], nodes: children.slice(start + 1, end) };
}

function countNewlines(text) {
  return (text.match(/\n/g) ?? []).length;
}
