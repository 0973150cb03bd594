import { isIsoDate, type ListItem, type TrialValue, type TypedBriefContent } from './brief-content.js';
import { TRIAL_MAX_DAYS } from './brief.js';

export const SEVERITIES = ['BLOCKER', 'WARNING', 'INFO'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface CheckResult {
  key: string;
  severity: Severity;
  passed: boolean;
  /** What the parties should do; when the check passes, what it confirmed. */
  message: string;
  /** The section a user fixes this in. */
  section: string;
  /** The misstep numbers of the seed article this check answers. */
  missteps: readonly number[];
}

export interface Readiness {
  /** No BLOCKER fails: the brief may be frozen. */
  ready: boolean;
  /** 0–100, weighted by severity (BLOCKER 3, WARNING 2, INFO 1). */
  score: number;
  checks: CheckResult[];
}

interface CheckSpec {
  key: string;
  severity: Severity;
  section: string;
  missteps: readonly number[];
  /** Returns null when the check passes, or the message telling what is missing. */
  run(brief: TypedBriefContent, today: string): string | null;
  passed: string;
}

/** Text that says something: at least a few words, not a placeholder. */
const PLACEHOLDER = /^(tbd|tba|todo|n\/?a|none|-+|\.+|\?+|x+|lorem ipsum.*|to be (decided|defined|determined))$/i;
export function hasRealText(text: string | null | undefined, minChars = 12): boolean {
  const value = (text ?? '').replace(/\s+/g, ' ').trim();
  // "TBD." and "To be determined." are as empty as "TBD".
  const bare = value.replace(/[.!]+$/, '');
  return value.length >= minChars && !PLACEHOLDER.test(value) && !PLACEHOLDER.test(bare) && /\p{L}/u.test(value);
}

const filled = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';
const itemLabel = (item: ListItem, field: string, index: number) =>
  filled(item[field]) ? `"${String(item[field]).trim()}"` : `#${index + 1}`;

/** Labels (by `labelField`, else the position) of the items that fail `ok`. */
const failing = (items: ListItem[], labelField: string, ok: (item: ListItem) => boolean): string[] =>
  items.flatMap((item, index) => (ok(item) ? [] : [itemLabel(item, labelField, index)]));

/**
 * What is wrong with a structured trial, or null when there is none or it is sound: a
 * task, a paid amount, a time box of 1 to 14 days and a rubric whose weights add up to 100.
 */
function trialProblem(trial: TrialValue | undefined): string | null {
  if (!trial) return null;
  const problems: string[] = [];
  if (!hasRealText(trial.task)) problems.push('describe the trial task');
  if (!filled(trial.paidAmount)) problems.push('say what the trial pays');
  if (trial.timeBoxDays === null || trial.timeBoxDays < 1 || trial.timeBoxDays > TRIAL_MAX_DAYS)
    problems.push(`time-box it to between 1 and ${TRIAL_MAX_DAYS} days`);
  const criteria = trial.rubric.filter((row) => filled(row.criterion));
  if (criteria.length === 0) problems.push('list the rubric criteria it is scored against');
  else if (trial.rubric.some((row) => row.weight === null || row.weight <= 0))
    problems.push('give every rubric criterion a positive weight');
  else {
    const total = trial.rubric.reduce((sum, row) => sum + (row.weight ?? 0), 0);
    if (total !== 100) problems.push(`make the rubric weights add up to 100 (they add up to ${total})`);
  }
  return problems.length === 0 ? null : `The trial task is not ready: ${problems.join('; ')}.`;
}

const SPECIALITIES: Record<string, RegExp> = {
  data: /\b(data|etl|pipeline|label|annotat|warehouse|sql)/i,
  modelling: /\b(model|ml\b|machine learning|train|fine-?tun|llm|ai\b|scien)/i,
  deployment: /\b(deploy|mlops|ops\b|devops|production|infra|serv|monitor|platform|integrat)/i,
};

const CHECKS: CheckSpec[] = [
  {
    key: 'outcome-defined',
    severity: 'BLOCKER',
    section: 'outcome',
    missteps: [3],
    run: (b) =>
      hasRealText(b.outcome.text, 20)
        ? null
        : 'Describe the business problem and the outcome the work should create, in at least a sentence.',
    passed: 'The outcome is described.',
  },
  {
    key: 'metrics-measurable',
    severity: 'BLOCKER',
    section: 'successMetrics',
    missteps: [2],
    run: (b) =>
      b.successMetrics.some((m) => filled(m.name) && filled(m.target))
        ? null
        : 'Add at least one success metric with a name and a target value.',
    passed: 'Success is measured against a target.',
  },
  {
    key: 'deliverables-listed',
    severity: 'BLOCKER',
    section: 'deliverables',
    missteps: [3],
    run: (b) =>
      b.deliverables.some((d) => filled(d.title)) ? null : 'List at least one concrete deliverable with a title.',
    passed: 'Deliverables are listed.',
  },
  {
    key: 'data-assessed',
    severity: 'BLOCKER',
    section: 'dataReadiness',
    missteps: [4],
    run: (b) => {
      const missing: string[] = [];
      if (!filled(b.dataReadiness.sources)) missing.push('name the data sources');
      if (!b.dataReadiness.quality || b.dataReadiness.quality === 'UNKNOWN') missing.push('assess their quality');
      return missing.length === 0 ? null : `Data readiness: ${missing.join(' and ')}.`;
    },
    passed: 'Data sources are named and their quality assessed.',
  },
  {
    key: 'milestones-accepted',
    severity: 'BLOCKER',
    section: 'milestones',
    missteps: [3, 8],
    run: (b) => {
      if (b.milestones.length === 0) return 'Add at least one milestone with a due date and acceptance criteria.';
      const bad = failing(b.milestones, 'title', (m) => m.dueDate !== null && filled(m.acceptanceCriteria));
      return bad.length === 0
        ? null
        : `Give every milestone a due date and acceptance criteria (missing on ${bad.join(', ')}).`;
    },
    passed: 'Every milestone has a due date and acceptance criteria.',
  },
  {
    key: 'ip-owner',
    severity: 'BLOCKER',
    section: 'ownership',
    missteps: [9],
    run: (b) =>
      b.ownership.ipOwner
        ? null
        : 'Decide who owns the intellectual property of the work (client, freelancer or shared).',
    passed: 'IP ownership is decided.',
  },
  {
    key: 'confidentiality',
    severity: 'BLOCKER',
    section: 'ownership',
    missteps: [9],
    run: (b) => {
      const missing: string[] = [];
      if (!filled(b.ownership.confidentiality)) missing.push('confidentiality terms');
      if (!filled(b.ownership.dataUse)) missing.push('how client data may be used');
      return missing.length === 0 ? null : `Write down ${missing.join(' and ')}.`;
    },
    passed: 'Confidentiality and data use are written down.',
  },
  {
    key: 'scope-boundaries',
    severity: 'WARNING',
    section: 'outOfScope',
    missteps: [3, 9],
    run: (b) =>
      hasRealText(b.outOfScope.text, 8)
        ? null
        : 'Say what is explicitly out of scope, so nobody assumes it is included.',
    passed: 'What is out of scope is stated.',
  },
  {
    key: 'data-access',
    severity: 'WARNING',
    section: 'dataReadiness',
    missteps: [4],
    run: (b) =>
      b.dataReadiness.access === 'GRANTED' ? null : 'Data access has not been granted yet; work may stall until it is.',
    passed: 'Data access is granted.',
  },
  {
    key: 'skills-validated',
    severity: 'WARNING',
    section: 'validation',
    missteps: [5],
    run: (b) =>
      hasRealText(b.validation.text) || hasRealText(b.validation.trial?.task)
        ? null
        : "Describe the trial task or case that validated the freelancer's skills, and what it showed.",
    passed: 'Skills were validated on a trial.',
  },
  {
    key: 'trial-sound',
    severity: 'BLOCKER',
    section: 'validation',
    missteps: [5],
    run: (b) => trialProblem(b.validation.trial),
    passed: 'The trial task, if any, is paid, time-boxed and scored against a rubric.',
  },
  {
    key: 'iteration-room',
    severity: 'WARNING',
    section: 'milestones',
    missteps: [8],
    run: (b) => {
      const bad = failing(b.milestones, 'title', (m) => typeof m.revisionRounds === 'number' && m.revisionRounds >= 1);
      if (b.milestones.length === 0) return 'Plan milestones that allow at least one revision round each.';
      return bad.length === 0 ? null : `Allow at least one revision round on ${bad.join(', ')}.`;
    },
    passed: 'Every milestone leaves room for revision.',
  },
  {
    key: 'timeline-sane',
    severity: 'WARNING',
    section: 'milestones',
    missteps: [8],
    run: (b, today) => {
      const problems: string[] = [];
      let previous: string | null = null;
      b.milestones.forEach((m, i) => {
        if (m.dueDate === null) return;
        const label = itemLabel(m, 'title', i);
        if (!isIsoDate(m.dueDate)) problems.push(`${label} has an invalid due date`);
        else {
          if (m.dueDate < today) problems.push(`${label} is due in the past`);
          if (previous !== null && m.dueDate < previous) problems.push(`${label} is due before the milestone above it`);
          previous = m.dueDate;
        }
      });
      return problems.length === 0 ? null : `Fix the timeline: ${problems.join('; ')}.`;
    },
    passed: 'Due dates are valid, in order and ahead.',
  },
  {
    key: 'communication-agreed',
    severity: 'WARNING',
    section: 'communication',
    missteps: [6],
    run: (b) =>
      filled(b.communication.cadence) ? null : 'Agree how often you will check in (a cadence such as "weekly demo").',
    passed: 'A communication cadence is agreed.',
  },
  {
    key: 'metrics-baselined',
    severity: 'WARNING',
    section: 'successMetrics',
    missteps: [2],
    run: (b) => {
      const bad = failing(b.successMetrics, 'name', (m) => filled(m.baseline) && filled(m.measurement));
      return bad.length === 0 ? null : `Give a baseline and how it is measured for ${bad.join(', ')}.`;
    },
    passed: 'Every metric has a baseline and a measurement method.',
  },
  {
    key: 'deliverables-acceptance',
    severity: 'WARNING',
    section: 'deliverables',
    missteps: [3],
    run: (b) => {
      const bad = failing(b.deliverables, 'title', (d) => filled(d.acceptance));
      return bad.length === 0 ? null : `Say how ${bad.join(', ')} will be accepted.`;
    },
    passed: 'Every deliverable has acceptance terms.',
  },
  {
    key: 'model-owner',
    severity: 'WARNING',
    section: 'ownership',
    missteps: [9],
    run: (b) => (b.ownership.modelOwner ? null : 'Decide who owns the trained models and weights.'),
    passed: 'Model ownership is decided.',
  },
  {
    key: 'specialists',
    severity: 'INFO',
    section: 'team',
    missteps: [7],
    run: (b) => {
      if (b.team.length === 0) return 'Name who covers data, modelling and deployment.';
      const byMember = new Map<string, string>();
      for (const row of b.team) {
        const member =
          String(row.member ?? '')
            .trim()
            .toLowerCase() || '(unnamed)';
        byMember.set(member, `${byMember.get(member) ?? ''} ${row.role ?? ''} ${row.responsibility ?? ''}`);
      }
      for (const [member, duties] of byMember) {
        if (Object.values(SPECIALITIES).every((pattern) => pattern.test(duties))) {
          return `${member === '(unnamed)' ? 'One person' : `"${member}"`} carries data, modelling and deployment alone; consider a specialist for one of them.`;
        }
      }
      return null;
    },
    passed: 'Data, modelling and deployment are not all on one person.',
  },
  {
    key: 'payment-terms',
    severity: 'INFO',
    section: 'milestones',
    missteps: [9],
    run: (b) =>
      b.milestones.length > 0 && b.milestones.every((m) => filled(m.payment))
        ? null
        : 'Tie a payment to each milestone.',
    passed: 'Every milestone carries a payment.',
  },
];

/**
 * What a readiness check may know beyond the brief itself: facts only the server holds
 * in its database (the web client mirrors them from the lists it already shows). Each
 * fact is optional; a check whose fact is not supplied is left out of the result, so
 * nobody is told something passes that was never looked at.
 */
export interface ReadinessFacts {
  /** Comment threads of the proposal still OPEN. */
  openThreads?: number;
  /** Suggestions of the proposal still OPEN. */
  openSuggestions?: number;
}

export interface ReadinessOptions extends ReadinessFacts {
  /** The day due dates are compared with (YYYY-MM-DD, UTC); today when left out. */
  today?: string;
}

interface FactCheckSpec {
  key: string;
  severity: Severity;
  /** Where the parties act on it: a section key, or a panel of the page (`comments`, `suggestions`). */
  section: string;
  missteps: readonly number[];
  fact: keyof ReadinessFacts;
  /** Returns null when the check passes, or the message telling what to do. */
  run(value: number): string | null;
  passed: string;
}

/**
 * Checks on facts held apart from the brief. To add one: name its fact in
 * `ReadinessFacts`, add it here, and supply the fact where readiness is evaluated
 * (the server's `readinessFacts`, the web client's `useReadinessFacts`).
 */
const FACT_CHECKS: FactCheckSpec[] = [
  {
    key: 'comments-resolved',
    severity: 'WARNING',
    section: 'comments',
    missteps: [6],
    fact: 'openThreads',
    run: (open) =>
      open === 0
        ? null
        : `${open === 1 ? '1 comment thread is' : `${open} comment threads are`} still open: settle ${open === 1 ? 'it' : 'them'} in the brief, then resolve ${open === 1 ? 'it' : 'them'}, so nothing discussed is left out of the contract.`,
    passed: 'Every comment thread is resolved.',
  },
  {
    key: 'suggestions-settled',
    severity: 'BLOCKER',
    section: 'suggestions',
    missteps: [3, 9],
    fact: 'openSuggestions',
    run: (open) =>
      open === 0
        ? null
        : `${open === 1 ? '1 suggestion is' : `${open} suggestions are`} still open: accept or reject ${open === 1 ? 'it' : 'them'} (or withdraw your own) before freezing, so everyone signs the same text.`,
    passed: 'Every suggestion is settled.',
  },
];

const WEIGHT: Record<Severity, number> = { BLOCKER: 3, WARNING: 2, INFO: 1 };

/** The keys of the checks on the brief alone, in the order they are evaluated. */
export const READINESS_CHECK_KEYS: readonly string[] = CHECKS.map((check) => check.key);

/** The keys of the checks on facts held apart from the brief (see `ReadinessFacts`). */
export const READINESS_FACT_CHECK_KEYS: readonly string[] = FACT_CHECKS.map((check) => check.key);

/** Today's date (UTC) as YYYY-MM-DD. */
export const todayIso = (now: Date = new Date()) => now.toISOString().slice(0, 10);

/**
 * Evaluates the brief against the readiness checks, and the facts supplied against the
 * checks on them. Server and web client run this same code, so the panel in the editor
 * shows exactly what a freeze will decide.
 */
export function evaluateReadiness(brief: TypedBriefContent, options: ReadinessOptions = {}): Readiness {
  const today = options.today ?? todayIso();
  const result = (
    spec: Pick<CheckSpec, 'key' | 'severity' | 'section' | 'missteps' | 'passed'>,
    failure: string | null,
  ) => ({
    key: spec.key,
    severity: spec.severity,
    passed: failure === null,
    message: failure ?? spec.passed,
    section: spec.section,
    missteps: spec.missteps,
  });
  const checks: CheckResult[] = CHECKS.map((spec) => result(spec, spec.run(brief, today)));
  for (const spec of FACT_CHECKS) {
    const value = options[spec.fact];
    if (value !== undefined) checks.push(result(spec, spec.run(value)));
  }
  const total = checks.reduce((sum, check) => sum + WEIGHT[check.severity], 0);
  const earned = checks.reduce((sum, check) => sum + (check.passed ? WEIGHT[check.severity] : 0), 0);
  return {
    ready: checks.every((check) => check.passed || check.severity !== 'BLOCKER'),
    score: Math.round((earned / total) * 100),
    checks,
  };
}

/** Keys of the failing BLOCKER checks (what `BRIEF_NOT_READY` names). */
export const failingBlockers = (readiness: Readiness): string[] =>
  readiness.checks.filter((check) => !check.passed && check.severity === 'BLOCKER').map((check) => check.key);
