import { describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import {
  BRIEF_SECTIONS,
  contentHashOf,
  contentJsonOf,
  emptyBrief,
  richText,
  type RichTextNode,
  type TypedBriefContent,
} from '@brieflock/schema';
import { renderMarkdown } from '../../server/src/modules/contract/export/render-markdown.js';
import { renderPdf } from '../../server/src/modules/contract/export/render-pdf.js';
import type { VersionDocument } from '../../server/src/modules/contract/export/version-document.js';
import { completeBrief } from '../support/brief.js';

// Lives in test/ (not next to the renderers) because pdf-parse is a dependency of this package only.

const GREEK = 'Ελληνικά: καλημέρα κόσμε';
const CYRILLIC = 'Привет, мир — данные клиента';
const INJECTION = '# Injected | [x](y) <b>bold</b>';

const text = (value: string, ...marks: string[]): RichTextNode =>
  marks.length > 0
    ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) }
    : { type: 'text', text: value };
const paragraph = (...content: RichTextNode[]): RichTextNode => ({ type: 'paragraph', content });
const item = (...content: RichTextNode[]): RichTextNode => ({ type: 'listItem', content });

/** A complete brief with rich formatting, non-Latin text and Markdown specials in user text. */
function richBrief(): TypedBriefContent {
  const brief = completeBrief();
  return contentJsonOf({
    ...brief,
    outcome: richText([
      { type: 'heading', attrs: { level: 2 }, content: [text('Why this matters')] },
      paragraph(
        text('Cut churn by '),
        text('15%', 'bold'),
        text(' within '),
        text('two quarters', 'italic'),
        text('; see '),
        {
          type: 'text',
          text: 'the dashboard',
          marks: [{ type: 'link', attrs: { href: 'https://example.com/churn' } }],
        },
        text('.'),
      ),
      paragraph(text(INJECTION)),
      paragraph(text(GREEK), { type: 'hardBreak' }, text(CYRILLIC)),
      {
        type: 'bulletList',
        content: [
          item(paragraph(text('Score every customer nightly')), {
            type: 'bulletList',
            content: [item(paragraph(text('Include trial accounts')))],
          }),
          item(paragraph(text('Alert account managers'))),
        ],
      },
      {
        type: 'orderedList',
        attrs: { start: 1 },
        content: [item(paragraph(text('Export'))), item(paragraph(text('Score')))],
      },
      { type: 'blockquote', content: [paragraph(text('Churn is our biggest cost.'))] },
      { type: 'codeBlock', attrs: { language: 'sql' }, content: [text('select id from churn where score > 0.8;')] },
      paragraph(
        { type: 'text', text: 'unsafe link', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
        text(' keeps '),
        text('old_price', 'code'),
        text(' but not '),
        text('this', 'strike'),
      ),
    ]),
    deliverables: [
      ...brief.deliverables,
      { id: 'deliverable-2', title: 'Pipe | table', description: 'Line one\nLine two', acceptance: INJECTION },
    ],
    dataReadiness: { ...brief.dataReadiness, notes: CYRILLIC },
  });
}

const frozenAt = new Date('2026-03-04T05:06:07.000Z');
const signedAt = new Date('2026-03-05T08:09:10.000Z');
const CHAIN = `${'c'.repeat(63)}1`;
const PREVIOUS = `${'b'.repeat(63)}2`;
const RECORD = `${'d'.repeat(63)}3`;

function versionDocument(content: TypedBriefContent, allSigned = false): VersionDocument {
  const signature = (ip: string, recordHash: string) => ({
    signedAt,
    ip,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    authMethod: 'PASSWORD',
    consentStatement: 'I agree that this version, exactly as frozen, sets out the engagement.',
    recordHash,
  });
  return {
    proposal: { id: '3f1c2a9e-8a51-4c1e-9d0b-5b7e2f4a6c11', title: `Churn prediction for Acme — ${GREEK}` },
    version: {
      id: '9a7b6c5d-1e2f-4a3b-8c9d-0e1f2a3b4c5d',
      number: 2,
      status: allSigned ? 'SIGNED' : 'AWAITING_SIGNATURES',
      note: 'Second round after the data audit.',
      contentHash: contentHashOf(content),
      chainHash: CHAIN,
      previousHash: PREVIOUS,
      frozenAt,
      frozenBy: { name: 'Ana Client', email: 'ana@example.com' },
      content,
    },
    signers: [
      { name: 'Ana Client', email: 'ana@example.com', role: 'CLIENT', signature: signature('203.0.113.7', RECORD) },
      {
        name: 'Борис Фрилансер',
        email: 'boris@example.com',
        role: 'FREELANCER',
        signature: allSigned ? signature('198.51.100.23', 'e'.repeat(64)) : null,
      },
    ],
    verifyHint: {
      command: 'npx brieflock verify https://brieflock.example/ --version 9a7b6c5d',
      graphql: 'query { contractVersion(id: "9a7b6c5d") { contentJson contentHash } }',
    },
  };
}

describe('renderMarkdown', () => {
  const content = richBrief();
  const doc = versionDocument(content);
  const markdown = renderMarkdown(doc);

  it('has the title, the version facts and every section in layout order', () => {
    expect(markdown.startsWith(`# Churn prediction for Acme — ${GREEK} — contract version 2\n`)).toBe(true);
    expect(markdown).toContain('- **Status:** Awaiting signatures');
    expect(markdown).toContain('- **Frozen by:** Ana Client (ana@example.com)');
    expect(markdown).toContain('- **Frozen at:** 2026-03-04T05:06:07.000Z');
    expect(markdown).toContain('- **Note:** Second round after the data audit.');
    expect(markdown).toContain(`- **Content hash:** \`${contentHashOf(content)}\``);
    expect(markdown).toContain(`- **Chain hash:** \`${CHAIN}\``);
    expect(markdown).toContain(`- **Previous hash:** \`${PREVIOUS}\``);
    expect(markdown).not.toContain('**Amends:**');
    const positions = [
      ...BRIEF_SECTIONS.map((section) => `\n## ${section.title}\n`),
      '\n## Signatures\n',
      '\n## How to verify\n',
    ].map((heading) => markdown.indexOf(heading));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('converts rich text to Markdown', () => {
    expect(markdown).toContain('\n#### Why this matters\n');
    expect(markdown).toContain(
      'Cut churn by **15%** within *two quarters*; see [the dashboard](<https://example.com/churn>).',
    );
    expect(markdown).toContain(`${GREEK}\\\n${CYRILLIC}`);
    expect(markdown).toContain('- Score every customer nightly\n  - Include trial accounts\n- Alert account managers');
    expect(markdown).toContain('1. Export\n2. Score');
    expect(markdown).toContain('> Churn is our biggest cost.');
    expect(markdown).toContain('```sql\nselect id from churn where score > 0.8;\n```');
    expect(markdown).toContain('unsafe link keeps `old_price` but not ~~this~~');
    expect(markdown).not.toContain('javascript:');
  });

  it('escapes Markdown and HTML in user text', () => {
    expect(markdown).toContain('\\# Injected \\| \\[x\\](y) \\<b\\>bold\\</b\\>');
    expect(markdown).not.toMatch(/^#+ Injected/m);
    expect(markdown).not.toContain('<b>');
    expect(markdown).not.toContain('[x](y)');
  });

  it('renders list sections as tables and maps as labelled lines', () => {
    expect(markdown).toContain('| Title | Description | Acceptance |\n| --- | --- | --- |\n');
    expect(markdown).toContain('| Churn model | Nightly scores per customer | AUC of 0.80 on the hold-out month |');
    expect(markdown).toContain(
      '| Pipe \\| table | Line one<br>Line two | # Injected \\| \\[x\\](y) \\<b\\>bold\\</b\\> |',
    );
    expect(markdown).toContain('| Baseline model | 2099-03-01 | AUC of 0.75 on the hold-out month | 1 | 30% |');
    expect(markdown).toContain('- **Quality:** Fair\n- **Access:** Granted');
    expect(markdown).toContain(`- **Notes:** ${CYRILLIC}`);
    expect(markdown).toContain('- **IP owner:** Client');
    expect(markdown).toContain('- **License:** —');
  });

  it('lists signatures and how to verify', () => {
    expect(markdown).toContain('1 of 2 required signers have signed.');
    expect(markdown).toContain('- **Ana Client** (ana@example.com), client: signed');
    expect(markdown).toContain(
      '  - **Signed at:** 2026-03-05T08:09:10.000Z\n  - **IP address:** 203.0.113.7\n  - **Method:** PASSWORD',
    );
    expect(markdown).toContain(`  - **Record hash:** \`${RECORD}\``);
    expect(markdown).toContain('- **Борис Фрилансер** (boris@example.com), freelancer: not signed yet');
    const verify = markdown.slice(markdown.indexOf('## How to verify'));
    expect(verify).toContain('RFC 8785');
    expect(verify).toContain(`content hash ${contentHashOf(content)}`);
    expect(verify).toContain(doc.verifyHint.command);
    expect(verify).toContain(doc.verifyHint.graphql);
  });

  it('marks every empty section as not filled in', () => {
    const empty = renderMarkdown(versionDocument(emptyBrief()));
    expect(empty.match(/^_Not filled in\._$/gm)).toHaveLength(BRIEF_SECTIONS.length);
  });
});

async function pdfText(buffer: Buffer) {
  const parser = new PDFParse({ data: buffer });
  try {
    return { text: await parser.getText(), info: await parser.getInfo() };
  } finally {
    await parser.destroy();
  }
}

describe('renderPdf', () => {
  it('renders the brief with non-Latin text, page numbers and a certificate on the last page', async () => {
    const content = richBrief();
    const doc = versionDocument(content);
    const buffer = await renderPdf(doc);
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const { text, info } = await pdfText(buffer);
    expect(info.info?.Title).toBe(`${doc.proposal.title} — contract version 2`);
    expect(info.info?.Author).toBe('Brieflock');
    const all = text.text;
    expect(all).toContain('Churn prediction for Acme');
    expect(all).toContain(GREEK);
    expect(all).toContain(CYRILLIC);
    expect(all).toContain(contentHashOf(content));
    for (const section of BRIEF_SECTIONS) expect(all).toContain(section.title);
    expect(all).toContain('Nightly scores per customer');
    expect(all).not.toContain('Not filled in.');

    const total = text.pages.length;
    expect(total).toBeGreaterThan(1);
    expect(text.pages[0]!.text).toContain(`Page 1 of ${total}`);
    const last = text.pages[total - 1]!.text;
    expect(last).toContain(`Page ${total} of ${total}`);
    expect(last).toContain('Certificate — Awaiting signatures');
    expect(last).not.toContain('Certificate of completion');
    expect(last).toContain(doc.proposal.id);
    for (const hash of [contentHashOf(content), CHAIN, PREVIOUS, RECORD]) expect(last).toContain(hash);
    expect(last).toContain('Ana Client');
    expect(last).toContain('203.0.113.7');
    expect(last).toContain('2026-03-05T08:09:10.000Z');
    expect(last).toContain('Борис Фрилансер');
    expect(last).toContain('Not signed');
    expect(last).toContain('RFC 8785');
    expect(last).toContain(doc.verifyHint.command);
  });

  it('calls a fully signed version a certificate of completion', async () => {
    const doc = versionDocument(richBrief(), true);
    const { text } = await pdfText(await renderPdf(doc));
    const last = text.pages[text.pages.length - 1]!.text;
    expect(last).toContain('Certificate of completion');
    expect(last).toContain('All 2 required signers have signed this version.');
    expect(last).toContain('198.51.100.23');
    expect(last).not.toContain('Not signed');
  });

  it('renders an empty brief', async () => {
    const { text } = await pdfText(await renderPdf(versionDocument(emptyBrief())));
    expect(text.text.match(/Not filled in\./g)).toHaveLength(BRIEF_SECTIONS.length);
    expect(text.pages[text.pages.length - 1]!.text).toContain('Certificate');
  });
});
