import { it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import { richText, type RichTextNode } from '@brieflock/schema';
import { renderPdf } from '../../server/src/modules/contract/export/render-pdf.js';
import { renderMarkdown } from '../../server/src/modules/contract/export/render-markdown.js';
import { doc as base } from './export.test-data.js';
it('stress', async () => {
  const doc = base();
  let nested: RichTextNode = { type: 'paragraph', content: [{ type: 'text', text: 'deepest' }] };
  for (let i = 0; i < 30; i++) nested = { type: i % 2 ? 'blockquote' : 'bulletList', content: [i % 2 ? nested : { type: 'listItem', content: [nested] }] };
  const long = 'Lorem ipsum dolor sit amet, **consectetur** <i>adipiscing</i> elit. '.repeat(120);
  doc.version.content.scope = richText([
    nested,
    { type: 'paragraph', content: [{ type: 'text', text: long }, { type: 'text', text: long, marks: [{ type: 'bold' }, { type: 'italic' }] }] },
    { type: 'codeBlock', content: [{ type: 'text', text: Array.from({ length: 80 }, (_, i) => `line ${i} \`\`\` x`).join('\n') }] },
    { type: 'paragraph', content: [{ type: 'text', text: '  1. looks like a list\n===\n    code?\n<script>alert(1)</script>' }] },
    { type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: 'Ends with ###' }] },
    { type: 'heading', attrs: { level: 9 }, content: [{ type: 'text', text: '#' }] },
    { type: 'horizontalRule' },
    { type: 'weird', content: [{ type: 'text', text: 'inline in unknown' }] },
  ]);
  doc.version.content.team = Array.from({ length: 120 }, (_, i) => ({ id: `t${i}`, role: `Role ${i} | x`, responsibility: 'r'.repeat(i * 3), member: 'M' }));
  doc.proposal.title = 'T'.repeat(200);
  doc.signers = Array.from({ length: 8 }, (_, i) => ({ ...doc.signers[0]!, name: `Signer ${i}` }));
  const md = renderMarkdown(doc);
  writeFileSync('/tmp/stress.md', md);
  const buf = await renderPdf(doc);
  writeFileSync('/tmp/stress.pdf', buf);
  const t = await new PDFParse({ data: buf }).getText();
  console.log('pages', t.pages.length);
  for (const page of t.pages) {
    const lines = page.text.split('\n').filter((l) => l.trim());
    if (lines.length < 4) console.log('SPARSE PAGE', page.num, lines);
  }
  console.log(t.pages[t.pages.length - 2]!.text.slice(0, 300));
  console.log(t.pages[t.pages.length - 1]!.text.slice(0, 3000));
}, 60000);
