import { describe, expect, it } from 'vitest';
import { createLogger } from '../../logger.js';
import { type DraftChangedEvent, ProposalEvents } from './proposal-events.js';

describe('a settled draft change', () => {
  it('is published only once beforeDraftPublished finished, and still when it failed', async () => {
    const order: string[] = [];
    let finish: () => void = () => undefined;
    const seen: DraftChangedEvent[] = [];
    const events = new ProposalEvents({
      log: createLogger('silent'),
      debounceMs: 1,
      beforeDraftPublished: (event) => {
        seen.push(event);
        return new Promise<void>((resolve, reject) => {
          finish = seen.length === 1 ? resolve : () => reject(new Error('database away'));
        }).then(() => void order.push('durable'));
      },
    });
    const proposalId = '8F2B7C1E-2D4A-4B6C-9E8F-1A2B3C4D5E6F';
    const published = events.subscribe(proposalId, { userId: 'u', sessionId: 's', role: 'CLIENT' });
    const next = published.next().then((result) => {
      order.push('published');
      return result.value;
    });

    events.draftChanged(proposalId, ['scope', 'goals'], 'actor');
    await expect.poll(() => seen.length).toBe(1);
    expect(seen[0]).toEqual({
      kind: 'DRAFT_CHANGED',
      proposalId: proposalId.toLowerCase(),
      actorId: 'actor',
      sections: ['goals', 'scope'],
    });
    expect(order).toEqual([]);
    finish();
    expect(await next).toMatchObject({ kind: 'DRAFT_CHANGED', sections: ['goals', 'scope'] });
    expect(order).toEqual(['durable', 'published']);

    events.draftChanged(proposalId, ['risks'], 'actor');
    await expect.poll(() => seen.length).toBe(2);
    finish();
    expect((await published.next()).value).toMatchObject({ kind: 'DRAFT_CHANGED', sections: ['risks'] });
    await events.close();
  });
});
