import { it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { PDFParse } from 'pdf-parse';
it('shots', async () => {
  for (const name of ['export', 'empty']) {
    const p = new PDFParse({ data: readFileSync(`/tmp/${name}.pdf`) });
    const r = await p.getScreenshot({ scale: 1.2 });
    r.pages.forEach((page, i) => writeFileSync(`/tmp/${name}-${i + 1}.png`, page.data));
    await p.destroy();
  }
}, 60000);
