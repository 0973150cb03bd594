export * from './errors.js';
export * from './limits.js';
export * from './roles.js';
export * from './brief.js';
export * from './brief-content.js';
export * from './readiness.js';
export * from './collab.js';
