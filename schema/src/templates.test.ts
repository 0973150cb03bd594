import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SECTION_KEYS } from './brief.js';
import { readBrief } from './brief-content.js';
import { writeBriefSections } from './brief-write.js';
import { evaluateReadiness } from './readiness.js';
import { BRIEF_TEMPLATES, templateBrief } from './templates.js';

const TODAY = '2026-12-03';

describe('starter templates', () => {
  it('are the five of the gallery', () => {
    expect(BRIEF_TEMPLATES.map((template) => template.key)).toEqual([
      'rag-assistant',
      'classification-model',
      'forecasting',
      'data-labelling',
      'llm-evaluation',
    ]);
  });

  for (const template of BRIEF_TEMPLATES) {
    it(`${template.key} passes every readiness check on the brief, written and read back`, () => {
      const doc = new Y.Doc();
      let n = 0;
      writeBriefSections(doc, templateBrief(template, TODAY), SECTION_KEYS, () => `id-${++n}`);
      const brief = readBrief(doc);
      const readiness = evaluateReadiness(brief, { today: TODAY });
      expect(readiness.checks.filter((check) => !check.passed)).toEqual([]);
      expect(readiness.ready).toBe(true);
      for (const key of SECTION_KEYS) {
        const value = brief[key];
        if (Array.isArray(value)) expect(value.length, key).toBeGreaterThan(0);
        else if ('content' in value) expect(String(value.text).length, key).toBeGreaterThan(20);
        else
          expect(
            Object.values(value).every((field) => field !== null && field !== ''),
            key,
          ).toBe(true);
      }
      expect(brief.milestones.every((m) => (m.revisionRounds as number) >= 1)).toBe(true);
      expect(new Set(brief.team.map((row) => row.member)).size).toBe(brief.team.length);
      expect(brief.dataReadiness.access).toBe('GRANTED');
    });
  }

  it('counts milestone due dates from the given day, so they never go stale', () => {
    const brief = templateBrief(BRIEF_TEMPLATES[0]!, '2030-01-30');
    expect(brief.milestones[0]!.dueDate).toBe('2030-02-13');
    const later = evaluateReadiness(brief, { today: '2030-01-30' });
    expect(later.checks.find((check) => check.key === 'timeline-sane')?.passed).toBe(true);
  });
});

describe('writeBriefSections', () => {
  it('writes only the chosen sections, with fresh item ids and marks kept', () => {
    const source = templateBrief(BRIEF_TEMPLATES[1]!, TODAY);
    source.outcome = {
      text: 'Bold start',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bold start', marks: [{ type: 'bold' }] }] }],
    };
    const doc = new Y.Doc();
    let n = 0;
    writeBriefSections(doc, source, ['outcome', 'team'], () => `fresh-${++n}`);
    const brief = readBrief(doc);
    expect(brief.outcome).toEqual(source.outcome);
    expect(brief.team.map(({ id, ...row }) => row)).toEqual(source.team.map(({ id, ...row }) => row));
    expect(brief.team.every((row) => row.id?.startsWith('fresh-'))).toBe(true);
    expect(brief.milestones).toEqual([]);
    expect(brief.scope.text).toBe('');
  });
});
