import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  auditHashOf,
  canonicalJson,
  chainHashOf,
  consentStatement,
  contentHashOf,
  contentJsonOf,
  emptyBrief,
  frozenContentOf,
  isSha256Hex,
  sha256Hex,
  signatureHashOf,
  type VersionRecord,
} from './index.js';

const nodeSha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonicalJson (RFC 8785)', () => {
  it('sorts object keys by UTF-16 code units, recursively, and drops insignificant whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}',
    );
    // RFC 8785 §3.2.3: "\u20ac" (€) sorts after "\r" and "1" and before the emoji's surrogates.
    expect(canonicalJson({ '\u20ac': 'Euro Sign', '\r': 'Carriage Return', '1': 'One', '\ud83d\ude00': 'Emoji' })).toBe(
      '{"\\r":"Carriage Return","1":"One","€":"Euro Sign","😀":"Emoji"}',
    );
  });

  it('writes numbers the ECMAScript way (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([1e21, 1e-7, 0.000001, -0, 333333333.3333333, 4.5])).toBe(
      '[1e+21,1e-7,0.000001,0,333333333.3333333,4.5]',
    );
  });

  it('refuses values JSON cannot represent', () => {
    expect(() => canonicalJson(Number.NaN)).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
  });

  it('gives the same text for the same value whatever the key order', () => {
    expect(canonicalJson({ x: 1, y: [true, 'a'] })).toBe(canonicalJson(JSON.parse('{"y":[true,"a"],"x":1}')));
  });
});

describe('sha256Hex', () => {
  it.each(['', 'abc', 'Ελληνικά и кириллица 😀'])('matches node:crypto for %j', (text) => {
    expect(sha256Hex(text)).toBe(nodeSha(text));
  });

  it('is lowercase hex of 64 characters', () => {
    expect(isSha256Hex(sha256Hex('x'))).toBe(true);
    expect(isSha256Hex(sha256Hex('x').toUpperCase())).toBe(false);
    expect(isSha256Hex('abc')).toBe(false);
  });
});

describe('contentHashOf', () => {
  it('is the SHA-256 of the canonical JSON of the content', () => {
    const content = contentJsonOf(emptyBrief());
    expect(contentHashOf(content)).toBe(nodeSha(canonicalJson(content)));
  });

  it('changes when any field changes and not when keys are reordered', () => {
    const content = contentJsonOf(emptyBrief());
    const reordered = Object.fromEntries(Object.entries(content).reverse()) as typeof content;
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(content)[0]);
    expect(contentHashOf(reordered)).toBe(contentHashOf(content));
    const changed = { ...content, ownership: { ...content.ownership, ipOwner: 'SHARED' } };
    expect(contentHashOf(changed)).not.toBe(contentHashOf(content));
  });

  it('holds every section of the brief and nothing else', () => {
    const content = contentJsonOf({ ...emptyBrief(), extra: 'ignored' } as never);
    expect(Object.keys(content).sort()).toEqual(Object.keys(emptyBrief()).sort());
  });
});

describe('frozenContentOf', () => {
  const brief = () => {
    const brief = emptyBrief();
    brief.ownership.confidentiality = 'Mutual NDA \\u0000 in text, 10 > 9';
    brief.communication.cadence = 'Weekly';
    return brief;
  };

  it('is contentJsonOf, its canonical JSON and contentHashOf, serialised once', () => {
    const frozen = frozenContentOf(brief());
    expect(frozen.contentJson).toEqual(contentJsonOf(brief()));
    expect(frozen.canonical).toBe(canonicalJson(contentJsonOf(brief())));
    expect(frozen.contentHash).toBe(contentHashOf(contentJsonOf(brief())));
  });

  it('drops U+0000 from strings and keys as contentJsonOf does, and hashes what is left', () => {
    const withNul = brief();
    withNul.communication.cadence = 'Week\u0000ly';
    const frozen = frozenContentOf(withNul);
    expect(frozen.contentJson.communication.cadence).toBe('Weekly');
    expect(frozen.canonical).not.toContain('\\u0000ly');
    expect(frozen.contentHash).toBe(contentHashOf(contentJsonOf(brief())));
  });
});

describe('chainHashOf', () => {
  const record: VersionRecord = {
    proposalId: '7f0c1c5e-0000-4000-8000-000000000001',
    number: 2,
    contentHash: sha256Hex('content'),
    previousHash: sha256Hex('previous'),
    frozenById: '7f0c1c5e-0000-4000-8000-000000000002',
    frozenAt: new Date('2026-11-25T10:00:00.123Z'),
    note: 'second round',
    signerIds: ['b', 'a'],
  };

  it('does not depend on the order of signers or on how the time is given', () => {
    expect(chainHashOf({ ...record, signerIds: ['a', 'b'], frozenAt: '2026-11-25T10:00:00.123Z' })).toBe(
      chainHashOf(record),
    );
  });

  it.each([
    ['proposalId', { proposalId: '7f0c1c5e-0000-4000-8000-000000000009' }],
    ['number', { number: 3 }],
    ['contentHash', { contentHash: sha256Hex('other') }],
    ['previousHash', { previousHash: null }],
    ['frozenById', { frozenById: 'someone else' }],
    ['frozenAt', { frozenAt: new Date('2026-11-25T10:00:00.124Z') }],
    ['note', { note: null }],
    ['signerIds', { signerIds: ['a'] }],
  ])('changes when %s changes', (_field, change) => {
    expect(chainHashOf({ ...record, ...change })).not.toBe(chainHashOf(record));
  });
});

describe('signatureHashOf and auditHashOf', () => {
  const signature = {
    versionId: 'v',
    signerId: 's',
    contentHash: sha256Hex('c'),
    signedAt: new Date('2026-11-25T10:00:00Z'),
    ip: '127.0.0.1',
    userAgent: 'UA',
    authMethod: 'password',
    consentStatement: 'I agree',
  };

  it.each(['versionId', 'signerId', 'contentHash', 'ip', 'userAgent', 'authMethod', 'consentStatement'] as const)(
    'a signature hash covers %s',
    (field) => {
      expect(signatureHashOf({ ...signature, [field]: 'changed' })).not.toBe(signatureHashOf(signature));
    },
  );

  it('an audit hash covers its data and the previous hash', () => {
    const row = {
      proposalId: 'p',
      kind: 'VERSION_FROZEN',
      actorId: 'u',
      versionId: 'v',
      data: { number: 1 },
      at: new Date(0),
      previousHash: null,
    };
    expect(auditHashOf({ ...row, data: { number: 2 } })).not.toBe(auditHashOf(row));
    expect(auditHashOf({ ...row, previousHash: sha256Hex('x') })).not.toBe(auditHashOf(row));
    expect(auditHashOf({ ...row, data: { number: 1 } })).toBe(auditHashOf(row));
  });
});

describe('consentStatement', () => {
  it('names the signer, the proposal, the version and the exact hash', () => {
    const hash = sha256Hex('content');
    const text = consentStatement({
      signerName: 'Ada Lovelace',
      proposalTitle: 'Churn pilot',
      versionNumber: 3,
      contentHash: hash,
    });
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('"Churn pilot"');
    expect(text).toContain('version 3');
    expect(text).toContain(hash);
  });
});

/*
 * Golden vectors: literal hashes of fixed inputs, computed once from this code. Stored
 * versions, signatures and audit rows keep their hashes for ever and `pnpm verify`
 * recomputes them, so any change to what is hashed (a field, its name, its format, the
 * canonical form) must fail here rather than pass unnoticed and break every stored chain.
 */
describe('golden vectors: the hashes of fixed inputs never change', () => {
  const content = {
    outcome: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Ship the beta' }] }] },
    budget: { amount: 1200, currency: 'EUR' },
    milestones: [{ id: 'm1', title: 'Kick-off', due: '2026-12-01' }],
  };
  const contentHash = '537cedfff57c0ce894f13dc3c743c5f1f5e7c9a50a25acdc8619faeb349c272b';
  const proposalId = '7f0c1c5e-0000-4000-8000-000000000001';
  const frozenById = '7f0c1c5e-0000-4000-8000-000000000002';
  const signerId = '7f0c1c5e-0000-4000-8000-000000000003';
  const versionId = '7f0c1c5e-0000-4000-8000-000000000005';

  it('content hash: SHA-256 of the canonical JSON of the content', () => {
    expect(canonicalJson(content)).toBe(
      '{"budget":{"amount":1200,"currency":"EUR"},"milestones":[{"due":"2026-12-01","id":"m1","title":"Kick-off"}],' +
        '"outcome":{"content":[{"content":[{"text":"Ship the beta","type":"text"}],"type":"paragraph"}],"type":"doc"}}',
    );
    expect(contentHashOf(content)).toBe(contentHash);
  });

  it('chain hash: the version record, signers sorted, time in ISO 8601 UTC', () => {
    const record: VersionRecord = {
      proposalId,
      number: 2,
      contentHash,
      previousHash: '1111111111111111111111111111111111111111111111111111111111111111',
      frozenById,
      frozenAt: '2026-11-25T10:00:00.123Z',
      note: 'second round',
      signerIds: ['7f0c1c5e-0000-4000-8000-000000000004', signerId],
    };
    const hashed =
      '{"contentHash":"537cedfff57c0ce894f13dc3c743c5f1f5e7c9a50a25acdc8619faeb349c272b","format":1,' +
      '"frozenAt":"2026-11-25T10:00:00.123Z","frozenById":"7f0c1c5e-0000-4000-8000-000000000002",' +
      '"kind":"contract-version","note":"second round","number":2,' +
      '"previousHash":"1111111111111111111111111111111111111111111111111111111111111111",' +
      '"proposalId":"7f0c1c5e-0000-4000-8000-000000000001",' +
      '"signerIds":["7f0c1c5e-0000-4000-8000-000000000003","7f0c1c5e-0000-4000-8000-000000000004"]}';
    expect(sha256Hex(hashed)).toBe('a87e328b67e3b20bfe5716ae82a081c51421f4d416e83889481a9108b982d268');
    expect(chainHashOf(record)).toBe('a87e328b67e3b20bfe5716ae82a081c51421f4d416e83889481a9108b982d268');
  });

  it('chain hash of a change order with a signing order: groups in sequence, ids sorted within', () => {
    const record: VersionRecord = {
      proposalId,
      number: 3,
      contentHash,
      previousHash: '2222222222222222222222222222222222222222222222222222222222222222',
      frozenById,
      frozenAt: '2026-12-03T09:00:00.000Z',
      note: null,
      signerIds: [signerId, '7f0c1c5e-0000-4000-8000-000000000004'],
      signingOrder: [['7f0c1c5e-0000-4000-8000-000000000004'], [signerId]],
      amendsId: '7f0c1c5e-0000-4000-8000-000000000009',
    };
    const hashed =
      '{"amendsId":"7f0c1c5e-0000-4000-8000-000000000009",' +
      '"contentHash":"537cedfff57c0ce894f13dc3c743c5f1f5e7c9a50a25acdc8619faeb349c272b","format":1,' +
      '"frozenAt":"2026-12-03T09:00:00.000Z","frozenById":"7f0c1c5e-0000-4000-8000-000000000002",' +
      '"kind":"contract-version","note":null,"number":3,' +
      '"previousHash":"2222222222222222222222222222222222222222222222222222222222222222",' +
      '"proposalId":"7f0c1c5e-0000-4000-8000-000000000001",' +
      '"signerIds":["7f0c1c5e-0000-4000-8000-000000000003","7f0c1c5e-0000-4000-8000-000000000004"],' +
      '"signingOrder":[["7f0c1c5e-0000-4000-8000-000000000004"],["7f0c1c5e-0000-4000-8000-000000000003"]]}';
    expect(chainHashOf(record)).toBe(sha256Hex(hashed));
    expect(chainHashOf(record)).toBe('bc67bf30f4dc1698db8032fca68dc7d8e306bfaed11405d1061bb0596fab15e9');
    // Swapping the groups is another order, so another hash.
    expect(chainHashOf({ ...record, signingOrder: [[signerId], ['7f0c1c5e-0000-4000-8000-000000000004']] })).not.toBe(
      chainHashOf(record),
    );
    // Null and absent are the same record: versions frozen before these fields keep their hash.
    expect(chainHashOf({ ...record, signingOrder: null, amendsId: null })).toBe(
      chainHashOf({ ...record, signingOrder: undefined, amendsId: undefined }),
    );
  });

  it('signature record hash: every stored field of the signature', () => {
    expect(
      signatureHashOf({
        versionId,
        signerId,
        contentHash,
        signedAt: '2026-11-25T11:30:00.000Z',
        ip: '203.0.113.7',
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
        authMethod: 'password',
        consentStatement: 'I agree',
      }),
    ).toBe('d6a0c883df5d312205a97856c12ec925d6496c1bb8aba30d03e8efc608973a69');
  });

  it('audit hash: the row, its data and the previous row hash', () => {
    const row = {
      proposalId,
      kind: 'VERSION_FROZEN',
      actorId: frozenById,
      versionId,
      data: { number: 2, contentHash },
      at: '2026-11-25T10:00:00.123Z',
      previousHash: '2222222222222222222222222222222222222222222222222222222222222222',
    };
    expect(auditHashOf(row)).toBe('d6d2ea27f0a85f35ef0456fb44543f7bd74a1ab5852f2eb70f311613fa08abee');
    // A proposal's first row, without data.
    expect(auditHashOf({ ...row, data: null, previousHash: null })).toBe(
      'ef46fe59d4ba4ca314721818cb8bea31f3ae3d6c739a47d017b3f35f7d0c0876',
    );
  });
});
