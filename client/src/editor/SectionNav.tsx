import type { MouseEvent } from 'react';
import type { Readiness } from '@brieflock/schema';
import { HEALTH_TEXT, SECTIONS, sectionDomId, sectionHealth } from './labels';

/** Jump links to every section, each with a dot for its worst failing readiness check. */
export function SectionNav({ readiness, onSelect }: { readiness: Readiness; onSelect: (key: string) => void }) {
  const go = (event: MouseEvent<HTMLAnchorElement>, key: string) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    // Scroll and move focus without a hash change, which the history router would treat as navigation.
    event.preventDefault();
    onSelect(key);
  };
  return (
    <nav className="section-nav" aria-label="Brief sections">
      <ol>
        {SECTIONS.map((section, index) => {
          const health = sectionHealth(readiness, section.key);
          return (
            <li key={section.key}>
              <a
                href={`#${sectionDomId(section.key)}`}
                className="section-nav-link"
                data-nav-section={section.key}
                data-health={health}
                onClick={(event) => go(event, section.key)}
              >
                <span className="section-nav-number" aria-hidden="true">
                  {index + 1}
                </span>
                <span className="section-nav-title">{section.title}</span>
                <span className={`health-dot health-${health}`} aria-hidden="true" />
                <span className="visually-hidden"> ({HEALTH_TEXT[health]})</span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
