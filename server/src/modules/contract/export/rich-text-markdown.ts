import type { Container, RichTextBlock, Run } from './rich-text.js';

/**
 * Markdown for user-written text. Everything a user typed is escaped, so a brief cannot
 * inject headings, links, tables or HTML into the exported contract; only the marks the
 * editor stored (bold, italic, strike, code, safe links) become Markdown syntax.
 */

/** Characters that mean something inline (emphasis, code, links, HTML, entities, tables). */
const INLINE_SPECIALS = /[\\`*_[\]<>|~&]/g;

/** Escapes inline Markdown syntax in plain text. */
export function escapeInline(text: string): string {
  return text.replace(INLINE_SPECIALS, '\\$&');
}

/**
 * Escapes what would open a block at the start of a line (ATX heading, quote, list
 * item, setext underline) and drops leading whitespace, which would start a code block.
 */
export function escapeLineStart(line: string): string {
  const trimmed = line.replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
  if (/^[#>+=-]/.test(trimmed)) return `\\${trimmed}`;
  return trimmed.replace(/^(\d+)([.)])/, '$1\\$2');
}

/** Plain (possibly multi-line) text as escaped lines. */
export function textLines(text: string): string[] {
  return text.split(/\r\n?|\n/).map((line) => escapeLineStart(escapeInline(line)));
}

/** A code span that holds `text` verbatim, whatever backticks it contains. */
export function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\n/g, ' ')}${pad}${fence}`;
}

/** A fenced code block that holds `text` verbatim; the fence is longer than any backtick run inside. */
export function codeFence(text: string, language: string | null): string[] {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${language ?? ''}`, ...text.split('\n'), fence];
}

const markOpen = (mark: string) =>
  mark.startsWith('link:') ? '[' : mark === 'bold' ? '**' : mark === 'italic' ? '*' : '~~';

function markClose(mark: string): string {
  if (!mark.startsWith('link:')) return markOpen(mark);
  // The pointy-bracket form keeps parentheses in the URL; what it cannot hold is encoded.
  const href = mark.slice('link:'.length).replace(/[<>\s\\]/g, (char) => encodeURIComponent(char));
  return `](<${href}>)`;
}

/** Marks of a run, outermost first, so runs sharing outer marks keep them open. */
const marksOf = (run: Run): string[] =>
  [
    run.href ? `link:${run.href}` : '',
    run.bold ? 'bold' : '',
    run.italic ? 'italic' : '',
    run.strike ? 'strike' : '',
  ].filter(Boolean);

/** One line of runs (no newlines) as Markdown. */
function renderLine(runs: readonly Run[]): string {
  let out = '';
  let pending = '';
  const open: string[] = [];
  for (const run of runs) {
    const core = run.text.trim();
    if (core === '') {
      pending += run.text;
      continue;
    }
    const marks = marksOf(run);
    let keep = 0;
    while (keep < open.length && open[keep] === marks[keep]) keep += 1;
    while (open.length > keep) out += markClose(open.pop()!);
    // Whitespace goes outside the delimiters: `** bold**` would not be emphasis.
    out += pending + run.text.slice(0, run.text.indexOf(core));
    for (const mark of marks.slice(keep)) {
      out += markOpen(mark);
      open.push(mark);
    }
    out += run.code ? codeSpan(core) : escapeInline(core);
    pending = run.text.slice(run.text.indexOf(core) + core.length);
  }
  while (open.length > 0) out += markClose(open.pop()!);
  return out + pending;
}

/** Runs as Markdown lines, split at hard breaks; marks are closed at each break. */
export function inlineLines(runs: readonly Run[]): string[] {
  const lines: Run[][] = [[]];
  for (const run of runs) {
    run.text.split('\n').forEach((part, index) => {
      if (index > 0) lines.push([]);
      if (part !== '') lines[lines.length - 1]!.push({ ...run, text: part });
    });
  }
  return lines.map((line) => escapeLineStart(renderLine(line)));
}

function blockLines(block: RichTextBlock, headingOffset: number): string[] {
  switch (block.type) {
    case 'paragraph': {
      const lines = inlineLines(block.runs);
      // A trailing backslash is a hard break that survives any renderer's whitespace trimming.
      return lines.map((line, index) => (index < lines.length - 1 ? `${line}\\` : line));
    }
    case 'heading': {
      // A heading's trailing `#` run is a closing sequence Markdown would drop.
      const text = inlineLines(block.runs)
        .join(' ')
        .replace(/(^|[^\\])(#+)$/, (_, before: string, hashes: string) => before + hashes.replace(/#/g, '\\#'));
      return [`${'#'.repeat(Math.min(6, block.level + headingOffset))} ${text}`];
    }
    case 'code':
      return codeFence(block.text, block.language);
    case 'rule':
      return ['---'];
  }
}

const prefixOf = (containers: readonly Container[], firstLine: boolean) =>
  containers
    .map((container) => {
      if (container.type === 'quote') return '> ';
      const width = container.marker.length + 1;
      return firstLine && container.first ? `${container.marker} ` : ' '.repeat(width);
    })
    .join('');

/** How many leading containers two consecutive blocks share (the same quote or list item). */
function sharedDepth(previous: readonly Container[], current: readonly Container[]): number {
  let depth = 0;
  while (depth < previous.length && depth < current.length) {
    const [a, b] = [previous[depth]!, current[depth]!];
    if (a.type !== b.type || (b.type === 'item' && b.first)) break;
    depth += 1;
  }
  return depth;
}

/**
 * True when `current` opens a list item that follows `previous` without a blank line,
 * keeping the list tight: the next item of the same list, or a nested list right after
 * its parent item's text. Everything else is separated by a blank line.
 */
function startsTightItem(previous: readonly Container[], current: readonly Container[], shared: number): boolean {
  const depth = current.length - 1;
  const innermost = current[depth];
  if (innermost?.type !== 'item' || !innermost.first) return false;
  const sibling = previous[depth];
  if (sibling?.type === 'item' && sibling.list === innermost.list && shared === depth) return true;
  return depth > 0 && previous.length === depth && shared === depth && previous[depth - 1]!.type === 'item';
}

/**
 * Rich-text blocks as Markdown; `headingOffset` pushes the brief's own headings below
 * the export's section headings. Empty string when there is nothing to show.
 */
export function blocksToMarkdown(blocks: readonly RichTextBlock[], headingOffset: number): string {
  const lines: string[] = [];
  blocks.forEach((block, index) => {
    const previous = blocks[index - 1];
    if (previous) {
      const shared = sharedDepth(previous.containers, block.containers);
      if (!startsTightItem(previous.containers, block.containers, shared))
        lines.push(prefixOf(block.containers.slice(0, shared), false).trimEnd());
    }
    blockLines(block, headingOffset).forEach((line, lineIndex) => {
      const prefix = prefixOf(block.containers, lineIndex === 0);
      lines.push(line === '' ? prefix.trimEnd() : prefix + line);
    });
  });
  return lines.join('\n');
}
