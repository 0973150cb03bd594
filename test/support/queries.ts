import { stripVTControlCharacters } from 'node:util';

/** The data statements in the ORM's query log (`t.queries`); transaction control is not counted. */
export const dataStatements = (log: readonly string[]): string[] =>
  log
    .map((line) =>
      stripVTControlCharacters(line)
        .replace(/^\[query\]\s*/, '')
        .trim(),
    )
    .filter((sql) => /^(select|insert|update|delete|with)\b/i.test(sql));
