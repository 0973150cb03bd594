import { describe, expect, it } from 'vitest';
import { BRIEF_SECTIONS, OWNER_PARTY, SECTION_KEYS, type SectionSpec } from './brief.js';
import { canEditWithRole, PARTICIPANT_ROLES } from './roles.js';

const byKey = (key: string): SectionSpec => {
  const section = BRIEF_SECTIONS.find((candidate) => candidate.key === key);
  if (!section) throw new Error(`no section ${key}`);
  return section;
};
const fieldKeys = (section: SectionSpec) =>
  section.kind === 'list'
    ? section.itemFields.map((field) => field.key)
    : section.kind === 'map'
      ? section.fields.map((field) => field.key)
      : [];

describe('the public brief layout', () => {
  it('has the released section keys, in order, each with its kind', () => {
    expect(BRIEF_SECTIONS.map((section) => [section.key, section.kind])).toEqual([
      ['outcome', 'richText'],
      ['successMetrics', 'list'],
      ['scope', 'richText'],
      ['outOfScope', 'richText'],
      ['deliverables', 'list'],
      ['dataReadiness', 'map'],
      ['validation', 'richText'],
      ['team', 'list'],
      ['milestones', 'list'],
      ['ownership', 'map'],
      ['communication', 'map'],
    ]);
    expect(new Set(SECTION_KEYS).size).toBe(SECTION_KEYS.length);
  });

  it('gives lists and maps their released fields', () => {
    expect(fieldKeys(byKey('successMetrics'))).toEqual(['name', 'baseline', 'target', 'measurement']);
    expect(fieldKeys(byKey('deliverables'))).toEqual(['title', 'description', 'acceptance']);
    expect(fieldKeys(byKey('dataReadiness'))).toEqual(['sources', 'quality', 'access', 'owner', 'notes']);
    expect(fieldKeys(byKey('team'))).toEqual(['role', 'responsibility', 'member']);
    expect(fieldKeys(byKey('milestones'))).toEqual([
      'title',
      'dueDate',
      'acceptanceCriteria',
      'revisionRounds',
      'payment',
    ]);
    expect(fieldKeys(byKey('ownership'))).toEqual(['ipOwner', 'modelOwner', 'confidentiality', 'dataUse', 'license']);
    expect(fieldKeys(byKey('communication'))).toEqual(['cadence', 'channel', 'responseTime', 'escalation']);
  });

  it('types dates, integers and enums with their released values', () => {
    const field = (section: string, key: string) => {
      const spec = byKey(section);
      const fields = spec.kind === 'list' ? spec.itemFields : spec.kind === 'map' ? spec.fields : [];
      return fields.find((candidate) => candidate.key === key);
    };
    expect(field('milestones', 'dueDate')?.type).toBe('date');
    expect(field('milestones', 'revisionRounds')?.type).toBe('integer');
    expect(field('dataReadiness', 'quality')).toMatchObject({
      type: 'enum',
      values: ['UNKNOWN', 'POOR', 'FAIR', 'GOOD'],
    });
    expect(field('dataReadiness', 'access')).toMatchObject({
      type: 'enum',
      values: ['NOT_REQUESTED', 'REQUESTED', 'GRANTED'],
    });
    expect(field('ownership', 'ipOwner')).toMatchObject({ type: 'enum', values: OWNER_PARTY });
    expect(field('ownership', 'modelOwner')).toMatchObject({
      type: 'enum',
      values: ['CLIENT', 'FREELANCER', 'SHARED'],
    });
  });
});

describe('roles', () => {
  it('lets clients and freelancers edit, and viewers only read', () => {
    expect(PARTICIPANT_ROLES.filter(canEditWithRole)).toEqual(['CLIENT', 'FREELANCER']);
  });
});
