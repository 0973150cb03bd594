import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type * as Y from 'yjs';

/** One patch of an editing trace: delete `deleteCount` characters at `pos`, then insert `text` there. */
export type Patch = [pos: number, deleteCount: number, text: string];

export interface Txn {
  time: string;
  patches: Patch[];
}

/** An editing trace from josephg/editing-traces (see ../shared/traces/README.md). */
export interface Trace {
  name: string;
  startContent: string;
  endContent: string;
  txns: Txn[];
}

/** The traces live beside the repository: /work/shared/traces when the repo is /work/main. */
export const TRACE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/traces');

const cache = new Map<string, Trace | undefined>();

/** Loads `<name>.json.gz`; undefined (and one line on stdout) when the file is missing. */
export async function loadTrace(name: string): Promise<Trace | undefined> {
  if (cache.has(name)) return cache.get(name);
  const file = path.join(TRACE_DIR, `${name}.json.gz`);
  let trace: Trace | undefined;
  try {
    const parsed = JSON.parse(gunzipSync(await fs.readFile(file)).toString('utf8')) as Omit<Trace, 'name'>;
    trace = { name, ...parsed };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    console.log(`trace ${file} not found: the cases that replay it are skipped`);
  }
  cache.set(name, trace);
  return trace;
}

/** Applies one transaction's patches, in order, to a Y.Text (call inside `doc.transact`). */
export function applyPatches(text: Y.Text, patches: Patch[]): void {
  for (const [pos, deleteCount, insert] of patches) {
    if (deleteCount > 0) text.delete(pos, deleteCount);
    if (insert.length > 0) text.insert(pos, insert);
  }
}

/** True when a transaction changes nothing (it would produce no Yjs update and no message). */
export const isNoop = (txn: Txn): boolean => txn.patches.every(([, del, ins]) => del === 0 && ins.length === 0);
