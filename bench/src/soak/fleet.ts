import type pg from 'pg';
import { mapLimit } from '../harness.js';
import type { Seed, SeededUser } from '../seed.js';
import { seedRooms, smallBrief } from '../capacity/fixtures.js';

/** One proposal of the soak and its people. */
export interface SoakProposal {
  index: number;
  proposalId: string;
  /** Its CLIENT first, then one or two FREELANCERs: everyone who edits and signs. */
  editors: SeededUser[];
  /** A VIEWER who only follows it. */
  viewer: SeededUser;
  /** Who holds an event subscription: the CLIENT, the first FREELANCER, the VIEWER. */
  subscribers: SeededUser[];
}

/**
 * `count` proposals holding the small ready brief (so each can be frozen at once), half
 * of them with two editors (CLIENT, FREELANCER), half with three, and a VIEWER each. Every
 * account's address is proven, as signing requires (a person follows the verification
 * link once, long before a busy day).
 */
export async function seedFleet(seed: Seed, db: pg.Pool, count: number): Promise<SoakProposal[]> {
  const state = smallBrief().state;
  const pairs = await seedRooms(seed, 'soak-pair', Math.ceil(count / 2), 2, state);
  const trios = await seedRooms(seed, 'soak-trio', Math.floor(count / 2), 3, state);
  const rooms = pairs.flatMap((pair, n) => (trios[n] ? [pair, trios[n]] : [pair]));
  const viewers = await seed.users(rooms.length, 'soak-viewer');
  const proposals = await mapLimit(rooms, 4, async (room, index) => {
    const viewer = viewers[index]!;
    await seed.participants(room.proposalId, [viewer], 'VIEWER', room.members[0]!.id);
    return {
      index,
      proposalId: room.proposalId,
      editors: room.members,
      viewer,
      subscribers: [room.members[0]!, room.members[1]!, viewer],
    };
  });
  await db.query('update "users" set "email_verified_at" = now() where "email" like $1', ['soak-%']);
  return proposals;
}
