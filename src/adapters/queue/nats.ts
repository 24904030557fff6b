/**
 * The work queue: NATS JetStream (`--queue nats://host:4222?stream=NAME`).
 *
 * - One work-queue stream (`PARLEY`, subject `parley.articles`): each message is one article, JSON,
 *   deflated, with the article id as `Nats-Msg-Id` (a publish repeated within two minutes is dropped
 *   by the server). Retention "work queue": a message is gone once acknowledged. The stream has limits
 *   (messages, bytes) and discards new messages when full, so a publisher that runs ahead of the
 *   workers is told to wait (backpressure) instead of the queue growing without bound.
 * - One durable pull consumer (`workers`) shared by every worker: explicit acks, `ack_wait` after which
 *   an unacknowledged message (its worker crashed) is delivered again, `max_deliver` one more than the
 *   attempts a worker makes, and `max_ack_pending`, the bound on messages in flight across all workers.
 * - A dead-letter stream (`PARLEY_DEAD`, subject `parley.dead`): a message that failed on every
 *   attempt is published there with its reason in headers, then acknowledged on the work queue.
 * - A key-value bucket (`PARLEY_WORKERS`) where each worker puts its counters every two seconds; the
 *   entries expire, so a worker that died drops out of `parley status`.
 */
import { hostname } from 'node:os';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  DiscardPolicy,
  headers as natsHeaders,
  nanos,
  RetentionPolicy,
  StorageType,
  type Consumer,
  type ConsumerInfo,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type KV,
  type MsgHdrs,
  type NatsConnection,
} from 'nats';
import type { Article } from '../../core/types.js';

export class QueueError extends Error {}

export interface QueueNames {
  servers: string;
  user?: string;
  pass?: string;
  /** Work-queue stream and its subject. */
  stream: string;
  subject: string;
  /** Dead letters. */
  deadStream: string;
  deadSubject: string;
  /** Worker heartbeats (JetStream key-value bucket). */
  workersBucket: string;
  consumer: string;
}

const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/** nats://[user:pass@]host:port[?stream=NAME] → the servers and the names of everything parley uses. */
export function parseQueueUrl(spec: string): QueueNames {
  let u: URL;
  try {
    u = new URL(spec);
  } catch {
    throw new QueueError(`not a queue URL: ${spec} (expected nats://host:4222)`);
  }
  if (!/^(nats|tls):$/.test(u.protocol)) throw new QueueError(`not a NATS URL: ${spec} (expected nats://host:4222)`);
  const stream = u.searchParams.get('stream') ?? 'PARLEY';
  if (!NAME.test(stream)) throw new QueueError(`stream name "${stream}": use letters, digits, _ and -`);
  const prefix = stream.toLowerCase();
  return {
    servers: `${u.protocol}//${u.hostname}:${u.port || 4222}`,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    pass: u.password ? decodeURIComponent(u.password) : undefined,
    stream,
    subject: `${prefix}.articles`,
    deadStream: `${stream}_DEAD`,
    deadSubject: `${prefix}.dead`,
    workersBucket: `${stream}_WORKERS`,
    consumer: 'workers',
  };
}

// ── messages ─────────────────────────────────────────────────────────────────────────────────────

export interface ArticleMessage {
  article: Article;
  /** The source the article came from (feed, file), for counting distinct sources. */
  source: string | null;
}

export function encodeMessage(m: ArticleMessage): Uint8Array {
  return deflateRawSync(JSON.stringify({ v: 1, article: m.article, source: m.source }), { level: 1 });
}

export function decodeMessage(data: Uint8Array): ArticleMessage {
  let o: { v?: number; article?: Article; source?: string | null };
  try {
    o = JSON.parse(inflateRawSync(data).toString('utf8')) as typeof o;
  } catch (e) {
    throw new QueueError(`not a parley article message (${(e as Error).message})`);
  }
  const a = o.article;
  if (o.v !== 1 || !a || typeof a.id !== 'string' || typeof a.text !== 'string') throw new QueueError('not a parley article message (no article id or text)');
  return { article: a, source: o.source ?? null };
}

/** Headers of a dead letter. */
export const DEAD_HEADERS = {
  reason: 'Parley-Reason',
  deliveries: 'Parley-Deliveries',
  seq: 'Parley-Stream-Seq',
  article: 'Parley-Article',
  worker: 'Parley-Worker',
  at: 'Parley-Failed-At',
} as const;

export interface QueueLimits {
  /** Messages the work queue holds before publishers must wait (default 100,000). */
  maxMessages?: number;
  /** Bytes it holds (default 2 GiB). */
  maxBytes?: number;
  /** Seconds before an unacknowledged message is delivered again (default 60). */
  ackWait?: number;
  /** Attempts at a message before it is dead-lettered (default 5). */
  maxAttempts?: number;
  /** Messages delivered and not yet acknowledged, across all workers (default 1,000). */
  maxAckPending?: number;
}

export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  startedAt: string;
  beatAt: string;
  state: string;
  processed: number;
  new: number;
  duplicate: number;
  nearDuplicate: number;
  deadLettered: number;
  retried: number;
  /** Articles per second over the last ten seconds. */
  rate: number;
  links: number;
}

export interface DeadLetter {
  seq: number;
  article: string | null;
  reason: string;
  deliveries: number | null;
  worker: string | null;
  at: string | null;
}

export interface QueueStatus {
  servers: string;
  stream: string;
  subject: string;
  /** Messages ever published to the stream (its last sequence). */
  published: number;
  /** In the stream: waiting or in flight. */
  queued: number;
  queuedBytes: number;
  /** Not yet delivered to any worker. */
  waiting: number;
  /** Delivered, not yet acknowledged. */
  inFlight: number;
  redelivered: number;
  /** Workers' pull requests open at the server. */
  pullRequests: number;
  limits: { maxMessages: number; maxBytes: number; ackWait: number; maxAttempts: number; maxAckPending: number } | null;
  dead: number;
  recentDead: DeadLetter[];
  workers: Array<WorkerBeat & { ageSeconds: number; alive: boolean }>;
  /** Sum of the live workers' rates. */
  rate: number;
}

const isNotFound = (e: unknown) => /not found|404/i.test(String((e as Error).message ?? e)) || (e as { api_error?: { err_code?: number } }).api_error?.err_code === 10059 || (e as { api_error?: { err_code?: number } }).api_error?.err_code === 10014;

/** Errors from a publish that mean "the queue is full, try again later". */
export function isQueueFull(e: unknown): boolean {
  return /maximum (messages|bytes|messages per subject) exceeded|insufficient resources|resource limits exceeded/i.test(String((e as Error).message ?? e));
}

export const HEARTBEAT_MS = 2000;
const BEAT_TTL_MS = 30_000;

export class WorkQueue {
  private kvBucket: KV | null = null;

  private constructor(
    readonly names: QueueNames,
    readonly nc: NatsConnection,
    readonly js: JetStreamClient,
    readonly jsm: JetStreamManager,
  ) {}

  static async connect(spec: string, name = 'parley'): Promise<WorkQueue> {
    const names = parseQueueUrl(spec);
    let nc: NatsConnection;
    try {
      nc = await connect({ servers: names.servers, user: names.user, pass: names.pass, name, timeout: 5000, maxReconnectAttempts: -1, reconnectTimeWait: 1000 });
    } catch (e) {
      throw new QueueError(`cannot connect to NATS at ${names.servers}: ${(e as Error).message}`);
    }
    try {
      const jsm = await nc.jetstreamManager({ timeout: 5000 });
      return new WorkQueue(names, nc, nc.jetstream({ timeout: 10_000 }), jsm);
    } catch (e) {
      await nc.close().catch(() => undefined);
      throw new QueueError(`NATS at ${names.servers} has no JetStream (start nats-server with -js): ${(e as Error).message}`);
    }
  }

  /** The largest message the server takes. */
  get maxPayload(): number {
    return this.nc.info?.max_payload ?? 1024 * 1024;
  }

  /** Creates the streams (and, with `consumer`, the workers' consumer) when they do not exist. */
  async ensure(limits: QueueLimits = {}, consumer = false): Promise<void> {
    const n = this.names;
    const want = {
      maxMessages: limits.maxMessages ?? 100_000,
      maxBytes: limits.maxBytes ?? 2 * 1024 ** 3,
    };
    try {
      const si = await this.jsm.streams.info(n.stream);
      // explicit limits update the stream; otherwise it keeps what it has
      if (limits.maxMessages != null || limits.maxBytes != null) await this.jsm.streams.update(n.stream, { ...si.config, max_msgs: want.maxMessages, max_bytes: want.maxBytes });
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await this.jsm.streams
        .add({
          name: n.stream,
          subjects: [n.subject],
          retention: RetentionPolicy.Workqueue,
          storage: StorageType.File,
          discard: DiscardPolicy.New,
          max_msgs: want.maxMessages,
          max_bytes: want.maxBytes,
          duplicate_window: nanos(120_000),
        })
        .catch((err: unknown) => {
          if (!/already in use/i.test(String((err as Error).message))) throw err;
        });
    }
    try {
      await this.jsm.streams.info(n.deadStream);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await this.jsm.streams
        .add({ name: n.deadStream, subjects: [n.deadSubject], retention: RetentionPolicy.Limits, storage: StorageType.File, max_msgs: 1_000_000, max_age: nanos(30 * 86_400_000) })
        .catch((err: unknown) => {
          if (!/already in use/i.test(String((err as Error).message))) throw err;
        });
    }
    if (!consumer) return;
    const cfg = {
      ack_wait: nanos((limits.ackWait ?? 60) * 1000),
      max_deliver: (limits.maxAttempts ?? 5) + 1,
      max_ack_pending: limits.maxAckPending ?? 1000,
    };
    try {
      const ci = await this.jsm.consumers.info(n.stream, n.consumer);
      const c = ci.config;
      if (c.ack_wait !== cfg.ack_wait || c.max_deliver !== cfg.max_deliver || c.max_ack_pending !== cfg.max_ack_pending) await this.jsm.consumers.update(n.stream, n.consumer, cfg);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      await this.jsm.consumers.add(n.stream, { durable_name: n.consumer, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All, filter_subject: n.subject, ...cfg }).catch(async (err: unknown) => {
        // another worker created it at the same moment
        if (!/already (in use|exists)/i.test(String((err as Error).message))) throw err;
      });
    }
  }

  // ── publishing ─────────────────────────────────────────────────────────────────────────────────

  /**
   * Publishes one article and resolves once the stream has stored it; waits and tries again while the
   * queue is full. Returns false when the server dropped it as a repeat (same id within two minutes).
   */
  async publish(m: ArticleMessage, data = encodeMessage(m), onWait?: (ms: number) => void): Promise<boolean> {
    let wait = 200;
    for (;;) {
      try {
        const ack = await this.js.publish(this.names.subject, data, { msgID: m.article.id, timeout: 10_000 });
        return !ack.duplicate;
      } catch (e) {
        if (!isQueueFull(e) && !/timeout|503|no responders/i.test(String((e as Error).message))) throw e;
        onWait?.(wait);
        await new Promise((r) => setTimeout(r, wait));
        wait = Math.min(wait * 2, 5000);
      }
    }
  }

  // ── consuming ──────────────────────────────────────────────────────────────────────────────────

  async consumer(): Promise<Consumer> {
    return this.js.consumers.get(this.names.stream, this.names.consumer);
  }

  /** Up to `max` messages, waiting at most `expires` ms for them. */
  async fetch(consumer: Consumer, max: number, expires = 1000): Promise<JsMsg[]> {
    const out: JsMsg[] = [];
    const iter = await consumer.fetch({ max_messages: max, expires: Math.max(1000, expires) });
    for await (const m of iter) out.push(m);
    return out;
  }

  async consumerInfo(): Promise<ConsumerInfo> {
    return this.jsm.consumers.info(this.names.stream, this.names.consumer);
  }

  /** Nothing waiting and nothing in flight. */
  async drained(): Promise<boolean> {
    const ci = await this.consumerInfo();
    return ci.num_pending === 0 && ci.num_ack_pending === 0;
  }

  /** Publishes the message to the dead-letter subject with the reason, then acknowledges it. */
  async deadLetter(m: JsMsg, reason: string, worker: string, article: string | null = null): Promise<void> {
    const h: MsgHdrs = natsHeaders();
    if (m.headers) for (const [k, vs] of m.headers) for (const v of vs) if (!k.startsWith('Nats-')) h.append(k, v);
    h.set(DEAD_HEADERS.reason, reason.replace(/[\r\n]+/g, ' ').slice(0, 1000));
    h.set(DEAD_HEADERS.deliveries, String(m.info.deliveryCount));
    h.set(DEAD_HEADERS.seq, String(m.info.streamSequence));
    if (article) h.set(DEAD_HEADERS.article, article);
    h.set(DEAD_HEADERS.worker, worker);
    h.set(DEAD_HEADERS.at, new Date().toISOString());
    await this.js.publish(this.names.deadSubject, m.data, { headers: h, timeout: 10_000 });
    m.ack();
  }

  // ── heartbeats and status ──────────────────────────────────────────────────────────────────────

  private async kv(): Promise<KV> {
    this.kvBucket ??= await this.js.views.kv(this.names.workersBucket, { ttl: BEAT_TTL_MS, history: 1 });
    return this.kvBucket;
  }

  async beat(b: WorkerBeat): Promise<void> {
    await (await this.kv()).put(b.id, new TextEncoder().encode(JSON.stringify(b)));
  }

  async forget(id: string): Promise<void> {
    await (await this.kv()).purge(id).catch(() => undefined);
  }

  async workers(): Promise<Array<WorkerBeat & { ageSeconds: number; alive: boolean }>> {
    const kv = await this.kv();
    const out: Array<WorkerBeat & { ageSeconds: number; alive: boolean }> = [];
    const keys: string[] = [];
    for await (const k of await kv.keys()) keys.push(k);
    for (const k of keys.sort()) {
      const e = await kv.get(k);
      if (!e || e.operation !== 'PUT' || !e.value.length) continue;
      try {
        const b = JSON.parse(new TextDecoder().decode(e.value)) as WorkerBeat;
        const ageSeconds = (Date.now() - e.created.getTime()) / 1000;
        out.push({ ...b, ageSeconds, alive: ageSeconds * 1000 < HEARTBEAT_MS * 3 });
      } catch {
        /* not a heartbeat */
      }
    }
    return out;
  }

  async recentDeadLetters(n: number): Promise<{ total: number; recent: DeadLetter[] }> {
    let si;
    try {
      si = await this.jsm.streams.info(this.names.deadStream);
    } catch (e) {
      if (isNotFound(e)) return { total: 0, recent: [] };
      throw e;
    }
    const recent: DeadLetter[] = [];
    for (let seq = si.state.last_seq; seq >= si.state.first_seq && recent.length < n && seq > 0; seq--) {
      try {
        const m = await this.jsm.streams.getMessage(this.names.deadStream, { seq });
        const h = m.header;
        recent.push({
          seq,
          article: h.get(DEAD_HEADERS.article) || null,
          reason: h.get(DEAD_HEADERS.reason) || '',
          deliveries: h.get(DEAD_HEADERS.deliveries) ? Number(h.get(DEAD_HEADERS.deliveries)) : null,
          worker: h.get(DEAD_HEADERS.worker) || null,
          at: h.get(DEAD_HEADERS.at) || null,
        });
      } catch {
        /* deleted */
      }
    }
    return { total: si.state.messages, recent };
  }

  async status(deadShown = 5): Promise<QueueStatus> {
    const n = this.names;
    let si;
    try {
      si = await this.jsm.streams.info(n.stream);
    } catch (e) {
      if (!isNotFound(e)) throw e;
      si = null;
    }
    let ci: ConsumerInfo | null = null;
    if (si) {
      try {
        ci = await this.consumerInfo();
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    const dead = await this.recentDeadLetters(deadShown);
    const workers = si ? await this.workers() : [];
    return {
      servers: n.servers,
      stream: n.stream,
      subject: n.subject,
      published: si?.state.last_seq ?? 0,
      queued: si?.state.messages ?? 0,
      queuedBytes: si?.state.bytes ?? 0,
      waiting: ci?.num_pending ?? si?.state.messages ?? 0,
      inFlight: ci?.num_ack_pending ?? 0,
      redelivered: ci?.num_redelivered ?? 0,
      pullRequests: ci?.num_waiting ?? 0,
      limits: si
        ? {
            maxMessages: si.config.max_msgs,
            maxBytes: si.config.max_bytes,
            ackWait: ci ? ci.config.ack_wait! / 1e9 : 0,
            maxAttempts: ci ? (ci.config.max_deliver ?? 1) - 1 : 0,
            maxAckPending: ci?.config.max_ack_pending ?? 0,
          }
        : null,
      dead: dead.total,
      recentDead: dead.recent,
      workers,
      rate: workers.filter((w) => w.alive).reduce((s, w) => s + w.rate, 0),
    };
  }

  /** Deletes the streams and the heartbeat bucket (tests, benchmarks). */
  async destroy(): Promise<void> {
    for (const s of [this.names.stream, this.names.deadStream, `KV_${this.names.workersBucket}`]) await this.jsm.streams.delete(s).catch(() => undefined);
  }

  async close(): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.nc.drain().catch(() => this.nc.close());
  }
}

export const workerId = (name?: string) => name ?? `${hostname()}-${process.pid}`;
