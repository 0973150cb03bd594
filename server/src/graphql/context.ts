import type { Context } from '../modules/context.js';
import { createLoaders } from './loaders.js';

/** A request's context from what its transport knows, with fresh batch loaders and draft cache. */
export function buildContext(fields: Omit<Context, 'loaders' | 'loadersFor' | 'drafts'>): Context {
  return { ...fields, loaders: createLoaders(fields.em), loadersFor: createLoaders, drafts: new Map() };
}
