import { useState } from 'react';
import type * as Y from 'yjs';
import {
  type ListSection as ListSectionSpec,
  type MapSection as MapSectionSpec,
  readTrial,
  TRIAL_FIELDS,
  TRIAL_MAP_KEY,
  TRIAL_MAX_DAYS,
  TRIAL_RUBRIC_FIELDS,
  TRIAL_RUBRIC_KEY,
} from '@brieflock/schema';
import { useYObserve } from '../collab/hooks';
import { ListSection } from './ListSection';
import { MapSection } from './MapSection';

/** The trial's fields as the editor shows them; the result note is the server's to write, on acceptance. */
const TRIAL_FORM: MapSectionSpec = {
  key: TRIAL_MAP_KEY,
  kind: 'map',
  title: 'Trial task',
  help: `A paid task of at most ${TRIAL_MAX_DAYS} days that shows the freelancer's skills.`,
  fields: TRIAL_FIELDS.filter((field) => field.key !== 'scoreNote'),
};

const RUBRIC: ListSectionSpec = {
  key: TRIAL_RUBRIC_KEY,
  kind: 'list',
  title: 'Rubric criteria',
  help: 'What the trial is scored on; the weights add up to 100.',
  itemFields: TRIAL_RUBRIC_FIELDS,
};

/**
 * The structured trial of the validation section, below its text: task, pay, time box
 * and a weighted rubric, and once the trial was accepted, its score and the client's
 * note. Nobody has to have one: until someone writes it, the section offers to add one.
 */
export function TrialSection({ doc, readOnly }: { doc: Y.Doc; readOnly: boolean }) {
  const map = doc.getMap<unknown>(TRIAL_MAP_KEY);
  const rubric = doc.getArray<unknown>(TRIAL_RUBRIC_KEY);
  useYObserve(map, true);
  useYObserve(rubric, true);
  const [opened, setOpened] = useState(false);
  const trial = readTrial(doc);

  if (!trial && !opened) {
    if (readOnly) return null;
    return (
      <div className="trial-offer">
        <button type="button" className="button button-secondary button-small" onClick={() => setOpened(true)}>
          Add a structured trial task
        </button>
      </div>
    );
  }
  const total = (trial?.rubric ?? []).reduce((sum, row) => sum + (row.weight ?? 0), 0);
  return (
    <section className="trial-section" aria-label="Trial task">
      <h3 className="trial-heading">Trial task</h3>
      <p className="section-help">{TRIAL_FORM.help}</p>
      <MapSection section={TRIAL_FORM} doc={doc} readOnly={readOnly} annotated={false} />
      <h4 className="trial-heading">Rubric</h4>
      <ListSection section={RUBRIC} doc={doc} readOnly={readOnly} annotated={false} />
      <p className="trial-weights" aria-live="polite" data-complete={String(total === 100)}>
        {total === 100 ? 'The weights add up to 100.' : `The weights add up to ${total}; they must add up to 100.`}
      </p>
      {trial?.score != null && (
        <div className="trial-result" data-trial-result>
          <strong>Trial result: {trial.score} / 100</strong>
          {trial.scoreNote.trim() !== '' && <p>{trial.scoreNote}</p>}
        </div>
      )}
    </section>
  );
}
