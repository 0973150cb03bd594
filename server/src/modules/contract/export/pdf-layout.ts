import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type PDFDocument from 'pdfkit';
import type { Fact } from './version-document.js';
import type { RichTextBlock, Run } from './rich-text.js';

/**
 * Drawing helpers for the PDF export: fonts, labelled facts, runs of marked text and
 * rich-text blocks. pdfkit keeps a cursor (`doc.x`, `doc.y`); each helper starts at the
 * cursor and leaves it below what it drew.
 */

export type Pdf = InstanceType<typeof PDFDocument>;
export type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

export const COLORS = { text: '#1a1a1a', muted: '#5f6368', link: '#1a56c4', rule: '#c8ccd0', code: '#2d3a4a' } as const;
export const BODY_SIZE = 10;

// DejaVu covers Latin, Greek and Cyrillic; the PDF standard fonts only cover Latin-1.
const FONT_FILES: Record<FontName, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};

let fontData: Map<FontName, Buffer> | undefined;

/** Font files, read once per process: every export embeds the same ones. */
function fonts(): Map<FontName, Buffer> {
  if (!fontData) {
    const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontData = new Map(
      (Object.keys(FONT_FILES) as FontName[]).map((name) => [name, readFileSync(path.join(dir, FONT_FILES[name]))]),
    );
  }
  return fontData;
}

/** Registers the DejaVu fonts under the `FontName`s and makes the regular one current. */
export function registerFonts(doc: Pdf): void {
  for (const [name, data] of fonts()) doc.registerFont(name, data);
  doc.font('regular');
}

const fontFor = (bold: boolean, italic: boolean): FontName =>
  bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';

/** Starts a new page unless `height` points still fit above the bottom margin. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.maxY()) doc.addPage();
}

/** Usable width between the page margins. */
export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

interface RunOptions {
  x: number;
  width: number;
  size?: number;
  color?: string;
  bold?: boolean;
  italic?: boolean;
}

/** Writes marked runs as one wrapped paragraph starting at `x`, `doc.y`. */
export function writeRuns(doc: Pdf, runs: readonly Run[], options: RunOptions): void {
  const parts = runs.map((run) => ({ ...run })).filter((run) => run.text !== '');
  const last = parts[parts.length - 1];
  if (last) last.text = last.text.replace(/\n+$/, '');
  const size = options.size ?? BODY_SIZE;
  parts.forEach((run, index) => {
    doc
      .font(run.code ? 'mono' : fontFor(Boolean(options.bold) || run.bold, Boolean(options.italic) || run.italic))
      .fontSize(run.code ? size * 0.92 : size)
      .fillColor(run.href ? COLORS.link : (options.color ?? COLORS.text));
    // pdfkit carries a continued call's options into the next call: reset every mark explicitly.
    const textOptions: PDFKit.Mixins.TextOptions = {
      width: options.width,
      lineGap: 2,
      continued: index < parts.length - 1,
      link: run.href,
      underline: run.href !== null,
      strike: run.strike,
    };
    if (index === 0) doc.text(run.text, options.x, doc.y, textOptions);
    else doc.text(run.text, textOptions);
  });
  doc.x = options.x;
}

/** Plain text in one style; shorthand for a single run. */
export function writeText(doc: Pdf, text: string, options: RunOptions): void {
  writeRuns(doc, [{ text, bold: false, italic: false, strike: false, code: false, href: null }], options);
}

interface FactOptions {
  x: number;
  width: number;
  labelWidth: number;
  size?: number;
}

/** A label in the left column and its value on the right; hashes in mono, shrunk to stay on one line. */
export function writeFact(doc: Pdf, fact: Fact, options: FactOptions): void {
  const size = options.size ?? BODY_SIZE;
  const valueX = options.x + options.labelWidth;
  const valueWidth = options.width - options.labelWidth;
  let valueSize = size;
  if (fact.mono) {
    valueSize = size - 1;
    const width = doc.font('mono').fontSize(valueSize).widthOfString(fact.value);
    if (width > valueWidth) valueSize = Math.max(5, (valueSize * valueWidth) / width - 0.05);
  }
  const valueFont: FontName = fact.mono ? 'mono' : 'regular';
  const height = doc.font(valueFont).fontSize(valueSize).heightOfString(fact.value, { width: valueWidth, lineGap: 1 });
  ensureSpace(doc, Math.min(height, 120));
  const y = doc.y;
  const page = doc.page;
  doc
    .font('bold')
    .fontSize(size)
    .fillColor(COLORS.muted)
    .text(fact.label, options.x, y, { width: options.labelWidth - 8, lineGap: 1 });
  const labelBottom = doc.y;
  // Mono glyphs are shorter than the label's: nudge them onto the label's baseline.
  const valueY = fact.mono ? y + (size - valueSize) * 0.8 : y;
  doc
    .font(valueFont)
    .fontSize(valueSize)
    .fillColor(COLORS.text)
    .text(fact.value, valueX, valueY, { width: valueWidth, lineGap: 1 });
  // A value that ran onto a new page leaves the cursor there; otherwise go below the taller column.
  if (doc.page === page) doc.y = Math.max(labelBottom, doc.y);
  doc.x = options.x;
  doc.moveDown(0.25);
}

/** A thin horizontal line across `width` at the cursor. */
export function writeRule(doc: Pdf, x: number, width: number): void {
  doc
    .moveTo(x, doc.y)
    .lineTo(x + width, doc.y)
    .lineWidth(0.5)
    .strokeColor(COLORS.rule)
    .stroke();
  doc.moveDown(0.4);
}

const ITEM_INDENT = 16;
const QUOTE_INDENT = 12;
const HEADING_SIZES = [14, 12.5, 11.5, 11, 10.5, 10.5];

/** Rich-text blocks: headings, paragraphs with marks, nested lists with markers, quotes, code. */
export function writeBlocks(doc: Pdf, blocks: readonly RichTextBlock[], x: number, width: number): void {
  for (const block of blocks) {
    const indents = block.containers.map((container) => (container.type === 'item' ? ITEM_INDENT : QUOTE_INDENT));
    // Deep nesting still leaves half the width for text; markers past that point are not drawn.
    const indent = Math.min(
      width / 2,
      indents.reduce((sum, step) => sum + step, 0),
    );
    const inQuote = block.containers.some((container) => container.type === 'quote');
    const size = block.type === 'heading' ? HEADING_SIZES[block.level - 1]! : BODY_SIZE;
    ensureSpace(doc, size * 2.5);
    const top = doc.y;
    const page = doc.page;

    let offset = x;
    block.containers.forEach((container, level) => {
      if (container.type === 'item' && container.first && offset + ITEM_INDENT <= x + indent) {
        const marker = container.marker === '-' ? '•' : container.marker;
        doc.font('regular').fontSize(BODY_SIZE).fillColor(COLORS.muted);
        doc.text(marker, offset, top, { width: ITEM_INDENT - 3, align: 'right', lineBreak: false });
      }
      offset += indents[level]!;
    });
    doc.y = top;

    const blockX = x + indent + (block.containers.length > 0 ? 3 : 0);
    const blockWidth = width - (blockX - x);
    const color = inQuote ? COLORS.muted : COLORS.text;
    switch (block.type) {
      case 'paragraph':
        writeRuns(doc, block.runs, { x: blockX, width: blockWidth, color });
        break;
      case 'heading':
        writeRuns(doc, block.runs, { x: blockX, width: blockWidth, size, color, bold: true });
        break;
      case 'code':
        doc
          .font('mono')
          .fontSize(BODY_SIZE - 1)
          .fillColor(COLORS.code);
        doc.text(block.text, blockX + 8, doc.y, { width: blockWidth - 8, lineGap: 1 });
        doc.x = x;
        break;
      case 'rule':
        doc.moveDown(0.3);
        writeRule(doc, blockX, blockWidth);
        break;
    }
    if (inQuote && doc.page === page) {
      // The quote bar sits in the quote's own indent, left of its text.
      const quoteLevel = block.containers.findIndex((container) => container.type === 'quote');
      const barX = Math.min(x + indent, x + indents.slice(0, quoteLevel).reduce((sum, step) => sum + step, 0) + 4);
      doc.moveTo(barX, top).lineTo(barX, doc.y).lineWidth(1.5).strokeColor(COLORS.rule).stroke();
    }
    doc.moveDown(block.type === 'heading' ? 0.2 : 0.35);
  }
}
