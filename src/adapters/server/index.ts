/**
 * `createServer({store, engine?})`: the HTTP API (JSON, zod-validated inputs, OpenAPI at
 * /openapi.json) and the dashboard (dist/web) over a Store. The server owns neither the store nor the
 * engine: the caller opens and closes them.
 *
 * Security from the start: every response carries strict headers (a CSP that allows only the
 * dashboard's own scripts, no framing, no sniffing); errors are JSON with a status and a message,
 * never a stack; request bodies are size-limited; the dashboard is served from an in-memory map of
 * the built files (no path ever reaches the disk); SQL the server adds is parameterised (reads.ts);
 * each client address has a rate limit for reads and one for writes (ratelimit.ts).
 *
 * The order a request goes through: security headers and the host check (onRequest), the rate limit
 * (the routes' onRequest), the write token and the cross-origin check (preParsing, so refused writes
 * count against the limit and a token cannot be guessed at full speed), then the body and the route.
 */
import { timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadKnowledgeBase } from '../../knowledge/load.js';
import { asSqlite } from '../store/index.js';
import { SqliteWriterThread } from '../store/sqlite-writer.js';
import type { Store } from '../store/types.js';
import { makeContext } from './context.js';
import { Ingestor, type Extractor } from './ingest.js';
import { namesFromKb, type Names } from './names.js';
import { readsFor } from './reads.js';
import { HttpError, register, type AnyRoute } from './route.js';
import { actorRoutes } from './routes/actors.js';
import { articleRoutes } from './routes/articles.js';
import { commitmentRoutes } from './routes/commitments.js';
import { dyadRoutes } from './routes/dyads.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { placeRoutes } from './routes/places.js';
import { quoteRoutes } from './routes/quotes.js';
import { DEFAULT_RATE_LIMIT, registerRateLimit, type RateLimit } from './ratelimit.js';
import { DEFAULT_WEB_ROOT, loadStatic, lookupStatic } from './static.js';

export { HttpError } from './route.js';
export type { Extractor } from './ingest.js';
export { DEFAULT_WEB_ROOT } from './static.js';
export { DEFAULT_RATE_LIMIT, type RateLimit } from './ratelimit.js';

export const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export interface ServerOptions {
  store: Store;
  /** Enables POST /articles: an engine, or a function that makes one on first use. */
  engine?: Extractor | (() => Extractor) | null;
  /** The engine fingerprint stored with ingested articles. */
  engineFingerprint?: string | null;
  /** Display names for codes; default: the shipped KB's states and organisations. */
  names?: Names;
  /** The built dashboard; default dist/web; null for the API alone. */
  webRoot?: string | null;
  /** Largest request body in bytes (default 2 MiB). */
  bodyLimit?: number;
  /** Largest article accepted by POST /articles (default 1 MiB of text, as the CLI). */
  maxArticleBytes?: number;
  /** Let POST /articles fetch URLs on loopback or private addresses (default false). */
  allowPrivateFetch?: boolean;
  /** Keep answers in memory until the store changes (default true; false measures the store alone). */
  cache?: boolean;
  /**
   * Host names requests may be addressed to (the Host header); others are refused with 403, which
   * stops DNS-rebinding pages from reaching a server on localhost. Default: any.
   */
  allowedHosts?: string[];
  /** Log requests (fastify's logger). Default false; server errors are logged either way. */
  logger?: boolean;
  /**
   * A secret every request that changes the store must carry (`Authorization: Bearer TOKEN`); reads
   * stay open. Default: none (then only same-origin requests may write; see SECURITY.md).
   */
  token?: string | null;
  /**
   * Requests per window (default one minute) per client address, reads (GET, HEAD) and writes
   * counted apart; 0 for either: no limit on it; null: no limiting at all. Default DEFAULT_RATE_LIMIT
   * (1,200 reads and 60 writes a minute).
   */
  rateLimit?: RateLimit | null;
  /**
   * Addresses (or CIDR ranges) of reverse proxies whose X-Forwarded-For names the client, for the rate
   * limit and the logs. Default none: the header is ignored, as any client could send it.
   */
  trustProxy?: string[];
  /** Where a server error is reported (default: stderr). */
  onError?: (e: unknown) => void;
}

/** The Content-Security-Policy: the dashboard's own scripts and styles, nothing inline, no framing. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

/** Errors from the SQLite store that mean the input was wrong (a bad full-text query), not the server. */
function inputError(e: Error): string | null {
  const m = e.message;
  if (/fts5: syntax error|unterminated string|no such column|malformed MATCH|unknown special query/i.test(m)) return `invalid full-text query: ${m.replace(/^fts5: /, '')}`;
  return null;
}

export function createServer(o: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: o.logger ?? false,
    bodyLimit: o.bodyLimit ?? 2 * 1024 * 1024,
    routerOptions: { maxParamLength: 1000, ignoreTrailingSlash: true },
    requestTimeout: 120_000,
    return503OnClosing: true,
    trustProxy: o.trustProxy?.length ? o.trustProxy : false,
  });
  const reads = readsFor(o.store);
  const names = o.names ?? namesFromKb(loadKnowledgeBase());
  // on a SQLite file, POST /articles writes and links on a thread of its own
  const sqlite = asSqlite(o.store);
  const writer = o.engine && sqlite && sqlite.path !== ':memory:' && !sqlite.db.readonly ? new SqliteWriterThread(sqlite.path) : null;
  const ingest = o.engine ? new Ingestor(o.store, reads, { engine: o.engine, fingerprint: o.engineFingerprint, allowPrivateFetch: o.allowPrivateFetch, maxArticleBytes: o.maxArticleBytes, writer: writer ?? undefined }) : null;
  if (writer) app.addHook('onClose', () => writer.close());
  const ctx = makeContext({ store: o.store, reads, names, version: VERSION, ingest }, o.cache ?? true);
  const onError = o.onError ?? ((e: unknown) => process.stderr.write(`parley serve: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`));

  const hosts = o.allowedHosts ? new Set(o.allowedHosts.map((h) => h.toLowerCase())) : null;
  const token = o.token ? Buffer.from(o.token) : null;
  // constant-time comparison, so the time of a refusal says nothing about the token
  const tokenOk = (header: string | undefined) => {
    const given = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1] ?? '');
    return token !== null && given.length === token.length && timingSafeEqual(given, token);
  };
  app.addHook('onRequest', async (req, reply) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) reply.header(k, v);
    const host = String(req.headers.host ?? '').toLowerCase();
    if (hosts && !hosts.has(host.replace(/:\d+$/, ''))) throw new HttpError(403, 'this server does not answer to that host name');
  });
  // after the rate limit (a route-level onRequest hook), before the body is read
  app.addHook('preParsing', async (req, reply, payload) => {
    const host = String(req.headers.host ?? '').toLowerCase();
    // a page on another site must not write to the store through the analyst's browser
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      if (token && !tokenOk(req.headers.authorization)) {
        reply.header('www-authenticate', 'Bearer');
        throw new HttpError(401, 'this server takes writes only with its token (Authorization: Bearer TOKEN)');
      }
      const origin = req.headers.origin;
      const site = req.headers['sec-fetch-site'];
      let crossOrigin = site === 'cross-site' || site === 'same-site';
      if (origin && origin !== 'null') {
        try {
          crossOrigin ||= new URL(origin).host.toLowerCase() !== host;
        } catch {
          crossOrigin = true;
        }
      } else if (origin === 'null') crossOrigin = true;
      if (crossOrigin) throw new HttpError(403, 'cross-origin requests may not change the store');
    }
    return payload;
  });
  app.addContentTypeParser('text/html', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    let status = err instanceof HttpError ? err.statusCode : typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    let message = err.message;
    const bad = status === 500 ? inputError(err) : null;
    if (bad) {
      status = 400;
      message = bad;
    }
    if (status >= 500 && !(err instanceof HttpError)) {
      onError(err);
      message = 'internal server error';
    }
    const body: Record<string, unknown> = { error: STATUS_CODES[status] ?? 'Error', message };
    if (err instanceof HttpError && err.issues) body.issues = err.issues;
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).type('application/json; charset=utf-8').send({ error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0].slice(0, 200)}` });
  });

  const routes: AnyRoute[] = [];
  routes.push(
    ...healthRoutes(ctx, () => routes),
    ...articleRoutes(ctx),
    ...eventRoutes(ctx),
    ...actorRoutes(ctx),
    ...dyadRoutes(ctx),
    ...quoteRoutes(ctx),
    ...commitmentRoutes(ctx),
    ...placeRoutes(ctx),
  );
  const limit = o.rateLimit === undefined ? DEFAULT_RATE_LIMIT : o.rateLimit;
  if (limit && (limit.reads > 0 || limit.writes > 0)) registerRateLimit(app, limit);

  // the dashboard
  const files = o.webRoot === null ? new Map() : loadStatic(o.webRoot ?? DEFAULT_WEB_ROOT);
  const serveStatic = async (req: { url: string }, reply: import('fastify').FastifyReply) => {
    const f = lookupStatic(files, req.url);
    if (!f) {
      if (!files.size && (req.url === '/' || req.url.startsWith('/?')))
        return reply.type('text/plain; charset=utf-8').send('parley: the dashboard is not built (npm run build:web); the API is at /openapi.json\n');
      throw new HttpError(404, `no such file ${req.url.split('?')[0].slice(0, 200)}`);
    }
    reply.header('cache-control', f.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.type(f.type).send(f.body);
  };
  // the routes in a plugin registered after the limiter, so that its onRoute hook sees them all
  void app.register(async (scope) => {
    register(scope, routes);
    scope.get('/', serveStatic);
    scope.get('/*', serveStatic);
  });
  return app;
}
