import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import {
  type EvidenceBundle,
  EvidenceFormatError,
  type EvidenceReport,
  parseEvidenceBundle,
  type PublishedKey,
  verifyEvidenceBundle,
} from '@brieflock/schema';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { fieldLabel, onlyUnknownKeys, type RecordResult, resultSections } from './results';
import './verify.css';

/** Larger files are refused before reading: no real bundle comes near it. */
const MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

type KeyChoice = 'server' | 'bundle';

type ServerKeys = { kind: 'loading' } | { kind: 'ready'; keys: PublishedKey[] } | { kind: 'failed' };

type Checked =
  | { kind: 'idle' }
  | { kind: 'checking'; fileName: string }
  | { kind: 'refused'; fileName: string; message: string }
  | { kind: 'done'; fileName: string; bundle: EvidenceBundle; report: EvidenceReport; keys: KeyChoice };

/** This server's published keys, which bundles are checked against by default. */
function useServerKeys(): ServerKeys {
  const [state, setState] = useState<ServerKeys>({ kind: 'loading' });
  useEffect(() => {
    let live = true;
    fetch('/.well-known/brieflock-keys', { headers: { accept: 'application/json' } })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const body = (await response.json()) as { keys?: PublishedKey[] };
        if (!Array.isArray(body.keys)) throw new Error('no keys');
        if (live) setState({ kind: 'ready', keys: body.keys });
      })
      .catch(() => {
        if (live) setState({ kind: 'failed' });
      });
    return () => {
      live = false;
    };
  }, []);
  return state;
}

/**
 * `/verify`: anyone, signed in or not, checks an evidence bundle in this browser with
 * the same checker as `pnpm verify --bundle` (schema/). The file never leaves the page.
 */
export default function VerifyPage() {
  useDocumentTitle('Check an evidence bundle');
  const serverKeys = useServerKeys();
  const [choice, setChoice] = useState<KeyChoice>('server');
  const [checked, setChecked] = useState<Checked>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);
  const text = useRef<{ fileName: string; text: string } | null>(null);
  const run = useRef(0);
  const inputId = useId();
  const errorId = useId();

  const keysFor = (keys: KeyChoice): PublishedKey[] | undefined =>
    keys === 'server' && serverKeys.kind === 'ready' ? serverKeys.keys : undefined;

  const check = async (fileName: string, content: string, keys: KeyChoice) => {
    const current = ++run.current;
    setChecked({ kind: 'checking', fileName });
    let bundle: EvidenceBundle;
    try {
      bundle = parseEvidenceBundle(content);
    } catch (error) {
      if (current !== run.current) return;
      const message = error instanceof EvidenceFormatError ? error.message : String(error);
      setChecked({ kind: 'refused', fileName, message: `${fileName}: ${message}` });
      return;
    }
    try {
      const report = await verifyEvidenceBundle(bundle, { pinnedKeys: keysFor(keys) });
      if (current !== run.current) return;
      setChecked({ kind: 'done', fileName, bundle, report, keys: report.keySource === 'pinned' ? 'server' : 'bundle' });
    } catch (error) {
      if (current !== run.current) return;
      setChecked({
        kind: 'refused',
        fileName,
        message: `${fileName} could not be checked in this browser: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  };

  const open = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BUNDLE_BYTES) {
      text.current = null;
      setChecked({
        kind: 'refused',
        fileName: file.name,
        message: `${file.name} is ${Math.round(file.size / 1024 / 1024)} MB: an evidence bundle is far smaller. Choose the .evidence.json file downloaded from a version.`,
      });
      return;
    }
    const content = await file.text();
    text.current = { fileName: file.name, text: content };
    await check(file.name, content, choice);
  };

  // A bundle chosen while the keys were loading was checked against its own: check it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the keys arrive
  useEffect(() => {
    if (serverKeys.kind === 'ready' && choice === 'server' && text.current)
      void check(text.current.fileName, text.current.text, 'server');
  }, [serverKeys.kind]);

  const onChoice = (next: KeyChoice) => {
    setChoice(next);
    if (text.current) void check(text.current.fileName, text.current.text, next);
  };

  const onDrop = (event: DragEvent<HTMLElement>) => {
    event.preventDefault();
    setDragging(false);
    void open(event.dataTransfer.files[0]);
  };

  const refused = checked.kind === 'refused' ? checked.message : null;
  return (
    <div className="page verify-page">
      <header className="page-header">
        <PageHeading>Check an evidence bundle</PageHeading>
        <p className="lead">
          Every contract version in Brieflock can be downloaded as an evidence bundle (“Evidence (JSON)” next to a
          version). Choose or drop one here to check, item by item, that its content, signatures, passkey assertions,
          server signatures and audit trail are exactly as they were recorded. The check runs in this browser: the file
          is not sent anywhere, and no account is needed.
        </p>
      </header>

      <section
        className={`card verify-drop${dragging ? ' verify-drop-active' : ''}`}
        aria-label="Bundle to check"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="verify-drop"
      >
        <label htmlFor={inputId} className="verify-drop-label">
          Choose an evidence bundle (.evidence.json) or drop it here
        </label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          aria-describedby={refused ? errorId : undefined}
          aria-invalid={refused ? true : undefined}
          onChange={(event) => {
            void open(event.currentTarget.files?.[0]);
            // The same file chosen again (after editing it) is read again.
            event.currentTarget.value = '';
          }}
        />
        <fieldset className="verify-keys">
          <legend>Trust server signatures made with</legend>
          <label>
            <input
              type="radio"
              name="verify-keys"
              checked={choice === 'server'}
              disabled={serverKeys.kind !== 'ready'}
              onChange={() => onChoice('server')}
            />
            <span>this server’s published keys</span>
            {serverKeys.kind === 'failed' && <span className="muted"> (could not be loaded)</span>}
            {serverKeys.kind === 'loading' && <span className="muted"> (loading…)</span>}
          </label>
          <label>
            <input
              type="radio"
              name="verify-keys"
              checked={choice === 'bundle' || serverKeys.kind === 'failed'}
              onChange={() => onChoice('bundle')}
            />
            <span>the keys inside the bundle (for a bundle from another Brieflock server)</span>
          </label>
        </fieldset>
        <ErrorAlert id={errorId} message={refused} />
      </section>

      {checked.kind === 'checking' && <Spinner label={`Checking ${checked.fileName}…`} />}
      {checked.kind === 'done' && <Report {...checked} />}
    </div>
  );
}

function Report({
  fileName,
  bundle,
  report,
  keys,
}: {
  fileName: string;
  bundle: EvidenceBundle;
  report: EvidenceReport;
  keys: KeyChoice;
}) {
  const version = bundle.versions.find((item) => item.id === bundle.versionId);
  const sections = resultSections(bundle, report);
  const failed = report.mismatches.length;
  return (
    <section
      className="verify-report stack"
      aria-labelledby="verify-verdict"
      data-testid="verify-report"
      data-ok={report.ok}
    >
      <div className={`alert ${report.ok ? 'alert-success' : 'alert-error'} verify-verdict`} role="status">
        <div className="stack-tight">
          <h2 id="verify-verdict" className="alert-title">
            {report.ok ? 'Verified' : 'Does not verify'}
          </h2>
          <p>
            {bundle.proposal.title || 'Untitled proposal'}, version {version?.number ?? '?'} ({fileName}):{' '}
            {report.ok
              ? `all ${report.checks.length} checks match.`
              : `${failed} of ${report.checks.length} checks fail. The first: ${fieldLabel(report.firstMismatch!.field).toLowerCase()} — ${report.firstMismatch!.message}.`}
          </p>
          <p className="muted">
            Server signatures checked against{' '}
            {keys === 'server' ? 'this server’s published keys' : 'the keys inside the bundle'}.
          </p>
          {!report.ok && keys === 'server' && onlyUnknownKeys(report) && (
            <p>
              Only the server signatures fail, all made with keys this server does not publish. If the bundle comes from
              another Brieflock server, check it against the keys inside the bundle, then compare them with that
              server’s /.well-known/brieflock-keys.
            </p>
          )}
        </div>
      </div>
      {sections.map((section) => (
        <section key={section.key} aria-labelledby={`verify-${section.key}`} className="stack-tight">
          <h3 id={`verify-${section.key}`}>{section.title}</h3>
          <ul className="verify-records">
            {section.records.map((record) => (
              <RecordItem key={record.key} record={record} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function RecordItem({ record }: { record: RecordResult }) {
  const failures = record.checks.filter((check) => !check.ok);
  return (
    <li className={`verify-record ${record.ok ? 'verify-ok' : 'verify-failed'}`} data-ok={record.ok}>
      <details open={!record.ok}>
        <summary>
          <span className={`verify-mark verify-mark-${record.ok ? 'ok' : 'failed'}`} aria-hidden="true">
            {record.ok ? '✓' : '✗'}
          </span>{' '}
          <span className="verify-record-title">{record.title}</span>
          <span className="visually-hidden">{record.ok ? ': matches' : ': does not match'}</span>
          <span className="muted">
            {' '}
            · {record.ok ? `${record.checks.length} checks` : `${failures.length} of ${record.checks.length} fail`}
          </span>
        </summary>
        <ul className="verify-checks">
          {record.checks.map((check, index) => (
            // Checks of one record have no id of their own; their order is fixed by the checker.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={index} className={check.ok ? 'verify-ok' : 'verify-failed'}>
              <span className={`verify-mark verify-mark-${check.ok ? 'ok' : 'failed'}`} aria-hidden="true">
                {check.ok ? '✓' : '✗'}
              </span>{' '}
              <strong>{fieldLabel(check.field)}</strong>: {check.message}
              {!check.ok && (check.expected !== null || check.actual !== null) && (
                <dl className="verify-values">
                  <dt>expected</dt>
                  <dd>
                    <code>{check.expected ?? '—'}</code>
                  </dd>
                  <dt>found</dt>
                  <dd>
                    <code>{check.actual ?? '—'}</code>
                  </dd>
                </dl>
              )}
            </li>
          ))}
        </ul>
      </details>
    </li>
  );
}
