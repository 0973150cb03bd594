import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context, Loaders } from '../modules/context.js';
import { createLoaders } from './loaders.js';

/** A request's context from what its transport knows, with fresh batch loaders and draft cache. */
export function buildContext(fields: Omit<Context, 'loaders' | 'loadersFor' | 'drafts'>): Context {
  return { ...fields, loaders: createLoaders(fields.em), loadersFor: createLoaders, drafts: new Map() };
}

/** What every request of one app shares: its services and settings. */
export type SharedContext = Pick<
  Context,
  | 'sessionTtlMs'
  | 'signInThrottle'
  | 'relyingParty'
  | 'orm'
  | 'live'
  | 'events'
  | 'keys'
  | 'jobs'
  | 'reach'
  | 'webhookAllowPrivate'
>;

/** What one request brings; its unit of work is made on first use when `fork` is given. */
export type RequestFields = Pick<Context, 'viewer' | 'tokenProblem' | 'meta' | 'cookies' | 'log'> & {
  /** The request's unit of work if made already (to authenticate). */
  em: EntityManager | undefined;
  /** Makes the request's unit of work. */
  fork: () => EntityManager;
};

/** The own state of a context behind its lazy `em` and `loaders`. */
interface LazyState {
  unitOfWork: EntityManager | undefined;
  forkUnitOfWork: () => EntityManager;
  requestLoaders: Loaders | undefined;
}

/**
 * Contexts for one app's requests, cheaper per request than `buildContext`: what the app's
 * requests share sits on a prototype, so a request allocates (and Apollo, which copies each
 * context's own properties, copies) only what is its own; its unit of work and batch loaders
 * are made when a resolver first reads them, so a request that never touches the database
 * (`{ me { id } }` signed out) forks nothing.
 */
export function createContextFactory(shared: SharedContext): (fields: RequestFields) => Context {
  const prototype = Object.defineProperties(
    { ...shared, loadersFor: createLoaders },
    {
      em: {
        get(this: LazyState) {
          this.unitOfWork ??= this.forkUnitOfWork();
          return this.unitOfWork;
        },
      },
      loaders: {
        get(this: LazyState & Context) {
          this.requestLoaders ??= createLoaders(this.em);
          return this.requestLoaders;
        },
        set(this: LazyState, loaders: Loaders) {
          this.requestLoaders = loaders;
        },
      },
    },
  );
  return ({ em, fork, viewer, tokenProblem, meta, cookies, log }) => {
    const context = Object.create(prototype) as Context & LazyState;
    context.viewer = viewer;
    context.tokenProblem = tokenProblem;
    context.meta = meta;
    context.cookies = cookies;
    context.log = log;
    context.drafts = new Map();
    context.unitOfWork = em;
    context.forkUnitOfWork = fork;
    context.requestLoaders = undefined;
    return context;
  };
}
