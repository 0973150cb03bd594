import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type ResolveAll, sendWebhook, vetHost } from './send-webhook.js';

const resolvesTo =
  (...addresses: string[]): ResolveAll =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A real HTTP server on 127.0.0.1 answering every request with `answer`; records what it got. */
async function receiver(answer: (req: IncomingMessage, res: import('node:http').ServerResponse) => void) {
  const requests: { method: string; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      requests.push({ method: req.method!, headers: req.headers, body });
      answer(req, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests };
}

describe('vetting a webhook host', () => {
  it('refuses a name that resolves to loopback unless private addresses are allowed', async () => {
    const url = new URL('https://hooks.example.test/in');
    expect(await vetHost(url, false, resolvesTo('127.0.0.1'))).toMatchObject({ status: 'REFUSED' });
    expect(await vetHost(url, true, resolvesTo('127.0.0.1'))).toEqual({ address: '127.0.0.1', family: 4 });
  });

  it('refuses cloud metadata and internal ranges even when private addresses are allowed', async () => {
    const url = new URL('https://hooks.example.test/in');
    for (const address of ['169.254.169.254', 'fd00:ec2::254', '::ffff:169.254.169.254', '100.64.1.1', '0.0.0.0'])
      expect(await vetHost(url, true, resolvesTo(address)), address).toMatchObject({ status: 'REFUSED' });
  });

  it('refuses a name when any one of its addresses is internal', async () => {
    const outcome = await vetHost(
      new URL('https://hooks.example.test/'),
      false,
      resolvesTo('93.184.216.34', '10.0.0.1'),
    );
    expect(outcome).toMatchObject({ status: 'REFUSED' });
  });

  it('judges address literals without resolving them', async () => {
    const never: ResolveAll = async () => {
      throw new Error('resolved a literal');
    };
    expect(await vetHost(new URL('https://169.254.169.254/'), true, never)).toMatchObject({ status: 'REFUSED' });
    expect(await vetHost(new URL('https://[::1]/'), false, never)).toMatchObject({ status: 'REFUSED' });
    expect(await vetHost(new URL('https://93.184.216.34/'), false, never)).toEqual({
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('sends plain http only to loopback or private addresses', async () => {
    expect(await vetHost(new URL('http://hooks.example.test/'), true, resolvesTo('93.184.216.34'))).toMatchObject({
      status: 'REFUSED',
    });
  });

  it('counts a name that does not resolve as a failed attempt, not a refusal', async () => {
    const gone: ResolveAll = async () => {
      throw Object.assign(new Error('nope'), { code: 'ENOTFOUND' });
    };
    expect(await vetHost(new URL('https://gone.example.test/'), false, gone)).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('ENOTFOUND'),
    });
  });
});

describe('sending one webhook', () => {
  it('connects to the vetted address itself, never resolving the name again', async () => {
    const target = await receiver((_req, res) => res.writeHead(204).end());
    // The system cannot resolve this name: only the vetted address can have been used.
    const outcome = await sendWebhook(
      `http://rebinding.example.test:${target.port}/in`,
      '{"a":1}',
      { 'webhook-id': 'msg_1' },
      { allowPrivate: true, resolve: resolvesTo('127.0.0.1') },
    );
    expect(outcome).toEqual({ status: 'SUCCEEDED', responseCode: 204, error: null });
    expect(target.requests).toEqual([
      expect.objectContaining({
        method: 'POST',
        body: '{"a":1}',
        headers: expect.objectContaining({
          'webhook-id': 'msg_1',
          'content-type': 'application/json',
          host: `rebinding.example.test:${target.port}`,
        }),
      }),
    ]);
  });

  it('does not follow a redirect to an internal address: the attempt fails', async () => {
    const internal = await receiver((_req, res) => res.writeHead(200).end('secret'));
    const redirecting = await receiver((_req, res) =>
      res.writeHead(302, { location: `http://127.0.0.1:${internal.port}/latest/meta-data` }).end(),
    );
    const outcome = await sendWebhook(`http://127.0.0.1:${redirecting.port}/in`, '{}', {}, { allowPrivate: true });
    expect(outcome).toMatchObject({ status: 'FAILED', responseCode: 302 });
    expect(redirecting.requests).toHaveLength(1);
    expect(internal.requests).toHaveLength(0);
  });

  it('fails on an error status, reading only a little of a large answer', async () => {
    const target = await receiver((_req, res) => {
      res.writeHead(500);
      res.write(Buffer.alloc(1024 * 1024, 'x'));
      // Never ends: the sender must stop reading on its own.
    });
    const outcome = await sendWebhook(`http://127.0.0.1:${target.port}/`, '{}', {}, { allowPrivate: true });
    expect(outcome).toMatchObject({ status: 'FAILED', responseCode: 500 });
  });

  it('gives up on a receiver that never answers', async () => {
    const target = await receiver(() => undefined);
    const outcome = await sendWebhook(
      `http://127.0.0.1:${target.port}/`,
      '{}',
      {},
      { allowPrivate: true, timeoutMs: 200 },
    );
    expect(outcome).toMatchObject({ status: 'FAILED', responseCode: null, error: expect.stringContaining('200 ms') });
  });

  it('refuses loopback without the flag, and plain http', async () => {
    const target = await receiver((_req, res) => res.writeHead(200).end());
    expect(await sendWebhook(`https://127.0.0.1:${target.port}/`, '{}', {}, { allowPrivate: false })).toMatchObject({
      status: 'REFUSED',
    });
    expect(await sendWebhook(`http://127.0.0.1:${target.port}/`, '{}', {}, { allowPrivate: false })).toMatchObject({
      status: 'REFUSED',
    });
    expect(target.requests).toHaveLength(0);
  });
});
