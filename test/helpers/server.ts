/** A real server on a random local port over a temporary store filled with the demo articles. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildDemoStore } from '../../src/adapters/cli/commands/demo.js';
import { loadEngine } from '../../src/adapters/engine.js';
import { createServer, type ServerOptions } from '../../src/adapters/server/index.js';
import { asSqlite, openStore } from '../../src/adapters/store/index.js';
import type { Store } from '../../src/adapters/store/types.js';

export interface TestServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  db: string;
  close(): Promise<void>;
}

let demoDb: string | null = null;

/** The demo store, built once per process and copied for each server that writes to it. */
export async function demoStorePath(): Promise<string> {
  if (!demoDb) {
    demoDb = join(mkdtempSync(join(tmpdir(), 'parley-serve-demo-')), 'demo.db');
    await buildDemoStore(demoDb);
  }
  return demoDb;
}

export async function startServer(opts: Partial<ServerOptions> & { engine?: ServerOptions['engine'] } = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'parley-serve-'));
  const db = join(dir, 'store.db');
  const src = openStore(await demoStorePath());
  // a copy per server: tests that ingest must not change what other tests read
  await asSqlite(src)!.db.backup(db);
  await src.close();
  const store = openStore(db);
  const app = createServer({ store, engine: opts.engine === undefined ? () => loadEngine() : opts.engine, allowPrivateFetch: true, onError: () => undefined, ...opts });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    db,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function getJson<T = any>(url: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) body = JSON.parse(text);
  return { status: res.status, body: body as T, headers: res.headers };
}
