import type { EntityManager } from '@mikro-orm/postgresql';
import { EMPTY_CHAIN_HEAD, type Receipt, receiptPayload, verifyReceiptSignature } from '@brieflock/schema';
import type { ServerKeys } from './server-keys.js';

type ReceiptRow = {
  proposal_id: string;
  head_hash: string;
  length: number;
  issued_at: Date | string;
  key_id: string;
  signature: string;
};

const receiptOf = (row: ReceiptRow): Receipt => ({
  proposalId: row.proposal_id,
  headHash: row.head_hash,
  length: Number(row.length),
  issuedAt: new Date(row.issued_at).toISOString(),
  keyId: row.key_id,
  signature: row.signature,
});

/** The head of a proposal's audit chain: its last row's hash and the number of rows. */
export async function chainHead(em: EntityManager, proposalId: string): Promise<{ headHash: string; length: number }> {
  const [last] = await em.execute<{ hash: string; sequence: number }[]>(
    'select "hash", "sequence" from "audit_events" where "proposal_id" = ? order by "sequence" desc limit 1',
    [proposalId],
  );
  return last ? { headHash: last.hash, length: Number(last.sequence) } : { headHash: EMPTY_CHAIN_HEAD, length: 0 };
}

/**
 * Signs the proposal's current chain head and stores the receipt. Called inside the
 * freeze's or signature's transaction, after its audit rows, so the receipt names them;
 * a caller that just appended them passes the head they left (see `appendAudits`) and
 * saves reading it again.
 */
export async function issueReceipt(
  tx: EntityManager,
  keys: ServerKeys,
  proposalId: string,
  knownHead?: { hash: string | null; sequence: number },
): Promise<Receipt> {
  const head = knownHead
    ? knownHead.hash === null
      ? { headHash: EMPTY_CHAIN_HEAD, length: 0 }
      : { headHash: knownHead.hash, length: knownHead.sequence }
    : await chainHead(tx, proposalId);
  const unsigned = { proposalId, ...head, issuedAt: new Date().toISOString(), keyId: keys.keyId };
  const receipt: Receipt = { ...unsigned, signature: keys.sign(receiptPayload(unsigned)) };
  await tx.execute(
    'insert into "receipts" ("proposal_id", "head_hash", "length", "issued_at", "key_id", "signature") values (?, ?, ?, ?, ?, ?)',
    [proposalId, receipt.headHash, receipt.length, new Date(receipt.issuedAt), receipt.keyId, receipt.signature],
  );
  return receipt;
}

/** Every receipt issued for a proposal, newest first. */
export async function receiptsOf(em: EntityManager, proposalId: string): Promise<Receipt[]> {
  const rows = await em.execute<ReceiptRow[]>(
    'select "proposal_id", "head_hash", "length", "issued_at", "key_id", "signature" from "receipts" where "proposal_id" = ? order by "id" desc',
    [proposalId],
  );
  return rows.map(receiptOf);
}

/**
 * The receipt for the chain as it is now: the newest stored one when it names the current
 * head and its signature holds, otherwise a fresh one (stored too).
 */
export async function currentReceipt(em: EntityManager, keys: ServerKeys, proposalId: string): Promise<Receipt> {
  const head = await chainHead(em, proposalId);
  const [row] = await em.execute<ReceiptRow[]>(
    `select "proposal_id", "head_hash", "length", "issued_at", "key_id", "signature" from "receipts"
      where "proposal_id" = ? and "length" = ? and "head_hash" = ? order by "id" desc limit 1`,
    [proposalId, head.length, head.headHash],
  );
  if (row) {
    const stored = receiptOf(row);
    if ((await verifyReceiptSignature(keys.trusted, stored)) === 'ok') return stored;
  }
  return issueReceipt(em, keys, proposalId);
}
