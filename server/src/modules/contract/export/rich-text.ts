import { MAX_RICH_TEXT_DEPTH, type RichTextMark, type RichTextNode } from '@brieflock/schema';

/**
 * Rich text of a frozen brief (ProseMirror-style JSON) flattened into a list of blocks,
 * each knowing the list items and quotes it sits in. Both exports render from this one
 * reading, so Markdown and PDF agree on what the content is.
 */

/** A stretch of inline text with one set of marks. Hard breaks are `\n` in `text`. */
export interface Run {
  text: string;
  bold: boolean;
  italic: boolean;
  strike: boolean;
  code: boolean;
  /** Link target, only for schemes that are safe to follow (http, https, mailto). */
  href: string | null;
}

/**
 * A list item or quote around a block; `first` is true for the item's first block and
 * `list` tells the items of one list from those of the next.
 */
export type Container = { type: 'quote' } | { type: 'item'; marker: string; first: boolean; list: number };

export type RichTextBlock =
  | { type: 'paragraph'; runs: Run[]; containers: Container[] }
  | { type: 'heading'; level: number; runs: Run[]; containers: Container[] }
  | { type: 'code'; text: string; language: string | null; containers: Container[] }
  | { type: 'rule'; containers: Container[] };

/** A block before its containers are known (Omit over each member of the union). */
type BlockBody = RichTextBlock extends infer Block
  ? Block extends RichTextBlock
    ? Omit<Block, 'containers'>
    : never
  : never;

interface Frame {
  type: 'quote' | 'item';
  marker: string;
  list: number;
  emitted: boolean;
}

/** Returns `href` when it is an http(s) or mailto URL; other schemes (javascript:, data:) are dropped. */
export function safeHref(href: unknown): string | null {
  if (typeof href !== 'string') return null;
  const trimmed = href.trim();
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : null;
}

const childrenOf = (node: RichTextNode): RichTextNode[] =>
  'content' in node && Array.isArray(node.content) ? node.content : [];

const attrOf = (node: RichTextNode, key: string): unknown =>
  'attrs' in node && node.attrs ? node.attrs[key] : undefined;

const isText = (node: RichTextNode): node is { type: 'text'; text: string; marks?: RichTextMark[] } =>
  node.type === 'text' && 'text' in node && typeof node.text === 'string';

const isInline = (node: RichTextNode): boolean => node.type === 'text' || node.type === 'hardBreak';

function runOf(text: string, marks: readonly RichTextMark[] | undefined): Run {
  const has = (...types: string[]) => (marks ?? []).some((mark) => types.includes(mark.type));
  const link = (marks ?? []).find((mark) => mark.type === 'link');
  return {
    // Text nodes should not hold newlines; a hostile or older client may write them anyway.
    text: text.replace(/\r\n?/g, '\n'),
    bold: has('bold', 'strong'),
    italic: has('italic', 'em'),
    strike: has('strike', 'strikethrough'),
    code: has('code'),
    href: link ? safeHref(link.attrs?.href) : null,
  };
}

const sameFormat = (a: Run, b: Run) =>
  a.bold === b.bold && a.italic === b.italic && a.strike === b.strike && a.code === b.code && a.href === b.href;

/** The runs of a paragraph's inline content, adjacent runs with the same marks merged. */
export function runsOf(nodes: readonly RichTextNode[]): Run[] {
  const runs: Run[] = [];
  for (const node of nodes) {
    let run: Run;
    if (isText(node)) run = runOf(node.text, node.marks);
    else if (node.type === 'hardBreak') run = runOf('\n', undefined);
    else continue;
    if (run.text === '') continue;
    const last = runs[runs.length - 1];
    if (last && sameFormat(last, run)) last.text += run.text;
    else runs.push(run);
  }
  return runs;
}

/** Plain text of a node's descendants (code blocks), hard breaks as newlines. */
function textOf(nodes: readonly RichTextNode[], depth: number): string {
  if (depth > MAX_RICH_TEXT_DEPTH) return '';
  return nodes
    .map((node) => (isText(node) ? node.text : node.type === 'hardBreak' ? '\n' : textOf(childrenOf(node), depth + 1)))
    .join('')
    .replace(/\r\n?/g, '\n');
}

/** True when the runs hold any visible character. */
export const hasText = (runs: readonly Run[]): boolean => runs.some((run) => run.text.trim() !== '');

/** Flattens rich text into blocks in reading order; empty paragraphs are left out. */
export function richTextBlocks(nodes: readonly RichTextNode[]): RichTextBlock[] {
  const blocks: RichTextBlock[] = [];
  const frames: Frame[] = [];
  let lists = 0;

  const emit = (block: BlockBody) => {
    const containers = frames.map(
      (frame): Container =>
        frame.type === 'quote'
          ? { type: 'quote' }
          : { type: 'item', marker: frame.marker, first: !frame.emitted, list: frame.list },
    );
    for (const frame of frames) frame.emitted = true;
    blocks.push({ ...block, containers } as RichTextBlock);
  };

  const paragraph = (inline: readonly RichTextNode[]) => {
    const runs = runsOf(inline);
    if (hasText(runs)) emit({ type: 'paragraph', runs });
  };

  const walkList = (node: RichTextNode, ordered: boolean, depth: number) => {
    const start = attrOf(node, 'start');
    let number = typeof start === 'number' && Number.isSafeInteger(start) && start >= 0 ? start : 1;
    const list = ++lists;
    for (const item of childrenOf(node)) {
      frames.push({ type: 'item', marker: ordered ? `${number}.` : '-', list, emitted: false });
      walk(item.type === 'listItem' ? childrenOf(item) : [item], depth + 1);
      frames.pop();
      number += 1;
    }
  };

  const walk = (children: readonly RichTextNode[], depth: number) => {
    // Storage bounds nesting already; this keeps a bad row from overflowing the stack.
    if (depth > MAX_RICH_TEXT_DEPTH) return;
    let inline: RichTextNode[] = [];
    const flush = () => {
      if (inline.length > 0) paragraph(inline);
      inline = [];
    };
    for (const node of children) {
      if (isInline(node)) {
        inline.push(node);
        continue;
      }
      flush();
      switch (node.type) {
        case 'paragraph':
          paragraph(childrenOf(node));
          break;
        case 'heading': {
          const level = attrOf(node, 'level');
          const runs = runsOf(childrenOf(node));
          if (hasText(runs)) {
            emit({
              type: 'heading',
              level: typeof level === 'number' && level >= 1 && level <= 6 ? Math.floor(level) : 1,
              runs,
            });
          }
          break;
        }
        case 'bulletList':
        case 'orderedList':
          walkList(node, node.type === 'orderedList', depth);
          break;
        case 'listItem':
          frames.push({ type: 'item', marker: '-', list: ++lists, emitted: false });
          walk(childrenOf(node), depth + 1);
          frames.pop();
          break;
        case 'blockquote':
          frames.push({ type: 'quote', marker: '', list: 0, emitted: false });
          walk(childrenOf(node), depth + 1);
          frames.pop();
          break;
        case 'codeBlock': {
          const text = textOf(childrenOf(node), depth + 1).replace(/\n+$/, '');
          const language = attrOf(node, 'language');
          if (text.trim() !== '') {
            emit({
              type: 'code',
              text,
              language: typeof language === 'string' && /^[\w+#.-]{1,30}$/.test(language) ? language : null,
            });
          }
          break;
        }
        case 'horizontalRule':
          emit({ type: 'rule' });
          break;
        default:
          // Unknown wrappers (from a newer editor) still show their content.
          walk(childrenOf(node), depth + 1);
      }
    }
    flush();
  };

  walk(nodes, 0);
  return blocks;
}
