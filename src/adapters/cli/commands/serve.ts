/** `parley serve`: the HTTP API and the dashboard over a store, until Ctrl-C. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { engineFingerprint } from '../../ingest/fingerprint.js';
import { ExtractorPool } from '../../ingest/pool.js';
import { createServer, DEFAULT_RATE_LIMIT, type Extractor } from '../../server/index.js';
import { openStore, StoreError } from '../../store/index.js';
import type { Store } from '../../store/types.js';
import { action, dbOption, openExisting, UsageError, type CommandContext } from './common.js';

export interface ServeOptions {
  host: string;
  port: string;
  readOnly?: boolean;
  kb: string[];
  disable: string;
  allowPrivateFetch?: boolean;
  log?: boolean;
  cache: boolean;
  token?: string;
  rateLimit: string;
  writeRateLimit: string;
  trustProxy?: string;
}

export const hostOption = (cmd: Command) =>
  cmd
    .option('--host <host>', 'the interface to listen on; an address beyond this machine needs --token', '127.0.0.1')
    .option('--token <token>', 'a secret that requests changing the store must carry as "Authorization: Bearer TOKEN" (default: $PARLEY_TOKEN)')
    .option('-p, --port <port>', 'the port (0: any free port)', '8080')
    .option('--kb <file>', 'a knowledge-base file merged over the shipped one, for POST /articles (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--disable <stages>', 'comma-separated stage names to switch off, for POST /articles', '')
    .option('--allow-private-fetch', 'let POST /articles fetch URLs on loopback and private networks')
    .option('--rate-limit <n>', 'GET requests a minute per client address, then 429 (0: no limit)', String(DEFAULT_RATE_LIMIT.reads))
    .option('--write-rate-limit <n>', 'POST requests a minute per client address, then 429 (0: no limit)', String(DEFAULT_RATE_LIMIT.writes))
    .option('--trust-proxy <addresses>', "comma-separated addresses or CIDR ranges of reverse proxies whose X-Forwarded-For names the client (for the rate limit)")
    .option('--log', 'log every request (JSON lines on stdout)')
    .option('--no-cache', 'answer every request from the store (no answers kept in memory)');

export function checkPort(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${v}"`);
  return Number(v);
}

export function checkRate(name: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 1e9) throw new UsageError(`${name} must be a whole number of requests a minute (0: no limit), got "${v}"`);
  return Number(v);
}

const urlOf = (host: string, port: number) => `http://${host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/`;

/** An extractor on one worker thread, so extraction does not hold up the requests being served. */
export function workerExtractor(kb: string[], disable: string[]): { extractor: () => Extractor; close: () => Promise<void> } {
  let pool: ExtractorPool | null = null;
  return {
    extractor: () => {
      pool ??= new ExtractorPool(1, { kb, disable });
      const p = pool;
      return {
        async extract(article) {
          const [x] = await p.extract([article]);
          if (!x.ok) throw new Error(`extraction failed: ${x.error}`);
          return x.result;
        },
      };
    },
    close: async () => {
      await pool?.close();
    },
  };
}

/** Starts the server over an open store and resolves when it has stopped (SIGINT or SIGTERM). */
export async function serveStore(ctx: CommandContext, store: Store, o: ServeOptions & { name: string; banner?: (url: string) => string; anyPortIfBusy?: boolean }): Promise<void> {
  const port = checkPort(o.port);
  const rateLimit = { reads: checkRate('--rate-limit', o.rateLimit ?? String(DEFAULT_RATE_LIMIT.reads)), writes: checkRate('--write-rate-limit', o.writeRateLimit ?? String(DEFAULT_RATE_LIMIT.writes)), windowMs: 60_000 };
  const disable = o.disable.split(',').map((s) => s.trim()).filter(Boolean);
  const engine = o.readOnly ? null : workerExtractor(o.kb, disable);
  // on a loopback address, only the names of this machine: a DNS-rebinding page cannot reach the API
  const loopback = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/i.test(o.host);
  const token = o.token || process.env.PARLEY_TOKEN || null; // an empty value is none
  if (!loopback && !token) throw new UsageError(`refusing to listen on ${o.host} without a token: anyone who reaches it could write to the store (give --token or PARLEY_TOKEN, or serve on 127.0.0.1)`);
  if (token !== null && token.length < 16) throw new UsageError('--token must be at least 16 characters');
  const allowedHosts = loopback ? ['localhost', '127.0.0.1', '[::1]', o.host.includes(':') ? `[${o.host}]` : o.host] : undefined;
  const app = createServer({ store, allowedHosts, token, engine: engine?.extractor, engineFingerprint: o.readOnly ? null : engineFingerprint(o.kb, disable), allowPrivateFetch: !!o.allowPrivateFetch, logger: !!o.log, cache: o.cache !== false, rateLimit, trustProxy: o.trustProxy?.split(',').map((s) => s.trim()).filter(Boolean) });
  let address: { port: number };
  try {
    try {
      await app.listen({ host: o.host, port });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !o.anyPortIfBusy) throw e;
      ctx.err(`parley: port ${port} is in use; serving on a free port instead\n`);
      await app.listen({ host: o.host, port: 0 });
    }
    address = app.server.address() as { port: number };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    await engine?.close();
    if (err.code === 'EADDRINUSE') throw new UsageError(`port ${port} on ${o.host} is in use (choose another with --port, or --port 0 for any free one)`);
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${o.host}: ${err.code}`);
    throw e;
  }
  const url = urlOf(o.host, address.port);
  ctx.out(o.banner ? o.banner(url) : `parley: serving ${o.name} at ${url} (API: ${url}openapi.json${o.readOnly ? ', read-only' : ''}); Ctrl-C to stop\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await app.close();
  await engine?.close();
}

export function registerServe(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('serve')
    .description('the HTTP API (OpenAPI at /openapi.json) and the web dashboard over a store')
    .addOption(dbOption())
    .option('--read-only', 'open the store read-only; POST /articles is refused');
  hostOption(cmd).action(
    action(ctx, async (o: ServeOptions & { db: string }) => {
      let store: Store;
      if (o.readOnly) {
        if (!existsSync(o.db)) throw new UsageError(`${o.db}: no such store (create it with: parley ingest SOURCES --db ${o.db})`);
        try {
          store = openStore(o.db, { readonly: true });
        } catch (e) {
          if (e instanceof StoreError) throw new UsageError(e.message);
          throw e;
        }
      } else store = openExisting(o.db);
      try {
        await serveStore(ctx, store, { ...o, name: o.db });
      } finally {
        await store.close();
      }
    }),
  );
}
