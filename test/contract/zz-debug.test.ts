import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
import { emptyBrief } from '@brieflock/schema';
import { renderPdf } from '../../server/src/modules/contract/export/render-pdf.js';
import { renderMarkdown } from '../../server/src/modules/contract/export/render-markdown.js';
it('dump', async () => {
  const mod = await import('./export.test-data.js');
  const doc = mod.doc();
  writeFileSync('/tmp/export.md', renderMarkdown(doc));
  const buf = await renderPdf(doc);
  writeFileSync('/tmp/export.pdf', buf);
  const p = new PDFParse({ data: buf });
  const t = await p.getText();
  for (const page of t.pages) console.log('=== PAGE', page.num, '\n' + page.text);
  const e = await renderPdf({ ...doc, version: { ...doc.version, content: emptyBrief() } });
  writeFileSync('/tmp/empty.pdf', e);
});
