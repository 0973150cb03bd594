import { useId } from 'react';
import type { SectionDiff } from '@brieflock/schema';
import { useQuery } from 'urql';
import { Link } from '@tanstack/react-router';
import { errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Spinner } from '../components/Spinner';
import { plural } from '../plural';
import { SectionDiffView } from './DiffView';
import { CompareVersionsQuery } from '../operations/contract';

interface VersionRef {
  id: string;
  number: number;
}

/**
 * A change order, as its signers must read it: what it changes in the contract in force
 * (the version it amends), section by section, with the full comparison a link away.
 */
export function ChangeOrderDiff({
  proposalId,
  version,
  amends,
}: {
  proposalId: string;
  version: VersionRef;
  amends: VersionRef;
}) {
  const id = useId();
  // Frozen versions never change: the comparison is read from the cache once made.
  const [result] = useQuery({ query: CompareVersionsQuery, variables: { fromId: amends.id, toId: version.id } });
  const answer = result.data?.compareVersions;
  const diff = answer && answer.from.id === amends.id && answer.to.id === version.id ? answer : null;
  const sections = (diff?.sections ?? []) as SectionDiff[];
  const changed = sections.filter((section) => section.changed);

  return (
    <section
      className="section change-order"
      aria-labelledby={`${id}-heading`}
      data-testid="change-order"
      data-amends={amends.number}
    >
      <h2 id={`${id}-heading`} className="section-title" data-testid="change-order-banner">
        Change order — amends version {amends.number}
      </h2>
      <p className="lead">
        Once everyone signs it, this version replaces version {amends.number} as the contract in force. Below is what it
        changes.
      </p>
      {!diff && result.fetching && <Spinner label="Comparing…" />}
      {!diff && !result.fetching && result.error && (
        <ErrorAlert message={`Could not compare with version ${amends.number}: ${errorMessage(result.error)}`} />
      )}
      {diff && (
        <div
          className="diff"
          data-testid="change-order-diff"
          data-from={diff.from.number}
          data-to={diff.to.number}
          data-changed={String(diff.changed)}
        >
          <p className="diff-summary">
            {diff.changed
              ? `${plural(changed.length, 'section', 'sections')} of ${sections.length} changed since version ${amends.number}.`
              : `This version says exactly the same as version ${amends.number}.`}
          </p>
          {changed.map((section) => (
            <SectionDiffView key={section.key} section={section} />
          ))}
        </div>
      )}
      <p>
        <Link
          to="/proposals/$id/compare"
          params={{ id: proposalId }}
          search={{ from: amends.id, to: version.id }}
          data-testid="change-order-compare"
        >
          Compare with version {amends.number} in full
        </Link>
      </p>
    </section>
  );
}
