import type { ReactNode } from 'react';
import type { SectionSpec } from '@brieflock/schema';
import { sectionDomId, sectionHelpId, sectionTitleId, type SectionHealth } from './labels';
import { SectionCommentButton } from '../comments/editor-bindings';

/** A numbered brief section: heading, help text and the section's editor. */
export function SectionFrame({
  section,
  number,
  health,
  children,
}: {
  section: SectionSpec;
  number: number;
  health: SectionHealth;
  children: ReactNode;
}) {
  return (
    <section
      id={sectionDomId(section.key)}
      className="brief-section"
      data-section={section.key}
      data-kind={section.kind}
      data-health={health}
      aria-labelledby={sectionTitleId(section.key)}
    >
      <header className="brief-section-header">
        <span className="brief-section-number" aria-hidden="true">
          {number}
        </span>
        <div className="brief-section-heading">
          <h3 id={sectionTitleId(section.key)} className="brief-section-title" tabIndex={-1}>
            {section.title}
          </h3>
          <p id={sectionHelpId(section.key)} className="brief-section-help">
            {section.help}
          </p>
        </div>
        <SectionCommentButton section={section.key} title={section.title} />
      </header>
      {children}
    </section>
  );
}
