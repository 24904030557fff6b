/**
 * Rate limiting per client address (@fastify/rate-limit, in memory): reads (GET, HEAD) and writes
 * (POST and the rest) are counted separately, each in a window of one minute, so a dashboard reader
 * is never held up by someone posting articles, nor the other way round. A client over its limit gets
 * 429 with Retry-After (seconds) and a JSON message. IPv6 clients are counted by /64 network (one
 * host usually has a whole /64). At most 10,000 addresses are remembered (least recently seen first
 * out), so a flood of addresses cannot grow the memory.
 *
 * Behind a reverse proxy every request comes from the proxy's address: limit there instead.
 */
import rateLimit, { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './route.js';

export interface RateLimit {
  /** GET and HEAD requests a client may make per window; 0: no limit. */
  reads: number;
  /** Other requests (POST /articles) a client may make per window; 0: no limit. */
  writes: number;
  /** The window in milliseconds (default one minute). */
  windowMs?: number;
}

/**
 * The default: 1,200 reads a minute (20 a second: a dashboard page makes fewer than ten requests)
 * and 60 writes a minute (each POST /articles runs an extraction; bulk loading is `parley ingest`).
 */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimit> = Object.freeze({ reads: 1200, writes: 60, windowMs: 60_000 });

const isRead = (req: FastifyRequest) => req.method === 'GET' || req.method === 'HEAD';

/** Registers the limiter; routes added after it (in a later plugin) are limited. */
export function registerRateLimit(app: FastifyInstance, limit: RateLimit): void {
  const windowMs = limit.windowMs ?? 60_000;
  const per = windowMs === 60_000 ? 'a minute' : `per ${windowMs / 1000} s`;
  const maxOf = (req: FastifyRequest) => (isRead(req) ? limit.reads : limit.writes);
  void app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: windowMs,
    cache: 10_000,
    // the same address has one count for reads and one for writes
    keyGenerator: (req) => `${isRead(req) ? 'r' : 'w'} ${rateLimitKey(req.ip)}`,
    max: (req) => maxOf(req),
    allowList: (req) => maxOf(req) <= 0,
    errorResponseBuilder: (req, ctx) =>
      new HttpError(429, `too many ${isRead(req) ? 'reads' : 'writes'} from this address (at most ${ctx.max} ${per}); retry in ${Math.max(1, Math.ceil(ctx.ttl / 1000))} s`),
  });
}

/** The address a client is counted by: IPv4 as is, IPv4-mapped IPv6 as IPv4, other IPv6 by /64. */
export function rateLimitKey(ip: string): string {
  return normalizeIP(String(ip ?? ''));
}
