import type { ReactNode } from 'react';
import { isObject, type Json } from './json';

/**
 * Frozen rich text (ProseMirror-style JSON) as React elements. The JSON comes from the
 * server but was written by any participant's client, so it is read defensively: only
 * known nodes and marks become elements, links only with safe schemes, and no HTML is
 * ever injected.
 */

/** Deeper than any real brief nests; keeps a hostile document from exhausting the stack. */
const MAX_DEPTH = 40;
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

const children = (node: Json): unknown[] => (Array.isArray(node.content) ? node.content : []);

function safeHref(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    const url = new URL(value, window.location.origin);
    return SAFE_SCHEMES.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** The marks that wrap their text in one plain element; a link is the one with attributes. */
const MARK_TAGS = new Map<unknown, 'strong' | 'em' | 's' | 'u' | 'code'>([
  ['bold', 'strong'],
  ['italic', 'em'],
  ['strike', 's'],
  ['underline', 'u'],
  ['code', 'code'],
]);

function withMarks(text: string, marks: unknown, key: string): ReactNode {
  let out: ReactNode = text;
  if (!Array.isArray(marks)) return out;
  marks.forEach((mark, index) => {
    if (!isObject(mark)) return;
    const markKey = `${key}-m${index}`;
    const Tag = MARK_TAGS.get(mark.type);
    if (Tag) {
      out = <Tag key={markKey}>{out}</Tag>;
    } else if (mark.type === 'link') {
      const href = safeHref(isObject(mark.attrs) ? mark.attrs.href : null);
      if (href) {
        out = (
          <a key={markKey} href={href} rel="noopener noreferrer nofollow">
            {out}
          </a>
        );
      }
    }
  });
  return out;
}

function renderNodes(nodes: unknown[], depth: number, prefix: string): ReactNode[] {
  return nodes.map((node, index) => renderNode(node, depth, `${prefix}.${index}`));
}

function renderNode(node: unknown, depth: number, key: string): ReactNode {
  if (!isObject(node) || depth > MAX_DEPTH) return null;
  const inner = () => renderNodes(children(node), depth + 1, key);
  switch (node.type) {
    case 'text':
      return typeof node.text === 'string' ? <span key={key}>{withMarks(node.text, node.marks, key)}</span> : null;
    case 'paragraph':
      return <p key={key}>{inner()}</p>;
    case 'heading': {
      // Section titles are h3 on the version page; the brief's own headings sit below them.
      const level = isObject(node.attrs) && typeof node.attrs.level === 'number' ? node.attrs.level : 3;
      const Tag = level <= 3 ? 'h4' : level === 4 ? 'h5' : 'h6';
      return <Tag key={key}>{inner()}</Tag>;
    }
    case 'bulletList':
      return <ul key={key}>{inner()}</ul>;
    case 'orderedList': {
      const start = isObject(node.attrs) && typeof node.attrs.start === 'number' ? node.attrs.start : undefined;
      return (
        <ol key={key} start={start}>
          {inner()}
        </ol>
      );
    }
    case 'listItem':
      return <li key={key}>{inner()}</li>;
    case 'blockquote':
      return <blockquote key={key}>{inner()}</blockquote>;
    case 'codeBlock':
      return (
        <pre key={key}>
          <code>{inner()}</code>
        </pre>
      );
    case 'hardBreak':
      return <br key={key} />;
    case 'horizontalRule':
      return <hr key={key} />;
    default:
      // An unknown block still shows its text rather than hiding part of a contract.
      return children(node).length > 0 ? <div key={key}>{inner()}</div> : null;
  }
}

export function RichTextView({ value }: { value: unknown }) {
  const nodes = isObject(value) && Array.isArray(value.content) ? value.content : [];
  const blank = isObject(value) && typeof value.text === 'string' && value.text.trim() === '';
  if (nodes.length === 0 || blank) return <p className="muted">Nothing written.</p>;
  return <div className="rich-text-view">{renderNodes(nodes, 0, 'n')}</div>;
}
