/**
 * The brief's public layout: section keys, their kinds and fields, and enum values.
 *
 * A key names the top-level Yjs shared type in the live document, the field in the
 * GraphQL `Brief` type and the property in a frozen version's JSON. Keys never change
 * meaning once released.
 *
 * Live Yjs layout:
 * - `richText`: a top-level `Y.XmlFragment` named by the key holding ProseMirror content
 *   (what Tiptap's Collaboration extension writes with `field: key`);
 * - `list`: a top-level `Y.Array` named by the key whose items are `Y.Map`s with the
 *   listed fields, plus an `id` string that keeps an item's identity across reorders;
 * - `map`: a top-level `Y.Map` named by the key.
 *
 * Field values in list items and maps: every free-text field (`type: 'string'`) is a
 * `Y.Text`, created as one when the item or the field is first written, so concurrent
 * typing in one field merges character by character. Enums, dates (`YYYY-MM-DD`) and
 * integers are plain values, set whole. A plain string in a text field is still read (a
 * plain Yjs client may write one); the server converts such strings to `Y.Text` when the
 * brief loads (`convertTextFields`). A frozen version's JSON holds every text as a string.
 */

export const DATA_QUALITY = ['UNKNOWN', 'POOR', 'FAIR', 'GOOD'] as const;
export const DATA_ACCESS = ['NOT_REQUESTED', 'REQUESTED', 'GRANTED'] as const;
export const OWNER_PARTY = ['CLIENT', 'FREELANCER', 'SHARED'] as const;

export type FieldType = 'string' | 'date' | 'integer' | 'enum';

export interface FieldSpec {
  readonly key: string;
  readonly label: string;
  readonly type: FieldType;
  readonly values?: readonly string[];
}

export interface RichTextSection {
  readonly key: string;
  readonly kind: 'richText';
  readonly title: string;
  readonly help: string;
}

export interface ListSection {
  readonly key: string;
  readonly kind: 'list';
  readonly title: string;
  readonly help: string;
  readonly itemFields: readonly FieldSpec[];
}

export interface MapSection {
  readonly key: string;
  readonly kind: 'map';
  readonly title: string;
  readonly help: string;
  readonly fields: readonly FieldSpec[];
}

export type SectionSpec = RichTextSection | ListSection | MapSection;

const s = (key: string, label: string): FieldSpec => ({ key, label, type: 'string' });

export const BRIEF_SECTIONS = [
  {
    key: 'outcome',
    kind: 'richText',
    title: 'Outcome',
    help: 'The business problem and the outcome the work should create.',
  },
  {
    key: 'successMetrics',
    kind: 'list',
    title: 'Success metrics',
    help: 'How success is measured, in numbers.',
    itemFields: [
      s('name', 'Metric'),
      s('baseline', 'Baseline'),
      s('target', 'Target'),
      s('measurement', 'How it is measured'),
    ],
  },
  { key: 'scope', kind: 'richText', title: 'Scope', help: 'What is in scope.' },
  { key: 'outOfScope', kind: 'richText', title: 'Out of scope', help: 'What is explicitly not included.' },
  {
    key: 'deliverables',
    kind: 'list',
    title: 'Deliverables',
    help: 'Concrete outputs.',
    itemFields: [s('title', 'Title'), s('description', 'Description'), s('acceptance', 'Acceptance')],
  },
  {
    key: 'dataReadiness',
    kind: 'map',
    title: 'Data readiness',
    help: 'Whether the data can support the work.',
    fields: [
      s('sources', 'Sources'),
      { key: 'quality', label: 'Quality', type: 'enum', values: DATA_QUALITY },
      { key: 'access', label: 'Access', type: 'enum', values: DATA_ACCESS },
      s('owner', 'Data owner'),
      s('notes', 'Notes'),
    ],
  },
  {
    key: 'validation',
    kind: 'richText',
    title: 'Skill validation',
    help: "The trial task or case used to validate the freelancer's skills, and what it showed.",
  },
  {
    key: 'team',
    kind: 'list',
    title: 'Team',
    help: 'Who covers data, modelling, deployment and monitoring.',
    itemFields: [s('role', 'Role'), s('responsibility', 'Responsibility'), s('member', 'Member')],
  },
  {
    key: 'milestones',
    kind: 'list',
    title: 'Milestones',
    help: 'The timeline, with room for iteration.',
    itemFields: [
      s('title', 'Title'),
      { key: 'dueDate', label: 'Due date', type: 'date' },
      s('acceptanceCriteria', 'Acceptance criteria'),
      { key: 'revisionRounds', label: 'Revision rounds', type: 'integer' },
      s('payment', 'Payment'),
    ],
  },
  {
    key: 'ownership',
    kind: 'map',
    title: 'Ownership',
    help: 'Who owns models, outputs and deliverables; confidentiality; how client data may be used.',
    fields: [
      { key: 'ipOwner', label: 'IP owner', type: 'enum', values: OWNER_PARTY },
      { key: 'modelOwner', label: 'Model owner', type: 'enum', values: OWNER_PARTY },
      s('confidentiality', 'Confidentiality'),
      s('dataUse', 'Data use'),
      s('license', 'License'),
    ],
  },
  {
    key: 'communication',
    kind: 'map',
    title: 'Communication',
    help: 'How the parties keep each other informed.',
    fields: [
      s('cadence', 'Cadence'),
      s('channel', 'Channel'),
      s('responseTime', 'Response time'),
      s('escalation', 'Escalation'),
    ],
  },
] as const satisfies readonly SectionSpec[];

export type SectionKey = (typeof BRIEF_SECTIONS)[number]['key'];

/**
 * The structured trial task of the `validation` section, beside its rich text: a paid task
 * with a time box that validates the freelancer's skills, scored against a rubric.
 *
 * Live Yjs layout: a top-level `Y.Map` named `validationTrial` holding the fields below
 * (text fields as `Y.Text`; `score` is a number the server writes when the trial is
 * accepted, with the client's `scoreNote`), and a top-level `Y.Array` named
 * `validationRubric` of `Y.Map` items (`id`, `criterion`, `weight`). A frozen version's
 * `validation` carries `trial` only when one was written, so every version frozen
 * before keeps its content hash.
 */
export const TRIAL_MAP_KEY = 'validationTrial';
export const TRIAL_RUBRIC_KEY = 'validationRubric';
/** A trial's time box is at most two weeks. */
export const TRIAL_MAX_DAYS = 14;

export const TRIAL_FIELDS = [
  s('task', 'Trial task'),
  s('paidAmount', 'Paid amount'),
  { key: 'timeBoxDays', label: 'Time box (days)', type: 'integer' },
  s('scoreNote', "Client's note on the result"),
] as const satisfies readonly FieldSpec[];

export const TRIAL_RUBRIC_FIELDS = [
  s('criterion', 'Criterion'),
  { key: 'weight', label: 'Weight (%)', type: 'integer' },
] as const satisfies readonly FieldSpec[];
export const SECTION_KEYS: readonly SectionKey[] = BRIEF_SECTIONS.map((section) => section.key);
