import { BRIEF_SECTIONS, contentHashOf, contentJsonOf, emptyBrief, richText, type RichTextNode, type TypedBriefContent } from "@brieflock/schema";
import type { VersionDocument } from "../../server/src/modules/contract/export/version-document.js";
import { completeBrief } from "../support/brief.js";
const GREEK = 'Ελληνικά: καλημέρα κόσμε';
const CYRILLIC = 'Привет, мир — данные клиента';
const INJECTION = '# Injected | [x](y) <b>bold</b>';

const text = (value: string, ...marks: string[]): RichTextNode =>
  marks.length > 0 ? { type: 'text', text: value, marks: marks.map((type) => ({ type })) } : { type: 'text', text: value };
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
        { type: 'text', text: 'the dashboard', marks: [{ type: 'link', attrs: { href: 'https://example.com/churn' } }] },
        text('.'),
      ),
      paragraph(text(INJECTION)),
      paragraph(text(GREEK), { type: 'hardBreak' }, text(CYRILLIC)),
      {
        type: 'bulletList',
        content: [
          item(paragraph(text('Score every customer nightly')), { type: 'bulletList', content: [item(paragraph(text('Include trial accounts')))] }),
          item(paragraph(text('Alert account managers'))),
        ],
      },
      { type: 'orderedList', attrs: { start: 1 }, content: [item(paragraph(text('Export'))), item(paragraph(text('Score')))] },
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
const CHAIN = 'c'.repeat(63) + '1';
const PREVIOUS = 'b'.repeat(63) + '2';
const RECORD = 'd'.repeat(63) + '3';

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

export const doc = () => versionDocument(richBrief());
