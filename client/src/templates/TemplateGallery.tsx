import { Suspense, lazy, useId, useState } from 'react';
import { BRIEF_SECTIONS } from '@brieflock/schema';
import { useQuery } from 'urql';
import { TemplatesQuery } from '../operations/templates';

// Loaded when a template or a proposal is chosen to start from, not with the page.
const CreateFromDialog = lazy(() =>
  import('./CreateFromDialog').then((module) => ({ default: module.CreateFromDialog })),
);

/** The starter briefs: each fills every section of the brief and can be started from. */
export function TemplateGallery() {
  const id = useId();
  const [{ data }] = useQuery({ query: TemplatesQuery });
  const [chosen, setChosen] = useState<{ key: string; title: string } | null>(null);
  if (!data) return null;
  return (
    <section className="card" aria-labelledby={`${id}-heading`} data-testid="template-gallery">
      <h2 id={`${id}-heading`} className="card-title">
        Start from a template
      </h2>
      <p className="card-text">
        Complete example briefs with every section filled in ({BRIEF_SECTIONS.map((s) => s.title).join(', ')}), metrics
        with baselines and targets, and milestones dated from today. Edit them to fit your project.
      </p>
      {/* biome-ignore lint/a11y/noRedundantRoles: Safari drops the list role without markers */}
      <ul className="proposal-list" role="list">
        {data.templates.map((template) => (
          <li key={template.key} className="proposal-card">
            <h3 id={`${id}-${template.key}`} className="proposal-card-title">
              {template.title}
            </h3>
            <p>{template.description}</p>
            <button
              type="button"
              className="button button-secondary"
              aria-describedby={`${id}-${template.key}`}
              onClick={() => setChosen({ key: template.key, title: template.title })}
            >
              Start from this template
            </button>
          </li>
        ))}
      </ul>
      {chosen && (
        <Suspense fallback={null}>
          <CreateFromDialog
            source={{ templateKey: chosen.key }}
            heading={`New proposal from “${chosen.title}”`}
            initialTitle={chosen.title}
            onClose={() => setChosen(null)}
          />
        </Suspense>
      )}
    </section>
  );
}
