import {
  BRIEF_SECTIONS,
  type FieldSpec,
  type ListSection,
  type MapSection,
  TRIAL_FIELDS,
  TRIAL_MAP_KEY,
  TRIAL_RUBRIC_FIELDS,
  TRIAL_RUBRIC_KEY,
} from '@brieflock/schema';
import { formatDay } from '../components/DateTime';
import { enumLabel } from '../editor/labels';
import { isObject } from './json';
import { RichTextView } from './RichTextView';

/** A frozen brief, read-only, laid out by the shared section layout. */

/** A field value as a reader wants it: enums by their label, like the editor shows them; dates in the reader's locale. */
export function formatField(field: FieldSpec | undefined, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (field?.type === 'enum' && typeof value === 'string') return enumLabel(value);
  if (field?.type === 'date' && typeof value === 'string') return formatDay(value);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function Empty({ children = 'Not set' }: { children?: string }) {
  return <span className="muted empty-value">{children}</span>;
}

function ListView({ section, value }: { section: ListSection; value: unknown }) {
  const items = Array.isArray(value) ? value.filter(isObject) : [];
  if (items.length === 0) return <p className="muted">No entries.</p>;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a scrolling wrapper, not a page section
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls must be reachable by keyboard
    <div className="table-wrap" role="region" aria-label={`${section.title} table`} tabIndex={0}>
      <table className="table frozen-table">
        <caption className="visually-hidden">{section.title}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            {section.itemFields.map((field) => (
              <th key={field.key} scope="col">
                {field.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item, index) => (
            <tr
              key={typeof item.id === 'string' ? item.id : `row-${index}`}
              data-item-id={typeof item.id === 'string' ? item.id : undefined}
            >
              <td className="cell-number">{index + 1}</td>
              {section.itemFields.map((field) => {
                const text = formatField(field, item[field.key]);
                return <td key={field.key}>{text === '' ? <Empty>—</Empty> : text}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MapView({ section, value }: { section: MapSection; value: unknown }) {
  const map = isObject(value) ? value : {};
  return (
    <dl className="frozen-map">
      {section.fields.map((field) => {
        const text = formatField(field, map[field.key]);
        return (
          <div key={field.key} className="frozen-map-row" data-field={field.key}>
            <dt>{field.label}</dt>
            <dd>{text === '' ? <Empty /> : text}</dd>
          </div>
        );
      })}
    </dl>
  );
}

const TRIAL_VIEW: MapSection = { key: TRIAL_MAP_KEY, kind: 'map', title: 'Trial task', help: '', fields: TRIAL_FIELDS };
const RUBRIC_VIEW: ListSection = {
  key: TRIAL_RUBRIC_KEY,
  kind: 'list',
  title: 'Trial rubric',
  help: '',
  itemFields: TRIAL_RUBRIC_FIELDS,
};

/** The structured trial a version's validation carries, if it has one, with its score once run. */
function TrialView({ validation }: { validation: unknown }) {
  const trial = isObject(validation) && isObject(validation.trial) ? validation.trial : null;
  if (!trial) return null;
  return (
    <div className="frozen-trial" data-trial>
      <h4>Trial task</h4>
      <MapView section={TRIAL_VIEW} value={trial} />
      <ListView section={RUBRIC_VIEW} value={trial.rubric} />
      {typeof trial.score === 'number' && <p className="frozen-trial-score">Trial result: {trial.score} / 100</p>}
    </div>
  );
}

export function BriefView({ content }: { content: unknown }) {
  const brief = isObject(content) ? content : {};
  return (
    <div className="frozen-brief">
      {BRIEF_SECTIONS.map((section, index) => (
        <section
          key={section.key}
          className="frozen-section card"
          data-section={section.key}
          data-kind={section.kind}
          aria-labelledby={`frozen-${section.key}-title`}
        >
          <h3 id={`frozen-${section.key}-title`} className="frozen-section-title">
            <span className="frozen-section-number brief-section-number" aria-hidden="true">
              {index + 1}
            </span>
            {section.title}
          </h3>
          {section.kind === 'richText' ? (
            <>
              <RichTextView value={brief[section.key]} />
              {section.key === 'validation' && <TrialView validation={brief.validation} />}
            </>
          ) : section.kind === 'list' ? (
            <ListView section={section} value={brief[section.key]} />
          ) : (
            <MapView section={section} value={brief[section.key]} />
          )}
        </section>
      ))}
    </div>
  );
}
