import { ErrorCode } from '@brieflock/schema';
import { ApiError } from '../api';

/** Why the server refused an e-mailed link's token. */
export type LinkRefusal = 'unknown' | 'expired' | 'used';

/** The refusal a BAD_USER_INPUT on the `token` field carries; null for any other error. */
export function linkRefusalOf(error: unknown): LinkRefusal | null {
  if (!(error instanceof ApiError) || error.code !== ErrorCode.BAD_USER_INPUT) return null;
  if (error.details.field !== 'token') return null;
  const { reason } = error.details;
  return reason === 'expired' || reason === 'used' ? reason : 'unknown';
}

/** Whether a BAD_USER_INPUT names the password, e.g. one too short. */
export function isPasswordError(error: unknown): boolean {
  return error instanceof ApiError && error.code === ErrorCode.BAD_USER_INPUT && error.details.field === 'password';
}
