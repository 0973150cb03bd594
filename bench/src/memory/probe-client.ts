import type { ChildProcess } from 'node:child_process';

/**
 * Asks a server child started with `memory/probe.mjs` preloaded (and an IPC channel) for
 * its `process.memoryUsage()` after a forced garbage collection.
 */
export function memoryProbe(child: ChildProcess, name: string): () => Promise<NodeJS.MemoryUsage> {
  let requests = 0;
  const pending = new Map<number, (usage: NodeJS.MemoryUsage) => void>();
  child.on('message', (message: { type?: string; id?: number; usage?: NodeJS.MemoryUsage }) => {
    if (message.type === 'memory' && message.id !== undefined) pending.get(message.id)?.(message.usage!);
  });
  return () =>
    new Promise((resolve, reject) => {
      const id = ++requests;
      const timer = setTimeout(() => reject(new Error(`${name}: no memory report within 30 s`)), 30_000);
      pending.set(id, (usage) => {
        clearTimeout(timer);
        pending.delete(id);
        resolve(usage);
      });
      child.send({ type: 'memory', id });
    });
}
