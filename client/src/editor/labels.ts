import {
  BRIEF_SECTIONS,
  type CheckResult,
  type FieldSpec,
  type ListSection,
  type Readiness,
  type SectionSpec,
  type Severity,
} from '@brieflock/schema';

export const SECTIONS: readonly SectionSpec[] = BRIEF_SECTIONS;

/** Where checks on facts beside the brief send people (see `ReadinessFacts`). */
const PANEL_TITLES: Readonly<Record<string, string>> = { comments: 'Comments', suggestions: 'Suggestions' };

/** DOM id of a page panel a readiness check may send people to (`brief-panel-comments`). */
export const panelDomId = (key: string) => `brief-panel-${key}`;

function focusPanel(key: string): void {
  const panel = document.getElementById(panelDomId(key));
  panel?.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
  panel?.focus({ preventScroll: true });
}

export const sectionTitle = (key: string): string =>
  SECTIONS.find((section) => section.key === key)?.title ?? PANEL_TITLES[key] ?? key;

export const sectionDomId = (key: string) => `brief-section-${key}`;
export const sectionTitleId = (key: string) => `brief-section-${key}-title`;
export const sectionHelpId = (key: string) => `brief-section-${key}-help`;

/** "NOT_REQUESTED" → "Not requested". */
export function enumLabel(value: string): string {
  const words = value.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A label used mid-sentence: "Due date" → "due date", but acronyms stay ("IP owner"). */
export function midSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label.charAt(0).toLowerCase() + label.slice(1) : label;
}

/** Presentation only: list titles that do not simply lose their plural "s". */
const ITEM_NOUNS: Readonly<Record<string, string>> = { team: 'Team member', validationRubric: 'Criterion' };

/** What one row of a list is called: "Milestones" → "Milestone". */
export function itemNoun(section: ListSection): string {
  const override = ITEM_NOUNS[section.key];
  if (override) return override;
  return section.title.endsWith('s') ? section.title.slice(0, -1) : `${section.title} entry`;
}

/** What one unit of an integer field is called, in "a whole number of …". */
const INTEGER_UNITS: Readonly<Record<string, string>> = { revisionRounds: 'rounds' };

/** Why a number that was typed into an integer field is not stored. */
export function integerProblem(field: FieldSpec): string {
  const unit = INTEGER_UNITS[field.key];
  return `Enter a whole number${unit ? ` of ${unit}` : ''}, 0 or more.`;
}

/** Why a date that was typed is not stored: incomplete, or not on the calendar (30 February). */
export function dateProblem(_field: FieldSpec): string {
  return 'Enter a date that exists, with day, month and a four-digit year.';
}

/** Fields whose answers run to sentences get a textarea. */
const LONG_FIELD =
  /description|acceptance|notes|sources|confidentiality|dataUse|escalation|measurement|responsibility/i;
export const isLongField = (field: FieldSpec) => field.type === 'string' && LONG_FIELD.test(field.key);

export const SEVERITY_LABELS: Record<Severity, string> = { BLOCKER: 'Blocker', WARNING: 'Warning', INFO: 'Info' };
const SEVERITY_RANK: Record<Severity, number> = { BLOCKER: 0, WARNING: 1, INFO: 2 };

/** Failing checks first, worst first; then the passed ones, in their original order. */
export function orderedChecks(checks: readonly CheckResult[]): CheckResult[] {
  return [...checks].sort(
    (a, b) =>
      Number(a.passed) - Number(b.passed) || (a.passed ? 0 : SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]),
  );
}

export type SectionHealth = 'blocker' | 'warning' | 'info' | 'ok' | 'none';

export const HEALTH_TEXT: Record<SectionHealth, string> = {
  blocker: 'has blockers',
  warning: 'has warnings',
  info: 'has suggestions',
  ok: 'checks pass',
  none: 'no checks',
};

/** The worst failing check of a section, for the navigation dots. */
export function sectionHealth(readiness: Readiness, key: string): SectionHealth {
  const checks = readiness.checks.filter((check) => check.section === key);
  if (checks.length === 0) return 'none';
  const failing = checks.filter((check) => !check.passed);
  if (failing.some((check) => check.severity === 'BLOCKER')) return 'blocker';
  if (failing.some((check) => check.severity === 'WARNING')) return 'warning';
  if (failing.length > 0) return 'info';
  return 'ok';
}

const prefersReducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Brings a section into view and puts the keyboard where the fix goes: its first
 * editable control, else its add button, else its heading.
 */
export function focusSection(key: string): void {
  const section = document.getElementById(sectionDomId(key));
  if (!section) {
    focusPanel(key);
    return;
  }
  const target =
    section.querySelector<HTMLElement>(
      '.ProseMirror[contenteditable="true"], input:not(:disabled), textarea:not(:disabled), select:not(:disabled)',
    ) ??
    section.querySelector<HTMLElement>('[data-add-row]:not(:disabled)') ??
    document.getElementById(sectionTitleId(key));
  section.scrollIntoView({ behavior: prefersReducedMotion() ? 'auto' : 'smooth', block: 'start' });
  target?.focus({ preventScroll: true });
}
