import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast, reviseBrief, verify } from '../support/contract.js';
import { dataStatements } from '../support/queries.js';

const t = useTestApp();

const matching = (statements: string[], pattern: RegExp) => statements.filter((sql) => pattern.test(sql)).length;

describe('the statements of a freeze', () => {
  it('reads a stored brief once, the audit head once, and writes both audit rows in one statement', async () => {
    const cast = await readyCast(t);
    await freezeOk(t, cast.client, cast.proposal.id);
    await reviseBrief(t, cast.client, cast.proposal.id);
    t.queries.length = 0;
    // Nobody has the brief open: the freeze reads it from storage. The first version
    // still awaits signatures, so this freeze supersedes it (two audit rows).
    const second = await freezeOk(t, cast.client, cast.proposal.id);
    const statements = dataStatements(t.queries);

    expect(second.number).toBe(2);
    expect(matching(statements, /^select .* from "brief_updates"/i)).toBe(1);
    expect(matching(statements, /^select .* from "audit_events"/i)).toBe(1);
    expect(matching(statements, /^insert into "audit_events"/i)).toBe(1);
    expect(matching(statements, /from "participants" as "p0"/i)).toBe(0);
    const report = await verify(t, cast.client, cast.proposal.id);
    expect(report.data?.verifyProposal).toMatchObject({ ok: true, versionsChecked: 2, firstMismatch: null });
  });
});
