import type * as Y from 'yjs';
import type { MapSection as MapSectionSpec } from '@brieflock/schema';
import { useYObserve } from '../collab/hooks';
import { FieldControl } from './FieldControl';
import { PresenceField } from './field-presence';
import { isLongField } from './labels';
import { FieldCommentButton, fieldAnchorId } from '../comments/editor-bindings';
import { FieldSuggestions } from '../suggestions/FieldSuggestions';

/** A section of named fields, bound to the top-level Y.Map named by the section key. */
export function MapSection({
  section,
  doc,
  readOnly,
  annotated = true,
}: {
  section: MapSectionSpec;
  doc: Y.Doc;
  readOnly: boolean;
  /** False where comments and suggestions cannot anchor (the trial's fields). */
  annotated?: boolean;
}) {
  const map = doc.getMap<unknown>(section.key);
  useYObserve(map, true);
  return (
    <div className="field-grid">
      {section.fields.map((field) => {
        const id = `brief-${section.key}-${field.key}`;
        const long = isLongField(field);
        return (
          <PresenceField
            key={field.key}
            className={long ? 'field field-wide' : 'field'}
            anchor={fieldAnchorId(section.key, null, field.key)}
          >
            <div className="field-label-row">
              <label htmlFor={id}>{field.label}</label>
              {annotated && (
                <FieldCommentButton section={section.key} field={field.key} label={`${section.title} ${field.label}`} />
              )}
            </div>
            <FieldControl map={map} field={field} id={id} long={long} disabled={readOnly} />
            {annotated && (
              <FieldSuggestions section={section.key} itemId={undefined} field={field} label={field.label} />
            )}
          </PresenceField>
        );
      })}
    </div>
  );
}
