import type { FieldSpec, FieldValue } from '@brieflock/schema';
import { richTextBlocks } from './rich-text.js';
import { blocksToMarkdown, codeFence, codeSpan, escapeInline, textLines } from './rich-text-markdown.js';
import {
  NOT_FILLED,
  fieldDisplay,
  hasAnyValue,
  roleLabel,
  sectionEntries,
  signatureFacts,
  verifySteps,
  receiptFacts,
  versionFacts,
  type Fact,
  type SectionEntry,
  type Signer,
  type VersionDocument,
} from './version-document.js';

/** The brief's own headings start at level 3, below the export's `##` section headings. */
const HEADING_OFFSET = 2;

const notFilled = `_${NOT_FILLED}_`;

/** User text on one line (titles, names) that never starts a line: newlines become spaces. */
const oneLine = (text: string) => escapeInline(text.replace(/\s*[\r\n]+\s*/g, ' ').trim());

/**
 * A value after `- **Label:** `: its first line is mid-line, so only inline syntax needs
 * escaping; later lines continue the list item after a hard break and start lines.
 */
function itemValue(text: string, indent = '  '): string {
  const [first = '', ...rest] = text.split(/\r\n?|\n/);
  return [oneLine(first), ...rest.flatMap((line) => textLines(line))].join(`\\\n${indent}`);
}

/** A table cell: escaped, with line breaks as `<br>` because a row must stay on one line. */
const cell = (text: string) =>
  text
    .split(/\r\n?|\n/)
    .map((line) => escapeInline(line.trim()))
    .join('<br>');

const factLine = (fact: Fact, indent = '') =>
  `${indent}- **${fact.label}:** ${fact.mono ? codeSpan(fact.value) : itemValue(fact.value, `${indent}  `)}`;

function listTable(fields: readonly FieldSpec[], items: ReadonlyArray<Record<string, FieldValue | undefined>>): string {
  const header = `| ${fields.map((field) => escapeInline(field.label)).join(' | ')} |`;
  const rule = `| ${fields.map(() => '---').join(' | ')} |`;
  const rows = items.map(
    (item) => `| ${fields.map((field) => cell(fieldDisplay(field, item[field.key]))).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

function sectionBody(entry: SectionEntry): string {
  switch (entry.kind) {
    case 'richText':
      return blocksToMarkdown(richTextBlocks(entry.nodes), HEADING_OFFSET) || notFilled;
    case 'list': {
      const items = entry.items.filter((item) => hasAnyValue(entry.section.itemFields, item));
      return items.length > 0 ? listTable(entry.section.itemFields, items) : notFilled;
    }
    case 'map':
      if (!hasAnyValue(entry.section.fields, entry.value)) return notFilled;
      return entry.section.fields
        .map((field) => factLine({ label: field.label, value: fieldDisplay(field, entry.value[field.key]) || '—' }))
        .join('\n');
  }
}

function signerItem(signer: Signer): string {
  const who = `- **${oneLine(signer.name)}** (${oneLine(signer.email)}), ${roleLabel(signer.role).toLowerCase()}`;
  if (!signer.signature) return `${who}: not signed yet`;
  return [`${who}: signed`, ...signatureFacts(signer.signature).map((fact) => factLine(fact, '  '))].join('\n');
}

function signaturesSection(doc: VersionDocument): string {
  const signed = doc.signers.filter((signer) => signer.signature).length;
  if (doc.signers.length === 0) return '## Signatures\n\nNo signers are required for this version.';
  return [
    '## Signatures',
    `${signed} of ${doc.signers.length} required signers have signed.`,
    doc.signers.map(signerItem).join('\n'),
  ].join('\n\n');
}

function verifySection(doc: VersionDocument): string {
  const steps = verifySteps(doc).map((step, index) => {
    const marker = `${index + 1}. `;
    const indent = ' '.repeat(marker.length);
    const lines = [`${marker}${itemValue(step.text, indent)}`];
    if (step.code?.trim())
      lines.push('', ...codeFence(step.code, null).map((line) => (line === '' ? '' : indent + line)));
    return lines.join('\n');
  });
  return ['## How to verify', ...steps].join('\n\n');
}

/**
 * Renders a frozen contract version as a standalone Markdown document: title, version
 * facts and hashes, every brief section in layout order, the signatures and how to
 * verify the content hash. User text is escaped, so it shows as written and cannot
 * add structure of its own.
 */
export function renderMarkdown(doc: VersionDocument): string {
  const { proposal, version } = doc;
  const chunks = [
    `# ${oneLine(proposal.title)} — contract version ${version.number}`,
    [
      factLine({ label: 'Proposal ID', value: proposal.id, mono: true }),
      factLine({ label: 'Version ID', value: version.id, mono: true }),
    ]
      .concat(versionFacts(doc).map((fact) => factLine(fact)))
      .join('\n'),
    ...sectionEntries(version.content).map(
      (entry) => `## ${escapeInline(entry.section.title)}\n\n${sectionBody(entry)}`,
    ),
    signaturesSection(doc),
    ...(doc.receipt
      ? [
          [
            '## Receipt',
            receiptFacts(doc.receipt)
              .map((fact) => factLine(fact))
              .join('\n'),
          ].join('\n\n'),
        ]
      : []),
    verifySection(doc),
  ];
  return `${chunks.join('\n\n')}\n`;
}
