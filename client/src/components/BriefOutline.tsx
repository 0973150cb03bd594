import { useId } from 'react';
import { BRIEF_SECTIONS, canEditWithRole, type ParticipantRole, type SectionSpec } from '@brieflock/schema';

const SECTIONS: readonly SectionSpec[] = BRIEF_SECTIONS;

function fieldSummary(section: SectionSpec): string | null {
  switch (section.kind) {
    case 'list':
      return `Each entry: ${section.itemFields.map((field) => field.label).join(', ')}`;
    case 'map':
      return `Covers: ${section.fields.map((field) => field.label).join(', ')}`;
    default:
      return null;
  }
}

/** A read-only outline of what the brief will contain; the live editor mounts here later. */
export function BriefOutline({ myRole }: { myRole: ParticipantRole }) {
  const id = useId();
  return (
    <section className="section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="section-title">
        The brief
      </h2>
      <div className="note">
        <p>
          Live co-editing of the brief opens here. Everyone on this proposal drafts the same {SECTIONS.length} sections
          together; once all parties agree, the brief is frozen and signed.
        </p>
        <p>
          {canEditWithRole(myRole)
            ? 'As a ' + myRole.toLowerCase() + ', you will edit the brief and sign frozen versions.'
            : 'As a viewer, you will be able to read the brief but not edit or sign it.'}
        </p>
      </div>
      <ol className="outline" role="list">
        {SECTIONS.map((section) => {
          const summary = fieldSummary(section);
          return (
            <li key={section.key} className="outline-item">
              <h3 className="outline-title">{section.title}</h3>
              <p className="outline-help">{section.help}</p>
              {summary && <p className="outline-fields">{summary}</p>}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
