import PDFDocument from 'pdfkit';
import {
  BODY_SIZE,
  COLORS,
  contentWidth,
  ensureSpace,
  registerFonts,
  writeBlocks,
  writeFact,
  writeRule,
  writeText,
  type Pdf,
} from './pdf-layout.js';
import { richTextBlocks } from './rich-text.js';
import {
  NOT_FILLED,
  certificateTitle,
  receiptFacts,
  fieldDisplay,
  hasAnyValue,
  roleLabel,
  sectionEntries,
  signatureFacts,
  verifySteps,
  versionFacts,
  type Fact,
  type SectionEntry,
  type Signer,
  type VersionDocument,
} from './version-document.js';

const MARGINS = { top: 64, bottom: 64, left: 56, right: 56 };
const LABEL_WIDTH = 112;
/** The certificate's type size: small enough that two signers' evidence fits one page. */
const CERTIFICATE_SIZE = 8;

const left = (pdf: Pdf) => pdf.page.margins.left;

function heading(pdf: Pdf, text: string, size: number): void {
  ensureSpace(pdf, size * 4);
  pdf.moveDown(0.6);
  writeText(pdf, text, { x: left(pdf), width: contentWidth(pdf), size, bold: true });
  pdf.moveDown(0.15);
  writeRule(pdf, left(pdf), contentWidth(pdf));
}

function facts(pdf: Pdf, list: readonly Fact[], indent = 0, size = BODY_SIZE): void {
  for (const fact of list) {
    writeFact(pdf, fact, { x: left(pdf) + indent, width: contentWidth(pdf) - indent, labelWidth: LABEL_WIDTH, size });
  }
}

function notFilled(pdf: Pdf): void {
  writeText(pdf, NOT_FILLED, { x: left(pdf), width: contentWidth(pdf), color: COLORS.muted, italic: true });
}

function section(pdf: Pdf, entry: SectionEntry): void {
  heading(pdf, entry.section.title, 14);
  switch (entry.kind) {
    case 'richText': {
      const blocks = richTextBlocks(entry.nodes);
      if (blocks.length > 0) writeBlocks(pdf, blocks, left(pdf), contentWidth(pdf));
      else notFilled(pdf);
      return;
    }
    case 'list': {
      const { itemFields } = entry.section;
      const items = entry.items.filter((item) => hasAnyValue(itemFields, item));
      if (items.length === 0) {
        notFilled(pdf);
        return;
      }
      items.forEach((item, index) => {
        // Keep an item's number with its first rows; the number sits beside the first row.
        ensureSpace(pdf, 60);
        const top = pdf.y;
        writeText(pdf, `${index + 1}.`, { x: left(pdf), width: 16, bold: true });
        pdf.y = top;
        facts(
          pdf,
          itemFields.map((field) => ({ label: field.label, value: fieldDisplay(field, item[field.key]) || '—' })),
          18,
        );
        pdf.moveDown(0.3);
      });
      return;
    }
    case 'map': {
      const { fields } = entry.section;
      if (!hasAnyValue(fields, entry.value)) {
        notFilled(pdf);
        return;
      }
      facts(
        pdf,
        fields.map((field) => ({ label: field.label, value: fieldDisplay(field, entry.value[field.key]) || '—' })),
      );
    }
  }
}

function signerBlock(pdf: Pdf, signer: Signer): void {
  ensureSpace(pdf, 90);
  pdf.moveDown(0.3);
  writeText(pdf, signer.name, { x: left(pdf), width: contentWidth(pdf), size: 11, bold: true });
  pdf.moveDown(0.1);
  const about: Fact[] = [
    { label: 'E-mail', value: signer.email },
    { label: 'Role', value: roleLabel(signer.role) },
  ];
  const evidence = signer.signature ? signatureFacts(signer.signature) : [{ label: 'Signature', value: 'Not signed' }];
  facts(pdf, [...about, ...evidence], 10, CERTIFICATE_SIZE);
}

function completionLine(doc: VersionDocument): string {
  const signed = doc.signers.filter((signer) => signer.signature).length;
  const total = doc.signers.length;
  if (doc.version.status === 'SUPERSEDED')
    return `This version has been superseded by a later version. ${signed} of ${total} required signers signed it.`;
  if (doc.version.status === 'SIGNED') return `All ${total} required signers have signed this version.`;
  return `${signed} of ${total} required signers have signed. This version is not complete until every signer has signed.`;
}

/** The last page(s): the version's identity, every signer's evidence and how to verify. */
function certificate(pdf: Pdf, doc: VersionDocument): void {
  const { proposal, version } = doc;
  writeText(pdf, certificateTitle(version.status), { x: left(pdf), width: contentWidth(pdf), size: 18, bold: true });
  pdf.moveDown(0.3);
  writeText(pdf, completionLine(doc), { x: left(pdf), width: contentWidth(pdf), color: COLORS.muted });
  pdf.moveDown(0.6);
  facts(
    pdf,
    [
      { label: 'Proposal', value: proposal.title },
      { label: 'Proposal ID', value: proposal.id, mono: true },
      { label: 'Version', value: String(version.number) },
      { label: 'Version ID', value: version.id, mono: true },
      ...versionFacts(doc),
    ],
    0,
    CERTIFICATE_SIZE,
  );
  heading(pdf, 'Signers', 12);
  if (doc.signers.length === 0)
    writeText(pdf, 'No signers are required for this version.', { x: left(pdf), width: contentWidth(pdf) });
  for (const signer of doc.signers) signerBlock(pdf, signer);
  if (doc.receipt) {
    heading(pdf, 'Receipt', 12);
    facts(pdf, receiptFacts(doc.receipt), 0, CERTIFICATE_SIZE);
  }
  heading(pdf, 'How to verify', 12);
  verifySteps(doc).forEach((step, index) => {
    ensureSpace(pdf, 30);
    writeText(pdf, `${index + 1}. ${step.text}`, { x: left(pdf), width: contentWidth(pdf), size: CERTIFICATE_SIZE });
    if (step.code?.trim()) {
      pdf
        .font('mono')
        .fontSize(CERTIFICATE_SIZE - 0.5)
        .fillColor(COLORS.code);
      pdf.text(step.code, left(pdf) + 14, pdf.y + 2, { width: contentWidth(pdf) - 14, lineGap: 1 });
      pdf.x = left(pdf);
    }
    pdf.moveDown(0.3);
  });
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Running header (from page 2) and "Page X of Y" footer, drawn once the page count is known. */
function decoratePages(pdf: Pdf, doc: VersionDocument, certificateStart: number): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let index = start; index < start + count; index += 1) {
    pdf.switchToPage(index);
    const width = contentWidth(pdf);
    const { margins } = pdf.page;
    const footerY = pdf.page.height - margins.bottom + 24;
    // Text below the bottom margin would make pdfkit start a new page; lift the margin while drawing.
    const bottomMargin = margins.bottom;
    margins.bottom = 0;
    pdf.font('regular').fontSize(8).fillColor(COLORS.muted);
    if (index > start) {
      const label = index >= certificateStart ? 'Certificate' : `Contract version ${doc.version.number}`;
      pdf.text(`${clip(doc.proposal.title, 70)} — ${label}`, left(pdf), 32, { width, lineBreak: false });
    }
    pdf.text(`Version ${doc.version.number} · ${doc.version.contentHash.slice(0, 16)}…`, left(pdf), footerY, {
      width,
      lineBreak: false,
    });
    pdf.text(`Page ${index - start + 1} of ${count}`, left(pdf), footerY, { width, align: 'right', lineBreak: false });
    margins.bottom = bottomMargin;
  }
}

/**
 * Renders a frozen contract version as an A4 PDF: title and version facts, every brief
 * section in layout order, then a certificate page with the hashes, each signer's
 * evidence and how to verify. DejaVu fonts carry non-Latin text; metadata dates come
 * from the version so the same version renders the same way.
 */
export function renderPdf(doc: VersionDocument): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const { proposal, version } = doc;
    const pdf = new PDFDocument({
      size: 'A4',
      margins: MARGINS,
      bufferPages: true,
      info: {
        Title: `${proposal.title} — contract version ${version.number}`,
        Author: 'Brieflock',
        Creator: 'Brieflock',
        Subject: `Contract version ${version.number} of proposal ${proposal.id}, content hash ${version.contentHash}`,
        Keywords: `contract, ${version.contentHash}`,
        CreationDate: version.frozenAt,
        ModDate: version.frozenAt,
      },
    });
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    try {
      registerFonts(pdf);
      writeText(pdf, 'Brieflock contract', { x: left(pdf), width: contentWidth(pdf), size: 9, color: COLORS.muted });
      writeText(pdf, proposal.title, { x: left(pdf), width: contentWidth(pdf), size: 20, bold: true });
      writeText(pdf, `Contract version ${version.number}`, {
        x: left(pdf),
        width: contentWidth(pdf),
        size: 13,
        color: COLORS.muted,
      });
      pdf.moveDown(0.8);
      facts(pdf, [{ label: 'Proposal ID', value: proposal.id, mono: true }, ...versionFacts(doc)]);
      for (const entry of sectionEntries(version.content)) section(pdf, entry);

      pdf.addPage();
      const certificateStart = pdf.bufferedPageRange().start + pdf.bufferedPageRange().count - 1;
      certificate(pdf, doc);
      decoratePages(pdf, doc, certificateStart);
      pdf.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
