import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ParticipantRole } from '@brieflock/schema';
import pg from 'pg';

/**
 * Bench fixtures written straight into the app's tables: signing up a thousand people
 * through the API would spend minutes in argon2 before anything is measured. The rows are
 * the ones sign-up, sign-in, createProposal and addParticipant write, so the server reads
 * them exactly as it reads its own.
 */

export interface SeededUser {
  id: string;
  email: string;
  name: string;
  /** A session token that authenticates as this user (Bearer, graphql-ws `{ token }`, `?token=`). */
  token: string;
}

/** Rows per INSERT. */
const BATCH = 1000;
const SESSION_TTL_MS = 24 * 3600 * 1000;

const sessionToken = () => `blk_${randomBytes(32).toString('base64url')}`;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export class Seed {
  private readonly pool: pg.Pool;

  constructor(databaseUrl: string) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  }

  /** `count` users, each with a live session (password sign-in is never used with them). */
  async users(count: number, label: string): Promise<SeededUser[]> {
    const users: SeededUser[] = Array.from({ length: count }, (_, n) => ({
      id: randomUUID(),
      email: `${label}-${n}-${randomBytes(4).toString('hex')}@example.test`,
      name: `${label} ${n}`,
      token: sessionToken(),
    }));
    for (let start = 0; start < users.length; start += BATCH) {
      const batch = users.slice(start, start + BATCH);
      await this.pool.query(
        `insert into "users" ("id", "email", "name", "password_hash", "pending", "created_at")
         select unnest($1::uuid[]), unnest($2::text[]), unnest($3::text[]), null, false, now()`,
        [batch.map((u) => u.id), batch.map((u) => u.email), batch.map((u) => u.name)],
      );
      await this.pool.query(
        `insert into "sessions" ("id", "user_id", "token_hash", "method", "created_at", "expires_at")
         select gen_random_uuid(), unnest($1::uuid[]), unnest($2::text[]), 'password', now(), $3`,
        [batch.map((u) => u.id), batch.map((u) => tokenHash(u.token)), new Date(Date.now() + SESSION_TTL_MS)],
      );
    }
    return users;
  }

  /** A proposal created by `owner`, who takes part in it as CLIENT (as createProposal does). */
  async proposal(owner: SeededUser, title: string): Promise<string> {
    const id = randomUUID();
    await this.pool.query(
      `insert into "proposals" ("id", "title", "created_by_id", "created_at") values ($1, $2, $3, now())`,
      [id, title, owner.id],
    );
    await this.participants(id, [owner], 'CLIENT', owner.id);
    return id;
  }

  /** Adds `users` to a proposal with `role` (as addParticipant does for accounts that exist). */
  async participants(
    proposalId: string,
    users: SeededUser[],
    role: ParticipantRole,
    invitedById: string | null = null,
  ): Promise<void> {
    for (let start = 0; start < users.length; start += BATCH) {
      const batch = users.slice(start, start + BATCH);
      // created_at increases along the batch, so participant order is the order given.
      await this.pool.query(
        `insert into "participants" ("id", "proposal_id", "user_id", "role", "invited_by_id", "created_at")
         select gen_random_uuid(), $1, u.id, $2, $3, now() + (u.n * interval '1 microsecond')
           from unnest($4::uuid[]) with ordinality as u(id, n)`,
        [proposalId, role, invitedById, batch.map((u) => u.id)],
      );
    }
  }

  /** Appends Yjs updates to a proposal's stored brief, in order, as the update log does. */
  async briefUpdates(proposalId: string, updates: readonly Uint8Array[]): Promise<void> {
    const rows = 5000;
    for (let start = 0; start < updates.length; start += rows) {
      const batch = updates
        .slice(start, start + rows)
        .map((update) => Buffer.from(update.buffer, update.byteOffset, update.byteLength));
      await this.pool.query(
        `insert into "brief_updates" ("proposal_id", "data") select $1, d from unnest($2::bytea[]) with ordinality as t(d, n) order by n`,
        [proposalId, batch],
      );
    }
  }

  /** Rows of a proposal's stored brief. */
  async briefUpdateRows(proposalId: string): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      'select count(*) from "brief_updates" where "proposal_id" = $1',
      [proposalId],
    );
    return Number(rows[0]!.count);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
