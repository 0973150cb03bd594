/** Prefix of the IndexedDB databases that keep briefs on this device (see session.ts). */
export const DEVICE_COPY_PREFIX = 'brieflock:';

/**
 * Erases every brief kept on this device. Called on sign-out, so the next person at a
 * shared computer cannot read the last one's briefs from the browser's storage.
 */
export async function eraseDeviceCopies(): Promise<void> {
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const databases = await indexedDB.databases().catch(() => []);
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => typeof name === 'string' && name.startsWith(DEVICE_COPY_PREFIX))
      .map(
        (name) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(name);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}

/** Erases the copy of one brief kept on this device for one person (see session.ts). */
export function eraseDeviceCopy(proposalId: string, userId: string): Promise<void> {
  if (typeof indexedDB === 'undefined') return Promise.resolve();
  return new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(`${DEVICE_COPY_PREFIX}${proposalId}:${userId}`);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}
