import 'reflect-metadata';
import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO_ROOT } from '../config.js';
import { buildAppSchema, printSortedSchema } from '../graphql/schema.js';

/** Writes the SDL to schema/schema.graphql (run after changing resolvers or types). */
const target = path.join(REPO_ROOT, 'schema', 'schema.graphql');
await fs.writeFile(target, printSortedSchema(await buildAppSchema()));
console.log(`wrote ${path.relative(REPO_ROOT, target)}`);
