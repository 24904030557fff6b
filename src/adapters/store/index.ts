/**
 * Opening a store from a `--db` value: a file path (SQLite, the default) or a postgres:// URL
 * (the same Store interface on PostgreSQL, postgres.ts; `?schema=name` picks the schema).
 */
import { SqliteStore, type SqliteStoreOptions } from './sqlite.js';
import { PostgresStore, PostgresStoreError } from './postgres.js';
import type { Store } from './types.js';

export type * from './types.js';
export { SqliteStore } from './sqlite.js';
export { PostgresStore } from './postgres.js';

export const DEFAULT_DB = './parley.db';

export class StoreError extends Error {}

export function openStore(spec: string = DEFAULT_DB, opts: SqliteStoreOptions = {}): Store & { kind: string } {
  // ── PostgreSQL (issue 8): postgres://user@host:5432/db?schema=name ──
  if (/^postgres(ql)?:\/\//i.test(spec)) {
    try {
      return new PostgresStore(spec);
    } catch (e) {
      if (e instanceof PostgresStoreError) throw new StoreError(e.message);
      throw e;
    }
  }
  // ──
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(spec)) throw new StoreError(`unknown store "${spec}": give a file path (SQLite) or a postgres:// URL`);
  return new SqliteStore(spec, opts);
}

/** The SQLite store behind a Store, for the commands that stream from it (export). */
export function asSqlite(store: Store): SqliteStore | null {
  return store instanceof SqliteStore ? store : null;
}
