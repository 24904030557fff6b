/**
 * Opening a store from a `--db` value: a file path (SQLite, the default).
 */
import { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
import type { Store } from './types.js';

export type * from './types.js';
export { SqliteStore } from './sqlite.js';

export const DEFAULT_DB = './parley.db';

export class StoreError extends Error {}

export function openStore(spec: string = DEFAULT_DB, opts: SqliteStoreOptions = {}): Store & { kind: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new StoreError(`unknown store "${spec}": give a file path (SQLite)`);
  return new SqliteStore(spec, opts);
}

/** The SQLite store behind a Store, for the commands that stream from it (export). */
export function asSqlite(store: Store): SqliteStore | null {
  return store instanceof SqliteStore ? store : null;
}
