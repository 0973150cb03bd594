import { contentHashOf } from '@brieflock/schema';

/**
 * Frozen content comes from the server but was written by any participant's client, so
 * nothing in it is trusted to be well-formed: it is read through these.
 */

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The content hash of the content as received, computed here; null when it is not JSON at all. */
export function recomputeContentHash(contentJson: unknown): string | null {
  try {
    return contentHashOf(contentJson);
  } catch {
    return null;
  }
}
