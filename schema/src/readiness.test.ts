import { describe, expect, it } from 'vitest';
import { completeBrief, paragraphs } from '../../test/support/brief.js';
import { SECTION_KEYS } from './brief.js';
import type { ListItem, TrialValue, TypedBriefContent } from './brief-content.js';
import {
  evaluateReadiness,
  failingBlockers,
  hasRealText,
  READINESS_CHECK_KEYS,
  READINESS_FACT_CHECK_KEYS,
  type Readiness,
  type Severity,
} from './readiness.js';

/** A trial that passes `trial-sound`: paid, time-boxed, weights adding up to 100. */
const soundTrial = (): TrialValue => ({
  task: 'Label 200 support tickets and report the agreement rate',
  paidAmount: 'EUR 600',
  timeBoxDays: 5,
  rubric: [
    { id: 'r-1', criterion: 'Label accuracy against the gold set', weight: 60 },
    { id: 'r-2', criterion: 'Clarity of the written report', weight: 40 },
  ],
  score: null,
  scoreNote: '',
});

/** Every due date of the complete brief is after this day and none after the next. */
const TODAY = '2030-06-01';

/** The complete brief with one change applied. */
const broken = (change: (brief: TypedBriefContent) => void): TypedBriefContent => {
  const brief = completeBrief();
  change(brief);
  return brief;
};
const check = (readiness: Readiness, key: string) => {
  const found = readiness.checks.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no check ${key}`);
  return found;
};
const failing = (brief: TypedBriefContent, today = TODAY) =>
  evaluateReadiness(brief, { today })
    .checks.filter((candidate) => !candidate.passed)
    .map((candidate) => candidate.key);
const milestone = (overrides: Partial<ListItem>): ListItem => ({
  id: null,
  title: 'Extra',
  dueDate: '2099-12-01',
  acceptanceCriteria: 'Signed off by the client',
  revisionRounds: 1,
  payment: '10%',
  ...overrides,
});

type Change = (brief: TypedBriefContent) => void;
/**
 * Per check: its severity and changes that make it fail. Each change breaks exactly
 * that check, except for the other checks it names as necessarily failing with it.
 */
const CASES: Record<string, { severity: Severity; failsWhen: [string, Change, string[]?][] }> = {
  'outcome-defined': {
    severity: 'BLOCKER',
    failsWhen: [
      ['the outcome is empty', (b) => (b.outcome = paragraphs())],
      ['the outcome is "TBD"', (b) => (b.outcome = paragraphs('TBD'))],
      ['the outcome is placeholder Latin', (b) => (b.outcome = paragraphs('Lorem ipsum dolor sit amet, consectetur'))],
      ['the outcome is too short to say anything', (b) => (b.outcome = paragraphs('Less churn.'))],
      ['the outcome has no letters', (b) => (b.outcome = paragraphs('10% -> 5% ... 2024/2025 ??'))],
    ],
  },
  'metrics-measurable': {
    severity: 'BLOCKER',
    failsWhen: [
      ['there is no metric', (b) => (b.successMetrics = [])],
      ['the only metric has no target', (b) => (b.successMetrics[0]!.target = '')],
      ['the only target is blank', (b) => (b.successMetrics[0]!.target = '   ')],
      ['the only metric has no name', (b) => (b.successMetrics[0]!.name = '')],
    ],
  },
  'deliverables-listed': {
    severity: 'BLOCKER',
    failsWhen: [
      ['there is no deliverable', (b) => (b.deliverables = [])],
      ['the only deliverable has no title', (b) => (b.deliverables[0]!.title = ' ')],
    ],
  },
  'data-assessed': {
    severity: 'BLOCKER',
    failsWhen: [
      ['no data source is named', (b) => (b.dataReadiness.sources = '')],
      ['quality is UNKNOWN', (b) => (b.dataReadiness.quality = 'UNKNOWN')],
      ['quality is not set', (b) => (b.dataReadiness.quality = null)],
    ],
  },
  'milestones-accepted': {
    severity: 'BLOCKER',
    failsWhen: [
      [
        'there is no milestone',
        (b) => {
          b.milestones = [];
        },
        ['iteration-room', 'payment-terms'],
      ],
      ['a milestone has no due date', (b) => (b.milestones[1]!.dueDate = null)],
      ['a milestone has no acceptance criteria', (b) => (b.milestones[0]!.acceptanceCriteria = '')],
    ],
  },
  'ip-owner': { severity: 'BLOCKER', failsWhen: [['nobody owns the IP', (b) => (b.ownership.ipOwner = null)]] },
  confidentiality: {
    severity: 'BLOCKER',
    failsWhen: [
      ['confidentiality is not written down', (b) => (b.ownership.confidentiality = '')],
      ['data use is not written down', (b) => (b.ownership.dataUse = ' ')],
    ],
  },
  'scope-boundaries': {
    severity: 'WARNING',
    failsWhen: [
      ['out of scope is empty', (b) => (b.outOfScope = paragraphs())],
      ['out of scope says "None"', (b) => (b.outOfScope = paragraphs('None'))],
      ['out of scope says "to be defined"', (b) => (b.outOfScope = paragraphs('to be defined'))],
    ],
  },
  'data-access': {
    severity: 'WARNING',
    failsWhen: [
      ['access is only REQUESTED', (b) => (b.dataReadiness.access = 'REQUESTED')],
      ['access is NOT_REQUESTED', (b) => (b.dataReadiness.access = 'NOT_REQUESTED')],
      ['access is not set', (b) => (b.dataReadiness.access = null)],
    ],
  },
  'skills-validated': {
    severity: 'WARNING',
    failsWhen: [
      ['validation is empty', (b) => (b.validation = paragraphs())],
      ['validation says "To be determined"', (b) => (b.validation = paragraphs('To be determined'))],
      ['validation says "To be determined." with a full stop', (b) => (b.validation = paragraphs('To be determined.'))],
      ['validation is a row of x', (b) => (b.validation = paragraphs('xxxxxxxxxxxxxxxx'))],
    ],
  },
  'trial-sound': {
    severity: 'BLOCKER',
    failsWhen: [
      ['the trial has no task', (b) => (b.validation = { ...b.validation, trial: { ...soundTrial(), task: '' } })],
      [
        'the trial pays nothing',
        (b) => (b.validation = { ...b.validation, trial: { ...soundTrial(), paidAmount: ' ' } }),
      ],
      [
        'the trial runs longer than two weeks',
        (b) => (b.validation = { ...b.validation, trial: { ...soundTrial(), timeBoxDays: 15 } }),
      ],
      [
        'the trial has no time box',
        (b) => (b.validation = { ...b.validation, trial: { ...soundTrial(), timeBoxDays: null } }),
      ],
      ['the trial has no rubric', (b) => (b.validation = { ...b.validation, trial: { ...soundTrial(), rubric: [] } })],
      [
        'the rubric weights add up to 90',
        (b) => {
          const trial = soundTrial();
          trial.rubric[0]!.weight = 50;
          b.validation = { ...b.validation, trial };
        },
      ],
      [
        'a rubric criterion has no weight',
        (b) => {
          const trial = soundTrial();
          trial.rubric[1]!.weight = null;
          b.validation = { ...b.validation, trial };
        },
      ],
    ],
  },
  'iteration-room': {
    severity: 'WARNING',
    failsWhen: [
      ['a milestone allows no revision round', (b) => (b.milestones[0]!.revisionRounds = 0)],
      ['a milestone does not say how many rounds', (b) => (b.milestones[1]!.revisionRounds = null)],
      ['a milestone has a negative number of rounds', (b) => (b.milestones[1]!.revisionRounds = -1)],
    ],
  },
  'timeline-sane': {
    severity: 'WARNING',
    failsWhen: [
      ['a due date is not a calendar date', (b) => (b.milestones[1]!.dueDate = '2099-02-30')],
      ['a due date is words', (b) => (b.milestones[1]!.dueDate = 'end of Q2')],
      ['a due date is in the past', (b) => (b.milestones[0]!.dueDate = '2030-05-31')],
      ['a milestone is due before the one above it', (b) => (b.milestones[1]!.dueDate = '2099-02-28')],
    ],
  },
  'communication-agreed': {
    severity: 'WARNING',
    failsWhen: [
      ['no cadence is agreed', (b) => (b.communication.cadence = '')],
      ['the cadence is blank', (b) => (b.communication.cadence = '  ')],
    ],
  },
  'metrics-baselined': {
    severity: 'WARNING',
    failsWhen: [
      ['a metric has no baseline', (b) => (b.successMetrics[0]!.baseline = '')],
      ['a metric does not say how it is measured', (b) => (b.successMetrics[0]!.measurement = '')],
    ],
  },
  'deliverables-acceptance': {
    severity: 'WARNING',
    failsWhen: [['a deliverable has no acceptance terms', (b) => (b.deliverables[0]!.acceptance = '')]],
  },
  'model-owner': {
    severity: 'WARNING',
    failsWhen: [['nobody owns the model', (b) => (b.ownership.modelOwner = null)]],
  },
  specialists: {
    severity: 'INFO',
    failsWhen: [
      ['nobody is on the team', (b) => (b.team = [])],
      [
        'one member does data, modelling and deployment in one row',
        (b) =>
          (b.team = [
            {
              id: null,
              role: 'AI engineer',
              responsibility: 'Data pipelines, model training and deployment',
              member: 'Sam',
            },
          ]),
      ],
      [
        'one member does data, modelling and deployment across rows, however the name is written',
        (b) => {
          b.team[0]!.member = 'Sam';
          b.team[1]!.member = ' sam ';
          b.team[2]!.member = 'SAM';
        },
      ],
    ],
  },
  'payment-terms': {
    severity: 'INFO',
    failsWhen: [
      ['a milestone carries no payment', (b) => (b.milestones[1]!.payment = '')],
      [
        'there is no milestone',
        (b) => {
          b.milestones = [];
        },
        ['milestones-accepted', 'iteration-room'],
      ],
    ],
  },
};

describe('the complete brief', () => {
  it('passes every check, is ready and scores 100', () => {
    const readiness = evaluateReadiness(completeBrief(), { today: TODAY });
    expect(readiness.checks.filter((candidate) => !candidate.passed)).toEqual([]);
    expect(readiness.ready).toBe(true);
    expect(readiness.score).toBe(100);
    expect(failingBlockers(readiness)).toEqual([]);
  });

  it('has a test case for every check in readiness.ts, with the severity it declares', () => {
    expect(Object.keys(CASES).sort()).toEqual([...READINESS_CHECK_KEYS].sort());
    const readiness = evaluateReadiness(completeBrief(), { today: TODAY });
    expect(Object.fromEntries(readiness.checks.map((candidate) => [candidate.key, candidate.severity]))).toEqual(
      Object.fromEntries(Object.entries(CASES).map(([key, spec]) => [key, spec.severity])),
    );
  });

  it('names a released section and the missteps of the seed article for every check', () => {
    for (const result of evaluateReadiness(completeBrief(), { today: TODAY }).checks) {
      expect(SECTION_KEYS, result.key).toContain(result.section);
      expect(result.missteps.length, result.key).toBeGreaterThan(0);
      for (const misstep of result.missteps)
        expect(misstep >= 1 && misstep <= 10, `${result.key}: ${misstep}`).toBe(true);
    }
  });
});

describe.each(Object.entries(CASES))('the %s check', (key, { severity, failsWhen }) => {
  it.each(failsWhen)(`fails when %s`, (_when, change, alsoFailing = []) => {
    const before = evaluateReadiness(completeBrief(), { today: TODAY });
    const after = evaluateReadiness(broken(change), { today: TODAY });
    expect(failing(broken(change)).sort()).toEqual([key, ...alsoFailing].sort());
    const result = check(after, key);
    expect(result.severity).toBe(severity);
    expect(result.message).not.toBe(check(before, key).message);
    expect(result.message.length).toBeGreaterThan(10);
    // Only a failing BLOCKER stops a freeze; the score drops whatever fails.
    const blockers = after.checks
      .filter((candidate) => !candidate.passed && candidate.severity === 'BLOCKER')
      .map((candidate) => candidate.key);
    expect(after.ready).toBe(blockers.length === 0);
    expect(after.ready).toBe(severity !== 'BLOCKER' && !alsoFailing.includes('milestones-accepted'));
    expect(failingBlockers(after)).toEqual(blockers);
    expect(after.score).toBeLessThan(100);
  });
});

describe('ready and the score', () => {
  it('is not ready when several BLOCKERs fail, and failingBlockers names them in check order', () => {
    const brief = broken((b) => {
      b.ownership.ipOwner = null;
      b.outcome = paragraphs();
      b.communication.cadence = '';
    });
    const readiness = evaluateReadiness(brief, { today: TODAY });
    expect(readiness.ready).toBe(false);
    expect(failingBlockers(readiness)).toEqual(['outcome-defined', 'ip-owner']);
  });

  it('stays ready when every WARNING and INFO fails but no BLOCKER does', () => {
    const brief = broken((b) => {
      b.outOfScope = paragraphs();
      b.validation = paragraphs();
      b.dataReadiness.access = null;
      b.communication.cadence = '';
      b.team = [];
      b.ownership.modelOwner = null;
      b.successMetrics[0]!.baseline = '';
      b.deliverables[0]!.acceptance = '';
      b.milestones[0]!.revisionRounds = 0;
      b.milestones[0]!.payment = '';
      b.milestones[1]!.dueDate = '2030-01-01';
    });
    const readiness = evaluateReadiness(brief, { today: TODAY });
    expect(
      readiness.checks.filter((candidate) => !candidate.passed).every((candidate) => candidate.severity !== 'BLOCKER'),
    ).toBe(true);
    expect(readiness.checks.filter((candidate) => !candidate.passed)).toHaveLength(11);
    expect(readiness.ready).toBe(true);
    expect(failingBlockers(readiness)).toEqual([]);
    expect(readiness.score).toBeLessThan(60);
  });

  it('weighs a failing BLOCKER more than a WARNING and a WARNING more than an INFO (3, 2, 1)', () => {
    const weight = { BLOCKER: 3, WARNING: 2, INFO: 1 };
    const total = Object.values(CASES).reduce((sum, spec) => sum + weight[spec.severity], 0);
    const blocker = evaluateReadiness(broken(CASES['ip-owner']!.failsWhen[0]![1]), { today: TODAY }).score;
    const warning = evaluateReadiness(broken(CASES['model-owner']!.failsWhen[0]![1]), { today: TODAY }).score;
    const info = evaluateReadiness(broken(CASES['payment-terms']!.failsWhen[0]![1]), { today: TODAY }).score;
    expect([blocker, warning, info]).toEqual([
      Math.round(((total - 3) / total) * 100),
      Math.round(((total - 2) / total) * 100),
      Math.round(((total - 1) / total) * 100),
    ]);
    expect(blocker).toBeLessThan(warning);
    expect(warning).toBeLessThan(info);
  });

  it('scores the empty brief near zero and not ready, with every BLOCKER but the trial failing', () => {
    const empty = broken((b) => {
      b.outcome = paragraphs();
      b.successMetrics = [];
      b.scope = paragraphs();
      b.outOfScope = paragraphs();
      b.deliverables = [];
      b.dataReadiness = { sources: '', quality: null, access: null, owner: '', notes: '' };
      b.validation = paragraphs();
      b.team = [];
      b.milestones = [];
      b.ownership = { ipOwner: null, modelOwner: null, confidentiality: '', dataUse: '', license: '' };
      b.communication = { cadence: '', channel: '', responseTime: '', escalation: '' };
    });
    const readiness = evaluateReadiness(empty, { today: TODAY });
    expect(readiness.ready).toBe(false);
    expect(failingBlockers(readiness)).toEqual(
      Object.entries(CASES)
        // A brief without a structured trial has no trial to be unsound.
        .filter(([key, spec]) => spec.severity === 'BLOCKER' && key !== 'trial-sound')
        .map(([key]) => key),
    );
    // Checks about every item of a list have nothing to be wrong about in an empty list;
    // the BLOCKER on that list reports it missing.
    expect(readiness.checks.filter((candidate) => candidate.passed).map((candidate) => candidate.key)).toEqual([
      'trial-sound',
      'timeline-sane',
      'metrics-baselined',
      'deliverables-acceptance',
    ]);
    expect(readiness.score).toBe(Math.round(((3 + 3 * 2) * 100) / 44));
  });
});

describe('timeline-sane', () => {
  it('uses the day it is given: the same brief passes today and fails once a due date has passed', () => {
    expect(check(evaluateReadiness(completeBrief(), { today: '2099-03-01' }), 'timeline-sane').passed).toBe(true);
    const late = check(evaluateReadiness(completeBrief(), { today: '2099-03-02' }), 'timeline-sane');
    expect(late.passed).toBe(false);
    expect(late.message).toContain('"Baseline model" is due in the past');
  });

  it('accepts two milestones due on the same day', () => {
    const brief = broken((b) => (b.milestones[1]!.dueDate = b.milestones[0]!.dueDate));
    expect(check(evaluateReadiness(brief, { today: TODAY }), 'timeline-sane').passed).toBe(true);
  });

  it('compares order across an invalid date with the last valid one, and names each problem', () => {
    const brief = broken((b) => {
      b.milestones = [
        milestone({ title: 'First', dueDate: '2099-05-01' }),
        milestone({ title: 'Broken', dueDate: '2099-13-01' }),
        milestone({ title: 'Early', dueDate: '2099-04-01' }),
        milestone({ title: '', dueDate: '2020-01-01' }),
      ];
    });
    const result = check(evaluateReadiness(brief, { today: TODAY }), 'timeline-sane');
    expect(result.passed).toBe(false);
    expect(result.message).toContain('"Broken" has an invalid due date');
    expect(result.message).toContain('"Early" is due before the milestone above it');
    expect(result.message).toContain('#4 is due in the past');
    expect(result.message).not.toContain('"First"');
  });

  it('ignores milestones without a due date (milestones-accepted reports those)', () => {
    const brief = broken((b) => (b.milestones[0]!.dueDate = null));
    expect(check(evaluateReadiness(brief, { today: TODAY }), 'timeline-sane').passed).toBe(true);
    expect(check(evaluateReadiness(brief, { today: TODAY }), 'milestones-accepted').message).toContain(
      '"Baseline model"',
    );
  });
});

describe('specialists', () => {
  it('passes for a split team and fails when one member carries data, modelling and deployment', () => {
    expect(check(evaluateReadiness(completeBrief(), { today: TODAY }), 'specialists').passed).toBe(true);
    const alone = broken(
      (b) =>
        (b.team = [
          {
            id: null,
            role: 'AI engineer',
            responsibility: 'Data pipelines, model training and deployment',
            member: 'Sam',
          },
        ]),
    );
    const result = check(evaluateReadiness(alone, { today: TODAY }), 'specialists');
    expect(result.passed).toBe(false);
    expect(result.message).toMatch(/"sam" carries data, modelling and deployment alone/i);
  });

  it('passes when one member covers two of the three and another covers the third', () => {
    const brief = broken((b) => {
      b.team = [
        { id: null, role: 'Data scientist', responsibility: 'Data cleaning and model training', member: 'Ana' },
        { id: null, role: 'MLOps engineer', responsibility: 'Deployment and monitoring', member: 'Ben' },
      ];
    });
    expect(check(evaluateReadiness(brief, { today: TODAY }), 'specialists').passed).toBe(true);
  });
});

describe('placeholder text', () => {
  it.each([
    'TBD',
    'tbd',
    'TBA',
    'TODO',
    'N/A',
    'n/a',
    'none',
    '---',
    '...',
    '???',
    'xxx',
    'To be decided',
    'to be determined',
    'TBD.',
    'To be determined.',
    '  TBD  ',
  ])('%o does not count as real text', (text) => {
    expect(hasRealText(text, 1)).toBe(false);
  });

  it.each(['Yes', 'Weekly demo', 'None of the legacy reports'])('%o counts as real text', (text) => {
    expect(hasRealText(text, 1)).toBe(true);
  });

  it('does not count text shorter than the minimum, or without a letter', () => {
    expect(hasRealText('Short', 12)).toBe(false);
    expect(hasRealText('Long enough words', 12)).toBe(true);
    expect(hasRealText('1234567890 123', 12)).toBe(false);
    expect(hasRealText(null)).toBe(false);
  });
});

describe('checks on facts held apart from the brief', () => {
  it('leaves out a check whose fact was not supplied', () => {
    const keys = evaluateReadiness(completeBrief(), { today: TODAY }).checks.map((candidate) => candidate.key);
    for (const key of READINESS_FACT_CHECK_KEYS) expect(keys).not.toContain(key);
  });

  it('passes comments-resolved with no open thread and keeps the score at 100', () => {
    const readiness = evaluateReadiness(completeBrief(), { today: TODAY, openThreads: 0 });
    const result = check(readiness, 'comments-resolved');
    expect(result).toMatchObject({ passed: true, severity: 'WARNING', section: 'comments' });
    expect(readiness.score).toBe(100);
  });

  it('fails comments-resolved as a WARNING while a thread is open, saying how many and what to do', () => {
    const one = evaluateReadiness(completeBrief(), { today: TODAY, openThreads: 1 });
    expect(check(one, 'comments-resolved')).toMatchObject({ passed: false, severity: 'WARNING' });
    expect(check(one, 'comments-resolved').message).toMatch(/^1 comment thread is still open: .*resolve it/);
    expect(
      check(evaluateReadiness(completeBrief(), { today: TODAY, openThreads: 3 }), 'comments-resolved').message,
    ).toMatch(/^3 comment threads are still open/);
    // A WARNING lowers the score but never stops a freeze.
    expect(one.ready).toBe(true);
    expect(failingBlockers(one)).toEqual([]);
    expect(one.score).toBeLessThan(100);
  });

  it('fails suggestions-settled as a BLOCKER while a suggestion is open, and passes once none is', () => {
    const open = evaluateReadiness(completeBrief(), { today: TODAY, openSuggestions: 2 });
    expect(check(open, 'suggestions-settled')).toMatchObject({
      passed: false,
      severity: 'BLOCKER',
      section: 'suggestions',
    });
    expect(check(open, 'suggestions-settled').message).toMatch(/^2 suggestions are still open: accept or reject them/);
    expect(open.ready).toBe(false);
    expect(failingBlockers(open)).toEqual(['suggestions-settled']);
    const settled = evaluateReadiness(completeBrief(), { today: TODAY, openSuggestions: 0 });
    expect(check(settled, 'suggestions-settled').passed).toBe(true);
    expect(settled.ready).toBe(true);
  });
});
