import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readBrief } from '@brieflock/schema';
import { startTestApp, type TestApp } from '../support/app.js';
import { connectPeer, synced, type TestPeer } from '../support/collab.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

let t: TestApp;
let client: TestUser;
let freelancer: TestUser;
const peers: TestPeer[] = [];
const peer = (...args: Parameters<typeof connectPeer>) => {
  const p = connectPeer(...args);
  peers.push(p);
  return p;
};

beforeAll(async () => {
  t = await startTestApp();
  client = await makeUser(t.api);
  freelancer = await makeUser(t.api);
});
afterAll(async () => {
  for (const p of peers) p.destroy();
  await t.close();
});

describe('two editors on one brief', () => {
  it('converge on text typed by one of them, and the server stores it', async () => {
    const proposal = await makeProposal(t.api, client);
    await addParticipant(t.api, client, proposal.id, freelancer.email, 'FREELANCER');
    const a = peer(t.app.url, proposal.id, client.token);
    const b = peer(t.app.url, proposal.id, freelancer.token);
    await Promise.all([synced(a), synced(b)]);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('Cut churn by 10% with a forecast model.')]);
    a.doc.getXmlFragment('outcome').insert(0, [paragraph]);
    await waitFor(() => readBrief(b.doc).outcome.text === 'Cut churn by 10% with a forecast model.', { what: 'text to reach b' });
    await waitFor(() => a.isSaved(), { what: 'saved ack' });
    const { rows } = await t.db.query<{ n: number }>('select count(*)::int as n from brief_updates where proposal_id = $1', [proposal.id]);
    expect(rows[0]!.n).toBeGreaterThan(0);
  });
});
