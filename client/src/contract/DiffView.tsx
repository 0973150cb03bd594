import {
  BRIEF_SECTIONS,
  type FieldChange,
  type FieldSpec,
  type FormatChange,
  type ItemChange,
  type SectionDiff,
  type SectionSpec,
  TRIAL_FIELDS,
  TRIAL_MAP_KEY,
  TRIAL_RUBRIC_FIELDS,
  TRIAL_RUBRIC_KEY,
} from '@brieflock/schema';
import { itemNoun } from '../editor/labels';
import { isObject } from './json';

/**
 * The differences between two versions as the server computed them. Values are shown
 * exactly as stored (enum values included, e.g. CLIENT → SHARED): a contract diff says
 * precisely what changed. Every change also carries its raw data in data-* attributes.
 */

const specOf = (key: string): SectionSpec | undefined => BRIEF_SECTIONS.find((section) => section.key === key);

/**
 * The validation's trial is shaped like a map (its fields, and the score the server
 * records) and a list (its rubric criteria); these name its changes like a section's.
 */
const TRIAL_SPEC = {
  key: TRIAL_MAP_KEY,
  kind: 'map',
  title: 'Trial task',
  help: '',
  fields: [...TRIAL_FIELDS, { key: 'score', label: 'Trial score', type: 'integer' }],
} as unknown as SectionSpec;
const RUBRIC_SPEC = {
  key: TRIAL_RUBRIC_KEY,
  kind: 'list',
  title: 'Rubric criteria',
  help: '',
  itemFields: TRIAL_RUBRIC_FIELDS,
} as unknown as SectionSpec;

function fieldsOf(spec: SectionSpec | undefined): readonly FieldSpec[] {
  if (!spec || spec.kind === 'richText') return [];
  return spec.kind === 'list' ? spec.itemFields : spec.fields;
}

const rawText = (value: unknown): string =>
  value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);

function Value({ value, as: Tag }: { value: unknown; as: 'ins' | 'del' }) {
  const text = rawText(value);
  if (text === '') return <span className="diff-empty">(empty)</span>;
  return <Tag>{text}</Tag>;
}

function FieldChanges({ changes, spec }: { changes: FieldChange[]; spec: SectionSpec | undefined }) {
  const fields = fieldsOf(spec);
  return (
    <ul className="field-changes">
      {changes.map((change) => (
        <li
          key={change.field}
          className="field-change"
          data-testid="field-change"
          data-field={change.field}
          data-before={rawText(change.before)}
          data-after={rawText(change.after)}
        >
          <span className="field-change-label">
            {fields.find((field) => field.key === change.field)?.label ?? change.field}
            <span className="visually-hidden">: </span>
          </span>
          <span className="field-change-values">
            {/* Read as "CLIENT → SHARED" by people and screen readers alike ("right arrow"). */}
            <Value value={change.before} as="del" /> <span className="diff-arrow">→</span>{' '}
            <Value value={change.after} as="ins" />
          </span>
        </li>
      ))}
    </ul>
  );
}

/** What to call an item: its first filled field (a title or name), else its position. */
function itemLabel(spec: SectionSpec | undefined, item: unknown, index: number | null): string {
  const first = fieldsOf(spec)[0];
  const value = first && isObject(item) ? rawText(item[first.key]).trim() : '';
  return value ? `“${value}”` : index !== null ? `#${index + 1}` : '';
}

/** An added or removed item: every filled field, as inserted or deleted text. */
function ItemFields({ item, spec, as }: { item: unknown; spec: SectionSpec | undefined; as: 'ins' | 'del' }) {
  const fields = fieldsOf(spec).filter((field) => isObject(item) && rawText(item[field.key]) !== '');
  if (fields.length === 0 || !isObject(item)) return null;
  return (
    <dl className="item-fields">
      {fields.map((field) => (
        <div key={field.key} data-field={field.key}>
          <dt>{field.label}</dt>
          <dd>
            <Value value={item[field.key]} as={as} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

const CHANGE_LABELS: Record<ItemChange['change'], string> = {
  ADDED: 'Added',
  REMOVED: 'Removed',
  CHANGED: 'Changed',
  MOVED: 'Moved',
};

function ItemChangeView({ change, spec }: { change: ItemChange; spec: SectionSpec | undefined }) {
  const noun = spec?.kind === 'list' ? itemNoun(spec) : 'Item';
  const label = itemLabel(spec, change.after ?? change.before, change.toIndex ?? change.fromIndex);
  const moved =
    (change.moved || change.change === 'MOVED') && change.fromIndex !== null && change.toIndex !== null
      ? ` moved from position ${change.fromIndex + 1} to ${change.toIndex + 1}`
      : '';
  return (
    <li
      className={`item-change item-change-${change.change.toLowerCase()}`}
      data-testid="item-change"
      data-change={change.change}
      data-item-id={change.itemId ?? undefined}
      data-moved={String(change.moved)}
    >
      <p className="item-change-head">
        <span className={`badge diff-badge diff-badge-${change.change.toLowerCase()}`}>
          {CHANGE_LABELS[change.change]}
        </span>{' '}
        <span>
          {noun} {label}
          {change.change === 'ADDED' && change.toIndex !== null && ` at position ${change.toIndex + 1}`}
          {change.change === 'REMOVED' && change.fromIndex !== null && ` from position ${change.fromIndex + 1}`}
          {moved && (change.change === 'CHANGED' ? `, and${moved}` : moved)}
        </span>
      </p>
      {change.change === 'ADDED' && <ItemFields item={change.after} spec={spec} as="ins" />}
      {change.change === 'REMOVED' && <ItemFields item={change.before} spec={spec} as="del" />}
      {change.change === 'CHANGED' && change.fields.length > 0 && <FieldChanges changes={change.fields} spec={spec} />}
    </li>
  );
}

/** Deletions longer than this many words are folded behind a button. */
export const FOLD_DELETIONS_OVER_WORDS = 40;

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A long deletion, folded: its length says what is there, one press shows it. */
function FoldedDeletion({ value }: { value: string }) {
  const count = wordCount(value);
  return (
    <details className="diff-fold" data-testid="folded-deletion" data-words={count}>
      <summary>Show {count} deleted words</summary>
      <del>
        <span className="visually-hidden">[removed: </span>
        {value}
        <span className="visually-hidden">]</span>
      </del>
    </details>
  );
}

/** What a mark is called in a sentence: "bold", "a link to https://…". */
function markName(mark: string): string {
  if (mark.startsWith('link ')) return `link to ${mark.slice(5)}`;
  return mark === 'strike' ? 'strikethrough' : mark;
}

/** "made bold; no longer italic; link to a → link to b", in the reader's terms. */
export function formattingText(change: FormatChange): string {
  const added = change.after.filter((mark) => !change.before.includes(mark));
  const removed = change.before.filter((mark) => !change.after.includes(mark));
  const links = (marks: string[]) => marks.filter((mark) => mark.startsWith('link '));
  const [oldLink] = links(removed);
  const [newLink] = links(added);
  const parts: string[] = [];
  if (oldLink && newLink) parts.push(`link changed from ${oldLink.slice(5)} to ${newLink.slice(5)}`);
  const plainAdded = added.filter((mark) => !(oldLink && newLink && mark === newLink));
  const plainRemoved = removed.filter((mark) => !(oldLink && newLink && mark === oldLink));
  if (plainAdded.length > 0) parts.push(`now ${plainAdded.map(markName).join(' and ')}`);
  if (plainRemoved.length > 0) parts.push(`no longer ${plainRemoved.map(markName).join(' and ')}`);
  return parts.join('; ');
}

function FormattingChanges({ changes }: { changes: FormatChange[] }) {
  return (
    <div className="format-changes">
      <p className="format-changes-title">Formatting changes</p>
      <ul>
        {changes.map((change, index) => (
          <li
            // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
            key={index}
            className="format-change"
            data-testid="format-change"
            data-before={change.before.join(' ')}
            data-after={change.after.join(' ')}
          >
            <span className="badge diff-badge diff-badge-format">Formatting</span> “{change.text}”:{' '}
            {formattingText(change)}
          </li>
        ))}
      </ul>
    </div>
  );
}

function TextDiff({ section }: { section: SectionDiff }) {
  const formatting = section.formatting ?? [];
  if (section.text.length === 0) {
    if (formatting.length > 0) return <FormattingChanges changes={formatting} />;
    return section.formattingChanged ? (
      <p className="muted">Only the layout changed (paragraphs, headings or lists); the words are the same.</p>
    ) : null;
  }
  return (
    <>
      {section.coarse && (
        <p className="muted diff-coarse" data-testid="diff-coarse">
          This change was too large to compare word by word; shown paragraph by paragraph.
        </p>
      )}
      <p className="text-diff" data-testid="text-diff">
        {section.text.map((part, index) =>
          part.op === 'ADDED' ? (
            // biome-ignore lint/suspicious/noArrayIndexKey: the word diff is replaced whole, never reordered
            <ins key={index}>
              <span className="visually-hidden">[added: </span>
              {part.value}
              <span className="visually-hidden">]</span>
            </ins>
          ) : part.op === 'REMOVED' ? (
            wordCount(part.value) > FOLD_DELETIONS_OVER_WORDS ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: the word diff is replaced whole, never reordered
              <FoldedDeletion key={index} value={part.value} />
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: the word diff is replaced whole, never reordered
              <del key={index}>
                <span className="visually-hidden">[removed: </span>
                {part.value}
                <span className="visually-hidden">]</span>
              </del>
            )
          ) : (
            // biome-ignore lint/suspicious/noArrayIndexKey: the word diff is replaced whole, never reordered
            <span key={index}>{part.value}</span>
          ),
        )}
      </p>
      {formatting.length > 0 && <FormattingChanges changes={formatting} />}
    </>
  );
}

function ItemChanges({ items, spec }: { items: ItemChange[]; spec: SectionSpec | undefined }) {
  return (
    <ul className="item-changes">
      {items.map((change, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: an item without an id has only its place in the diff
        <ItemChangeView key={`${change.itemId ?? 'item'}-${index}`} change={change} spec={spec} />
      ))}
    </ul>
  );
}

export function SectionDiffView({ section }: { section: SectionDiff }) {
  const spec = specOf(section.key);
  return (
    <section
      className="diff-section card"
      data-testid="diff-section"
      data-section={section.key}
      data-changed={String(section.changed)}
      aria-labelledby={`diff-${section.key}-title`}
    >
      <h3 id={`diff-${section.key}-title`} className="diff-section-title">
        {section.title}
        {section.changed && <span className="badge diff-badge diff-badge-changed">Changed</span>}
      </h3>
      {!section.changed ? (
        <p className="muted" data-testid="no-changes">
          No changes
        </p>
      ) : section.kind === 'richText' ? (
        <>
          <TextDiff section={section} />
          {/* The validation's trial, beside its text. */}
          {section.fields.length > 0 && (
            <div data-testid="trial-changes">
              <h4 className="diff-subtitle">Trial task</h4>
              <FieldChanges changes={section.fields} spec={TRIAL_SPEC} />
            </div>
          )}
          {section.items.length > 0 && <ItemChanges items={section.items} spec={RUBRIC_SPEC} />}
        </>
      ) : section.kind === 'list' ? (
        <ItemChanges items={section.items} spec={spec} />
      ) : (
        <FieldChanges changes={section.fields} spec={spec} />
      )}
    </section>
  );
}
