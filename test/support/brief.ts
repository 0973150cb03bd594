import * as Y from 'yjs';
import {
  BRIEF_SECTIONS,
  richText,
  TRIAL_MAP_KEY,
  TRIAL_RUBRIC_KEY,
  type TrialValue,
  type ListItem,
  type MapValue,
  type RichTextValue,
  type TypedBriefContent,
} from '@brieflock/schema';

/** A rich-text value of plain paragraphs, as readBrief reads them back. */
export const paragraphs = (...lines: string[]): RichTextValue =>
  richText(
    lines.map((line) =>
      line === '' ? { type: 'paragraph' } : { type: 'paragraph', content: [{ type: 'text', text: line }] },
    ),
  );

/**
 * A brief that passes every readiness check (dates far ahead, a split team). Tests
 * break one thing at a time from here.
 */
export function completeBrief(): TypedBriefContent {
  return {
    outcome: paragraphs('Cut monthly churn of paying customers by predicting who is about to leave.'),
    successMetrics: [
      {
        id: 'metric-1',
        name: 'Monthly churn',
        baseline: '4.1%',
        target: '3.5%',
        measurement: 'Billing system, first day of each month',
      },
    ],
    scope: paragraphs('A churn model scored nightly on the CRM export.'),
    outOfScope: paragraphs('Rebuilding the CRM or the billing system.'),
    deliverables: [
      {
        id: 'deliverable-1',
        title: 'Churn model',
        description: 'Nightly scores per customer',
        acceptance: 'AUC of 0.80 on the hold-out month',
      },
    ],
    dataReadiness: {
      sources: 'CRM export and billing database',
      quality: 'FAIR',
      access: 'GRANTED',
      owner: 'Dana (CRM team)',
      notes: '',
    },
    validation: paragraphs('A paid two-day trial on last year’s data reached an AUC of 0.78.'),
    team: [
      { id: 'team-1', role: 'Data engineer', responsibility: 'ETL pipeline from the CRM', member: 'Ana' },
      { id: 'team-2', role: 'ML engineer', responsibility: 'Train and evaluate the model', member: 'Ben' },
      { id: 'team-3', role: 'MLOps engineer', responsibility: 'Deploy and monitor in production', member: 'Cy' },
    ],
    milestones: [
      {
        id: 'milestone-1',
        title: 'Baseline model',
        dueDate: '2099-03-01',
        acceptanceCriteria: 'AUC of 0.75 on the hold-out month',
        revisionRounds: 1,
        payment: '30%',
      },
      {
        id: 'milestone-2',
        title: 'Production scoring',
        dueDate: '2099-04-15',
        acceptanceCriteria: 'Scores land in the CRM nightly',
        revisionRounds: 2,
        payment: '70%',
      },
    ],
    ownership: {
      ipOwner: 'CLIENT',
      modelOwner: 'CLIENT',
      confidentiality: 'Mutual NDA signed on 2024-01-10',
      dataUse: 'Only for this engagement; deleted after',
      license: '',
    },
    communication: {
      cadence: 'Weekly demo on Mondays',
      channel: 'Shared Slack channel',
      responseTime: 'One business day',
      escalation: '',
    },
  };
}

/** Writes a rich-text value's lines into `fragment` as paragraphs, the way the editor would. */
export function writeParagraphs(fragment: Y.XmlFragment, lines: readonly string[]): void {
  fragment.insert(
    fragment.length,
    lines.map((line) => {
      const paragraph = new Y.XmlElement('paragraph');
      if (line !== '') paragraph.insert(0, [new Y.XmlText(line)]);
      return paragraph;
    }),
  );
}

/**
 * Writes `brief` into `doc` with plain Yjs, following the public layout (no editor):
 * rich text as paragraphs of its `text` lines, list items as `Y.Map`s, maps as `Y.Map`
 * entries. Empty strings and nulls are left unwritten.
 */
export function writeBrief(doc: Y.Doc, brief: TypedBriefContent): void {
  doc.transact(() => {
    for (const section of BRIEF_SECTIONS) {
      const value = brief[section.key];
      if (section.kind === 'richText') {
        const text = (value as RichTextValue).text;
        if (text !== '') writeParagraphs(doc.getXmlFragment(section.key), text.split('\n'));
      } else if (section.kind === 'list') {
        const items = (value as ListItem[]).map((item) => {
          const map = new Y.Map<unknown>();
          for (const [key, field] of Object.entries(item)) if (field !== null && field !== '') map.set(key, field);
          return map;
        });
        doc.getArray(section.key).push(items);
      } else {
        const map = doc.getMap<unknown>(section.key);
        for (const [key, field] of Object.entries(value as MapValue))
          if (field !== null && field !== '') map.set(key, field);
      }
    }
  });
}

/** A trial with a two-criterion rubric (weights 60 and 40), not scored yet. */
export function sampleTrial(): TrialValue {
  return {
    task: 'Label 500 support tickets by churn risk\nand write a one-page report',
    paidAmount: 'EUR 800',
    timeBoxDays: 5,
    rubric: [
      { id: 'criterion-labels', criterion: 'Label accuracy', weight: 60 },
      { id: 'criterion-report', criterion: 'Report clarity', weight: 40 },
    ],
    score: null,
    scoreNote: '',
  };
}

/**
 * Writes a structured trial into `doc` the way the editor does: its fields in the
 * `validationTrial` map (text as `Y.Text`), its rubric as `Y.Map` items of `validationRubric`.
 */
export function writeTrial(doc: Y.Doc, trial: TrialValue): void {
  doc.transact(() => {
    const map = doc.getMap<unknown>(TRIAL_MAP_KEY);
    map.set('task', new Y.Text(trial.task));
    map.set('paidAmount', new Y.Text(trial.paidAmount));
    if (trial.timeBoxDays !== null) map.set('timeBoxDays', trial.timeBoxDays);
    const rubric = doc.getArray<Y.Map<unknown>>(TRIAL_RUBRIC_KEY);
    rubric.push(
      trial.rubric.map((row) => {
        const item = new Y.Map<unknown>();
        item.set('id', row.id);
        item.set('criterion', new Y.Text(row.criterion));
        if (row.weight !== null) item.set('weight', row.weight);
        return item;
      }),
    );
  });
}
