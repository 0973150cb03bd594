import http from 'node:http';
import * as Y from 'yjs';
import type { App } from '../../server/src/app.js';
import { smallReadyBrief } from './brief.js';
import { openPeer, sorted, until, whenSynced, type Peer } from './collab/peers.js';
import { collabTarget } from './freeze.bench.js';
import { gql } from './graphql.bench.js';
import { percentile, result, type Result } from './harness.js';
import { Seed } from './seed.js';

/** Bystander round trips per measurement. */
const TRIPS = 500;
/** Pause between two bystander edits. */
const PACE_MS = 5;
/** Heavy requests kept in flight at once while the bystander is measured. */
const CONCURRENCY = 2;

const FREEZE = 'mutation($i: FreezeProposalInput!) { freezeProposal(input: $i) { id } }';
const COMPARE = 'query($f: ID!, $t: ID!) { compareVersions(fromId: $f, toId: $t) { changed coarse } }';

/** `count` pseudo-random words (deterministic per `seed`) in paragraphs of 80. */
function randomParagraphs(seed: number, count: number): string[] {
  let state = seed;
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    words.push(`w${(state % 50_000).toString(36)}`);
  }
  const out: string[] = [];
  for (let i = 0; i < words.length; i += 80) out.push(words.slice(i, i + 80).join(' '));
  return out;
}

/** Bystander round trips: `a` types one character, `b` has it; ms each. */
async function roundTrips(a: Peer, b: Peer, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const want = b.text.length + 1;
    const started = performance.now();
    const arrived = until('the bystander edit to arrive', 60_000, (resolve) => {
      const check = () => b.text.length >= want && resolve();
      b.doc.on('update', check);
      return () => b.doc.off('update', check);
    });
    a.text.insert(a.text.length, 'x');
    await arrived;
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, PACE_MS));
  }
  return times;
}

/** GET as `token`, resolving with the status once the body is read. */
const get = (url: string, token: string) =>
  new Promise<number>((resolve, reject) => {
    http
      .get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });

/** Keeps `concurrency` calls of `op` in flight until `stop` resolves; counts them. */
async function hammerWhile(op: () => Promise<unknown>, stop: Promise<unknown>) {
  let done = false;
  let calls = 0;
  void stop.finally(() => {
    done = true;
  });
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (!done) {
        await op();
        calls += 1;
      }
    }),
  );
  return calls;
}

/**
 * P11: a bystander document's relay (two real y-websocket peers on a proposal of their
 * own, one typing, the other receiving) while a participant of another proposal keeps
 * two heavy requests in flight: compareVersions of two unrelated 8,000-word outcomes, and
 * the PDF of a 60,000-word outcome. Reference: the same bystander idle, in the same run.
 */
export async function benchHeavyRequests(app: App, databaseUrl: string): Promise<Result[]> {
  const seed = new Seed(databaseUrl);
  const peers: Peer[] = [];
  try {
    const [client, freelancer] = await seed.users(2, 'heavy');
    const url = `${app.url}/graphql`;
    const target = collabTarget(app);

    // Two versions with unrelated 8,000-word outcomes: the second is typed over the first.
    const compared = await seed.proposal(client!, 'Two unrelated outcomes');
    await seed.briefUpdates(compared, [Y.encodeStateAsUpdate(smallReadyBrief(randomParagraphs(1, 8000)))]);
    const v1 = (await gql(url, FREEZE, { i: { proposalId: compared, note: null } }, client!.token)).freezeProposal.id;
    const editor = openPeer(target, compared, { token: client!.token });
    peers.push(editor);
    await whenSynced(target, [editor]);
    const next = randomParagraphs(2, 8000);
    editor.doc.transact(() => {
      const outcome = editor.doc.getXmlFragment('outcome');
      outcome.delete(0, outcome.length);
      outcome.insert(
        0,
        next.map((text) => {
          const element = new Y.XmlElement('paragraph');
          element.insert(0, [new Y.XmlText(text)]);
          return element;
        }),
      );
    });
    await until('the new outcome to reach the server', 60_000, (resolve) => {
      const check = () => {
        const live = app.collab.loadedDocument(compared);
        if (live?.getXmlFragment('outcome').toString().includes(next[0]!)) resolve();
      };
      const timer = setInterval(check, 20);
      check();
      return () => clearInterval(timer);
    });
    const v2 = (await gql(url, FREEZE, { i: { proposalId: compared, note: null } }, client!.token)).freezeProposal.id;

    const exported = await seed.proposal(client!, 'A 60,000-word outcome');
    await seed.briefUpdates(exported, [Y.encodeStateAsUpdate(smallReadyBrief(randomParagraphs(3, 60_000)))]);
    const big = (await gql(url, FREEZE, { i: { proposalId: exported, note: null } }, client!.token)).freezeProposal.id;

    const bystanderRoom = await seed.proposal(client!, 'The bystander');
    await seed.participants(bystanderRoom, [freelancer!], 'FREELANCER', client!.id);
    const a = openPeer(target, bystanderRoom, { token: client!.token });
    const b = openPeer(target, bystanderRoom, { token: freelancer!.token });
    peers.push(a, b);
    await whenSynced(target, [a, b]);
    await roundTrips(a, b, 50); // warm-up

    const idle = sorted(await roundTrips(a, b, TRIPS));
    const during = async (op: () => Promise<unknown>) => {
      const trips = roundTrips(a, b, TRIPS);
      const calls = await hammerWhile(op, trips);
      return { trips: sorted(await trips), calls };
    };
    const compareOnce = async () => {
      const answer = (await gql(url, COMPARE, { f: v1, t: v2 }, client!.token)).compareVersions;
      if (!answer.coarse) throw new Error('ours: two unrelated outcomes were not compared coarse');
    };
    const pdfOnce = async () => {
      const status = await get(`${app.url}/export/versions/${big}.pdf`, client!.token);
      if (status !== 200 && status !== 429) throw new Error(`ours: PDF export answered ${status}`);
    };
    // Warm-up: the worker thread starts and loads its modules before anything is measured.
    await compareOnce();
    await pdfOnce();
    const compare = await during(compareOnce);
    const pdf = await during(pdfOnce);
    const idleP99 = percentile(idle, 99);
    const ms = (value: number) => Math.round(value * 1000) / 1000;
    return [
      result(
        'P11',
        'bystander relay p99, compareVersions hammered (vs idle)',
        percentile(compare.trips, 99),
        idleP99,
        'ms',
        {
          request: 'two unrelated 8,000-word outcomes',
          inFlight: CONCURRENCY,
          requests: compare.calls,
          p50Ms: ms(percentile(compare.trips, 50)),
          maxMs: ms(compare.trips.at(-1) ?? NaN),
          idleP50Ms: ms(percentile(idle, 50)),
          idleMaxMs: ms(idle.at(-1) ?? NaN),
        },
      ),
      result('P11', 'bystander relay p99, PDF export hammered (vs idle)', percentile(pdf.trips, 99), idleP99, 'ms', {
        request: 'PDF of a 60,000-word outcome',
        inFlight: CONCURRENCY,
        requests: pdf.calls,
        p50Ms: ms(percentile(pdf.trips, 50)),
        maxMs: ms(pdf.trips.at(-1) ?? NaN),
      }),
    ];
  } finally {
    for (const peer of peers) peer.close();
    await seed.close();
  }
}
