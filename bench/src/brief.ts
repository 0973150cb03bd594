import { BRIEF_SECTIONS, evaluateReadiness, failingBlockers, readBrief } from '@brieflock/schema';
import * as Y from 'yjs';
import { applyPatches, isNoop, loadTrace } from './collab/trace.js';

/**
 * Briefs for the cases that need real content, written with plain Yjs in the public layout
 * (schema/src/brief.ts): rich text as a `Y.XmlFragment` of paragraphs, lists as `Y.Array`s
 * of `Y.Map`s, maps as `Y.Map`s, free-text fields of both as `Y.Text`.
 */

const paragraph = (text: string): Y.XmlElement => {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  return element;
};

/** The free-text field keys of each list and map section. */
const TEXT_FIELDS = new Map<string, ReadonlySet<string>>(
  BRIEF_SECTIONS.flatMap((section) =>
    section.kind === 'richText'
      ? []
      : [
          [
            section.key,
            new Set(
              (section.kind === 'list' ? section.itemFields : section.fields)
                .filter((field) => field.type === 'string')
                .map((field) => field.key),
            ),
          ] as const,
        ],
  ),
);

/** A field's value as the layout stores it: free text as a `Y.Text`, anything else as is. */
const layoutValue = (section: string, key: string, value: string | number): unknown =>
  typeof value === 'string' && TEXT_FIELDS.get(section)?.has(key) ? new Y.Text(value) : value;

const item = (section: string, fields: Record<string, string | number>): Y.Map<unknown> =>
  new Y.Map<unknown>(Object.entries(fields).map(([key, value]) => [key, layoutValue(section, key, value)]));

/**
 * Fills every section except `outcome` so that every readiness check passes once the
 * outcome has a sentence: metrics with targets, deliverables, assessed data, milestones
 * with dates far ahead and acceptance criteria, ownership and confidentiality, a split team.
 */
export function writeReadySections(doc: Y.Doc): void {
  doc.transact(() => {
    doc.getArray('successMetrics').push([
      item('successMetrics', {
        id: 'metric-1',
        name: 'Monthly churn',
        baseline: '4.1%',
        target: '3.5%',
        measurement: 'Billing system, first day of each month',
      }),
    ]);
    doc.getXmlFragment('scope').push([paragraph('A churn model scored nightly on the CRM export.')]);
    doc.getXmlFragment('outOfScope').push([paragraph('Rebuilding the CRM or the billing system.')]);
    doc.getArray('deliverables').push([
      item('deliverables', {
        id: 'deliverable-1',
        title: 'Churn model',
        description: 'Nightly scores per customer',
        acceptance: 'AUC of 0.80 on the hold-out month',
      }),
    ]);
    const data = doc.getMap('dataReadiness');
    for (const [key, value] of Object.entries({
      sources: 'CRM export and billing database',
      quality: 'FAIR',
      access: 'GRANTED',
      owner: 'Dana (CRM team)',
    }))
      data.set(key, layoutValue('dataReadiness', key, value));
    doc
      .getXmlFragment('validation')
      .push([paragraph('A paid two-day trial on last year’s data reached an AUC of 0.78.')]);
    doc.getArray('team').push([
      item('team', { id: 'team-1', role: 'Data engineer', responsibility: 'ETL pipeline from the CRM', member: 'Ana' }),
      item('team', {
        id: 'team-2',
        role: 'ML engineer',
        responsibility: 'Train and evaluate the model',
        member: 'Ben',
      }),
      item('team', {
        id: 'team-3',
        role: 'MLOps engineer',
        responsibility: 'Deploy and monitor in production',
        member: 'Cy',
      }),
    ]);
    doc.getArray('milestones').push([
      item('milestones', {
        id: 'milestone-1',
        title: 'Baseline model',
        dueDate: '2099-03-01',
        acceptanceCriteria: 'AUC of 0.75 on the hold-out month',
        revisionRounds: 1,
        payment: '30%',
      }),
      item('milestones', {
        id: 'milestone-2',
        title: 'Production scoring',
        dueDate: '2099-04-15',
        acceptanceCriteria: 'Scores land in the CRM nightly',
        revisionRounds: 2,
        payment: '70%',
      }),
    ]);
    const ownership = doc.getMap('ownership');
    for (const [key, value] of Object.entries({
      ipOwner: 'CLIENT',
      modelOwner: 'CLIENT',
      confidentiality: 'Mutual NDA signed on 2024-01-10',
      dataUse: 'Only for this engagement; deleted after',
    }))
      ownership.set(key, layoutValue('ownership', key, value));
    const communication = doc.getMap('communication');
    for (const [key, value] of Object.entries({
      cadence: 'Weekly demo on Mondays',
      channel: 'Shared Slack channel',
      responseTime: 'One business day',
    }))
      communication.set(key, layoutValue('communication', key, value));
  });
}

/** A small ready brief: the other sections plus an outcome of `lines` paragraphs. */
export function smallReadyBrief(
  lines = ['Cut monthly churn of paying customers by predicting who is about to leave.'],
): Y.Doc {
  const doc = new Y.Doc();
  doc.getXmlFragment('outcome').push(lines.map(paragraph));
  writeReadySections(doc);
  return doc;
}

export interface PaperBrief {
  /** Every transaction's Yjs update in order: the trace's edits, then the other sections. */
  updates: Uint8Array[];
  /** The document after all of them. */
  doc: Y.Doc;
  /** The outcome's text: automerge-paper's end content. */
  text: string;
}

const TRACE = 'automerge-paper';
/** A client id as large as most random ones (which are uniform 32-bit numbers). */
const PAPER_CLIENT_ID = 0x9e3779b9;
let paper: Promise<PaperBrief | undefined> | undefined;

/**
 * A ready brief whose outcome holds the automerge-paper trace, every one of its 259,778
 * edits replayed as its own transaction into the outcome's paragraph (its text ends as the
 * paper's 104,852 characters, tombstones and all), then the other sections. Built once per
 * run; undefined (the cases that need it are skipped) when the trace is missing.
 */
export function paperBrief(): Promise<PaperBrief | undefined> {
  paper ??= (async () => {
    const trace = await loadTrace(TRACE);
    if (!trace) return undefined;
    const doc = new Y.Doc();
    // A fixed client id keeps the encoded size the same from run to run: every item names
    // its neighbours by (client, clock), and a random id takes 4 or 5 bytes to write.
    doc.clientID = PAPER_CLIENT_ID;
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = new Y.XmlText(trace.startContent);
    const outcome = new Y.XmlElement('paragraph');
    outcome.insert(0, [text]);
    doc.getXmlFragment('outcome').push([outcome]);
    for (const txn of trace.txns) if (!isNoop(txn)) doc.transact(() => applyPatches(text, txn.patches));
    writeReadySections(doc);
    if (text.toString() !== trace.endContent)
      throw new Error(`${TRACE}: the replayed outcome differs from the trace's endContent`);
    const blockers = failingBlockers(evaluateReadiness(readBrief(doc)));
    if (blockers.length > 0) throw new Error(`the bench brief fails readiness checks: ${blockers.join(', ')}`);
    return { updates, doc, text: trace.endContent };
  })();
  return paper;
}

/** The outcome's text as a reader of the layout sees it (the first paragraph's text). */
export function outcomeText(doc: Y.Doc): string {
  const first = doc.getXmlFragment('outcome').get(0);
  const text = first instanceof Y.XmlElement ? first.get(0) : undefined;
  return text instanceof Y.XmlText ? text.toString() : '';
}
