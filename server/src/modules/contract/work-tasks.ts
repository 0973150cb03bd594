import { diffBriefs, type BriefDiff, type TypedBriefContent } from '@brieflock/schema';
import { workTask } from '../../work/pool.js';
import { type CheckInput, checkRecords, type VerificationReport } from './verify-proposal.js';

/**
 * The contract's CPU-heavy steps as work-pool tasks (see work/pool.ts). Each worker
 * imports this module and calls one export; the main thread refers to them by the
 * descriptors below.
 */

export interface DiffInput {
  before: TypedBriefContent;
  after: TypedBriefContent;
}

export function diffInWorker({ before, after }: DiffInput): BriefDiff {
  return diffBriefs(before, after);
}

export function checkRecordsInWorker(input: CheckInput): Promise<VerificationReport> {
  return checkRecords(input);
}

/** Characters of a brief's text and list fields: what diffing it costs grows with. */
export function briefSize(content: TypedBriefContent): number {
  let size = 0;
  for (const value of Object.values(content) as unknown[]) {
    if (Array.isArray(value)) {
      for (const item of value) {
        size += 16;
        for (const field of Object.values(item as Record<string, unknown>)) size += String(field ?? '').length;
      }
    } else if (value && typeof value === 'object' && 'text' in value) size += String(value.text).length;
    else size += 64;
  }
  return size;
}

/**
 * Briefs up to this size (both sides together, in characters) are diffed on the event
 * loop: the bounded diff of two such texts, however unrelated, costs a few milliseconds
 * (at most DIFF_LIMITS.maxWordEdits² steps of Myers' diff), less than a round trip to a
 * worker. Larger ones go to the work pool.
 */
export const INLINE_DIFF_MAX_CHARS = 4_000;

/** Proposals whose records come to less than this (see recordsSize) are verified on the event loop. */
export const INLINE_VERIFY_MAX_BYTES = 64 * 1024;

export const diffTask = workTask<DiffInput, BriefDiff>(import.meta.url, './work-tasks', 'diffInWorker');
export const checkRecordsTask = workTask<CheckInput, VerificationReport>(
  import.meta.url,
  './work-tasks',
  'checkRecordsInWorker',
);
