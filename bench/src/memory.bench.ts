import { randomBytes } from 'node:crypto';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { outcomeText, smallReadyBrief } from './brief.js';
import { PEER_NOTE, ROUNDS } from './collab.bench.js';
import { openPeer, whenSynced, type CollabTarget, type Peer } from './collab/peers.js';
import { mapLimit, roundsResult, sleep, waitFor, type Result, type Round } from './harness.js';
import { memoryProbe } from './memory/probe-client.js';
import { Seed } from './seed.js';

const DOCUMENTS = 100;
const PER_DOCUMENT = 10;
const CONNECTIONS = DOCUMENTS * PER_DOCUMENT;
/** Connections opened at once. */
const OPEN_CONCURRENCY = 50;
/** Outcome paragraphs each document holds (about 5 KB of text, plus the other sections). */
const PARAGRAPHS = 30;
/** After every socket synced: time for the servers to finish (ours stores the content). */
const SETTLE_MS = 3000;

type Usage = NodeJS.MemoryUsage;

interface ServerChild {
  name: 'ours' | 'reference' | 'peer';
  port: number;
  memory(): Promise<Usage>;
  stop(): Promise<void>;
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const httpStatus = (url: string): Promise<number> =>
  new Promise((resolve) => {
    const request = http.get(url, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', () => resolve(0));
    request.setTimeout(1000, () => request.destroy());
  });

/**
 * Starts `entry` in a child process of its own with the memory probe preloaded and waits
 * until `readyPath` answers 200. The probe answers memory requests over IPC after forced
 * garbage collections (`--expose-gc`).
 */
async function startChild(
  name: ServerChild['name'],
  root: string,
  entry: string,
  env: Record<string, string>,
  port: number,
  readyPath: string,
): Promise<ServerChild> {
  const probe = pathToFileURL(path.join(root, 'bench/src/memory/probe.mjs')).href;
  const child: ChildProcess = spawn(process.execPath, ['--expose-gc', '--import', probe, entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString('utf8')).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );
  const memory = memoryProbe(child, name);
  const stop = async () => {
    if (exited === undefined) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(killer);
  };
  try {
    const deadline = performance.now() + 60_000;
    while ((await httpStatus(`http://127.0.0.1:${port}${readyPath}`)) !== 200) {
      if (exited !== undefined) throw new Error(`${name}: the server exited with ${exited} before serving:\n${output}`);
      if (performance.now() > deadline) throw new Error(`${name}: the server did not serve within 60 s:\n${output}`);
      await sleep(100);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    name,
    port,
    memory,
    stop,
  };
}

interface Room {
  room: string;
  /** The params of each of its PER_DOCUMENT connections. */
  params: Record<string, string>[];
}

/**
 * Opens PER_DOCUMENT providers on each room: first one per room whose document already
 * holds the content (it sends it to the server when it syncs), then the others, which
 * receive it. Resolves with the providers once every one is synced and holds the content.
 */
async function openAll(target: CollabTarget, rooms: Room[], content: Uint8Array, expected: string): Promise<Peer[]> {
  const peers: Peer[] = [];
  const open = async (room: Room, n: number) => {
    const peer = openPeer(target, room.room, room.params[n]!);
    peers.push(peer);
    if (n === 0) Y.applyUpdate(peer.doc, content);
    await whenSynced(target, [peer], 60_000);
    return peer;
  };
  const writers = await mapLimit(rooms, OPEN_CONCURRENCY, (room) => open(room, 0));
  const readers = await mapLimit(
    rooms.flatMap((room) => Array.from({ length: PER_DOCUMENT - 1 }, (_, n) => ({ room, n: n + 1 }))),
    OPEN_CONCURRENCY,
    ({ room, n }) => open(room, n),
  );
  const all = [...writers, ...readers];
  await waitFor(
    () => all.every((peer) => outcomeText(peer.doc) === expected),
    `${target.name}: every connection to hold its document's content`,
    60_000,
    20,
  );
  return all;
}

interface Measured {
  baseline: Usage;
  loaded: Usage;
}

async function measure(
  server: ServerChild,
  target: CollabTarget,
  warmRoom: Room,
  rooms: Room[],
  content: Uint8Array,
  expected: string,
): Promise<Measured> {
  // Warm-up on a room of its own (code paths, database pool): not counted as connections.
  const warm = await openAll(target, [warmRoom], content, expected);
  for (const peer of warm) peer.close();
  await sleep(1000);
  const baseline = await server.memory();
  const peers = await openAll(target, rooms, content, expected);
  try {
    if (peers.length !== CONNECTIONS)
      throw new Error(`${server.name}: ${peers.length} connections open, expected ${CONNECTIONS}`);
    await sleep(SETTLE_MS);
    const loaded = await server.memory();
    return { baseline, loaded };
  } finally {
    for (const peer of peers) peer.close();
  }
}

/** The server build must match the source being measured: build it (as `pnpm start` does). */
function buildServer(root: string): void {
  const built = spawnSync(
    'pnpm',
    ['-r', '--filter', '@brieflock/schema', '--filter', '@brieflock/server', 'run', 'build'],
    { cwd: root, stdio: 'pipe', encoding: 'utf8' },
  );
  if (built.status !== 0)
    throw new Error(
      `P9 needs the built server (pnpm -r --filter @brieflock/server run build), which failed:\n${built.stdout}${built.stderr}`,
    );
}

const MiB = 2 ** 20;

/**
 * P9: server memory attributable to 1,000 collaboration connections over 100 documents
 * (10 each, every document holding a ready brief with 30 outcome paragraphs): ours, the
 * floor (`@y/websocket-server` 0.1.1) and the peer (Hocuspocus with its database extension
 * on PostgreSQL, collab/hocuspocus.ts). Each server runs as its own entry file in a child
 * process of its own (ours: the built server/dist/main.js, as `pnpm start` runs it; the
 * floor: its package's src/server.js; the peer: collab/hocuspocus.ts through Node's type
 * stripping), with a probe preloaded that reports process.memoryUsage() after forced
 * garbage collection. The connections are real providers in this process (WebsocketProvider;
 * HocuspocusProvider for the peer); growth = memory once all are synced and SETTLE_MS
 * passed, minus memory before the first. ROUNDS rounds, each on documents of its own,
 * ours, the floor and the peer back to back; the three servers stay up throughout.
 */
export async function benchMemory(root: string, databaseUrl: string): Promise<Result[]> {
  buildServer(root);
  const brief = smallReadyBrief(
    Array.from(
      { length: PARAGRAPHS },
      (_, n) =>
        `Paragraph ${n + 1}: the churn model scores every paying customer nightly from the CRM export, and the account team reviews the riskiest ones each Monday.`,
    ),
  );
  const content = Y.encodeStateAsUpdate(brief);
  const expected = outcomeText(brief);
  brief.destroy();

  const seed = new Seed(databaseUrl);
  const measured: { ours: Measured; reference: Measured; peer: Measured }[] = [];
  const servers: ServerChild[] = [];
  try {
    // Ours: PER_DOCUMENT people on each proposal (its CLIENT and FREELANCERs), one socket each.
    const users = await seed.users((DOCUMENTS + 1) * PER_DOCUMENT, 'memory');
    const roundRooms: Room[][] = [];
    for (let n = 0; n < ROUNDS; n++) {
      const rooms: Room[] = [];
      for (let d = 0; d <= DOCUMENTS; d++) {
        const members = users.slice(d * PER_DOCUMENT, (d + 1) * PER_DOCUMENT);
        const room = await seed.proposal(members[0]!, `Memory ${n}.${d}`);
        await seed.participants(room, members.slice(1), 'FREELANCER', members[0]!.id);
        rooms.push({ room, params: members.map((member) => ({ token: member.token })) });
      }
      roundRooms.push(rooms);
    }
    const oursPort = await freePort();
    const oursServer = await startChild(
      'ours',
      root,
      path.join(root, 'server/dist/main.js'),
      {
        DATABASE_URL: databaseUrl,
        PORT: String(oursPort),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'production',
        SIGNING_KEY: randomBytes(32).toString('base64url'),
      },
      oursPort,
      '/healthz',
    );
    servers.push(oursServer);
    const referencePort = await freePort();
    const referenceServer = await startChild(
      'reference',
      root,
      path.join(root, 'bench/node_modules/@y/websocket-server/src/server.js'),
      { HOST: '127.0.0.1', PORT: String(referencePort) },
      referencePort,
      '/',
    );
    servers.push(referenceServer);
    const peerPort = await freePort();
    const peerServer = await startChild(
      'peer',
      root,
      path.join(root, 'bench/src/collab/hocuspocus.ts'),
      { HOST: '127.0.0.1', PORT: String(peerPort), DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
      peerPort,
      '/',
    );
    servers.push(peerServer);
    const targets: Record<ServerChild['name'], CollabTarget> = {
      ours: {
        name: 'ours',
        url: `ws://127.0.0.1:${oursPort}/collab`,
        newRoom: () => Promise.reject(new Error('seeded')),
        reportsSaved: true,
      },
      // Same room names and params as ours (the floor ignores the token, the peer accepts any).
      reference: {
        name: 'reference',
        url: `ws://127.0.0.1:${referencePort}/collab`,
        newRoom: () => Promise.reject(new Error('fixed rooms')),
        reportsSaved: false,
      },
      peer: {
        name: 'peer',
        client: 'hocuspocus',
        url: `ws://127.0.0.1:${peerPort}/collab`,
        newRoom: () => Promise.reject(new Error('fixed rooms')),
        reportsSaved: false,
      },
    };
    for (const rooms of roundRooms) {
      const [warm, ...measuredRooms] = rooms;
      const round: Partial<Record<ServerChild['name'], Measured>> = {};
      for (const server of servers)
        round[server.name] = await measure(server, targets[server.name], warm!, measuredRooms, content, expected);
      measured.push(round as (typeof measured)[number]);
    }
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await seed.close();
  }

  const growth = (m: Measured, key: keyof Usage) => (m.loaded[key] - m.baseline[key]) / MiB;
  /** Memory JavaScript holds: the V8 heap in use plus memory outside it held by JS objects (Buffers). */
  const heap = (m: Measured) => growth(m, 'heapUsed') + growth(m, 'external');
  const mib = (value: number) => Math.round(value * 100) / 100;
  const kibPerConnection = (value: number) => Math.round(((value * 1024) / CONNECTIONS) * 10) / 10;
  const notes = (m: Measured) =>
    JSON.stringify({
      heapKiBPerConnection: kibPerConnection(heap(m)),
      rssKiBPerConnection: kibPerConnection(growth(m, 'rss')),
      heapUsedGrowthMiB: mib(growth(m, 'heapUsed')),
      externalGrowthMiB: mib(growth(m, 'external')),
      baselineHeapUsedMiB: mib(m.baseline.heapUsed / MiB),
      baselineRssMiB: mib(m.baseline.rss / MiB),
    });
  const rounds = (read: (m: Measured) => number): Round[] =>
    measured.map((m) => ({ ours: read(m.ours), reference: read(m.reference), peer: read(m.peer) }));
  const label = `${CONNECTIONS.toLocaleString('en')} connections over ${DOCUMENTS} documents`;
  const last = measured.at(-1)!;
  return [
    roundsResult('P9', `server heap growth (heapUsed + external), ${label}`, 'MiB', rounds(heap), {
      ours: notes(last.ours),
      reference: notes(last.reference),
      peer: notes(last.peer),
      peerServer: PEER_NOTE,
      how: `each server in its own child process; process.memoryUsage() after forced GC once every connection synced and ${SETTLE_MS / 1000} s passed, minus before the first (notes: the last round)`,
    }),
    roundsResult(
      'P9',
      `server RSS growth, ${label}`,
      'MiB',
      rounds((m) => growth(m, 'rss')),
      {
        caveat: 'RSS also moves with what the allocator keeps or returns; the heap row is the precise one',
      },
    ),
  ];
}
