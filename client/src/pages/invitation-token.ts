/** The token of an invitation link's address, or null on any other page. */
export function invitationTokenOf(path: string): string | null {
  const match = /^\/invitations\/([^/]+)\/?$/.exec(path);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
