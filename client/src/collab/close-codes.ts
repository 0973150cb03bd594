import { CloseCode } from '@brieflock/schema';

/** What a close of the collaboration socket means to the person editing. */
export interface CloseInfo {
  code: number;
  /** Short status line. */
  title: string;
  /** What happened and what to do. */
  message: string;
  /** Reconnecting cannot help: stop and say so. */
  fatal: boolean;
  /** The user may no longer see this brief: the editor is taken away. */
  blocksEditing: boolean;
  /** Whatever this device stored of the brief should be erased. */
  forgetLocalCopy: boolean;
}

const KNOWN: Record<number, Omit<CloseInfo, 'code'>> = {
  [CloseCode.UNAUTHENTICATED]: {
    title: 'Signed out',
    message:
      'Your session has ended, so changes can no longer reach the others. They are kept on this device; sign in again to send them.',
    fatal: true,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.FORBIDDEN]: {
    title: 'Access refused',
    message: 'You are not allowed to open this brief. Ask the client on this proposal to check your invitation.',
    fatal: true,
    blocksEditing: true,
    forgetLocalCopy: false,
  },
  [CloseCode.NOT_FOUND]: {
    title: 'Proposal not found',
    message: 'This proposal no longer exists, so its brief cannot be opened.',
    fatal: true,
    blocksEditing: true,
    forgetLocalCopy: true,
  },
  [CloseCode.PARTICIPANT_REMOVED]: {
    title: 'Removed from proposal',
    message:
      'You were removed from this proposal. The brief is no longer shared with you and was erased from this device.',
    fatal: true,
    blocksEditing: true,
    forgetLocalCopy: true,
  },
  [CloseCode.ROLE_CHANGED]: {
    title: 'Role changed',
    message: 'Your role on this proposal changed. Reconnecting with it…',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.DOCUMENT_TOO_LARGE]: {
    title: 'Brief too large',
    message:
      'The brief has reached its size limit and the latest change was refused. Shorten or remove some content; reconnecting…',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.LOAD_FAILED]: {
    title: 'Server could not load the brief',
    message: 'The server could not load this brief right now. Your changes are kept on this device; retrying…',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.MESSAGE_TOO_BIG]: {
    title: 'Change too large',
    message: 'A single change was too large to send (a very long paste?). Undo it or split it up; reconnecting…',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.TOO_MANY_CLIENT_IDS]: {
    title: 'Change refused',
    message:
      'The brief has been edited from too many sessions (or one change carried too many), so the latest change was refused. Reload the page to continue editing; reconnecting…',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.STORAGE_LIMIT]: {
    title: 'Brief history full',
    message:
      'Changes to this brief arrived faster than the server may store them, so the latest change was refused. It is kept on this device; retrying…',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.SLOW_READER]: {
    title: 'Connection too slow',
    message:
      'This device fell too far behind receiving changes, so the server dropped the connection. Your changes are kept; reconnecting…',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.TOO_MANY_SOCKETS]: {
    title: 'Open in too many tabs',
    message:
      'This brief is open in too many of your tabs or windows (or you have too many briefs open at once). Close some of them; retrying…',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
  [CloseCode.RATE_LIMITED]: {
    title: 'Slowed down',
    message: 'Too many changes arrived at once; reconnecting shortly.',
    fatal: false,
    blocksEditing: false,
    forgetLocalCopy: false,
  },
};

/** Codes after which reconnecting is pointless (a decision, not an accident). */
export const isFatalClose = (code: number | undefined): boolean => code !== undefined && KNOWN[code]?.fatal === true;

/** Details for a close code the server chose; null for ordinary network closes. */
export function describeClose(code: number | undefined): CloseInfo | null {
  if (code === undefined) return null;
  const known = KNOWN[code];
  return known ? { code, ...known } : null;
}
