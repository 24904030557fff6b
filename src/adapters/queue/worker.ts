/**
 * A worker: takes articles from the work queue, extracts them, writes them to the store, and
 * acknowledges each message only after the transaction that stored it has committed. Stateless: any
 * number run at once, on any machines, against one queue and one store.
 *
 * - Batches: up to `batch` messages are fetched at once; while one batch is written the next is
 *   fetched and extracted (on an extraction thread), so at most two batches are held in memory
 *   (backpressure: a worker takes only what it can work on; the consumer's max_ack_pending bounds the
 *   messages in flight across all workers).
 * - Redelivery: a worker that dies (SIGKILL, power) never acks; after ack_wait the server delivers its
 *   messages to another worker. Writes are idempotent (an article already stored is a `duplicate`),
 *   so a message written and then delivered again stores nothing twice. While a batch is being worked
 *   on its messages are kept alive (`working`), for at most `maxBatchSeconds`.
 * - Failures: a message that cannot be read goes straight to the dead letters. An extraction or an
 *   article-specific store error is retried (nak, with a growing delay) until the attempt limit, then
 *   dead-lettered with the reason. An article over the time budget (`articleTimeout`) is
 *   dead-lettered at once: another attempt would stall a thread as long again. A message delivered more times than the limit without ever being
 *   acknowledged (workers kept dying on it) is dead-lettered without another try. A store that cannot
 *   be reached is not the article's fault: the write is retried in place until the store is back.
 * - Linking: when the queue has nothing for it and something was written since the last link, the
 *   worker links (the store's link lock makes concurrent links wait for each other); while the queue is
 *   busy, at most every `linkInterval` seconds, and only if no other process is linking right now.
 */
import { hostname } from 'node:os';
import type { JsMsg } from 'nats';
import type { Article } from '../../core/types.js';
import { engineFingerprint } from '../ingest/fingerprint.js';
import { DEFAULT_ARTICLE_TIMEOUT, ExtractorPool } from '../ingest/pool.js';
import type { Extracted } from '../ingest/extract.js';
import type { OrderedArticleMeta, PostgresStore } from '../store/postgres.js';
import type { LinkStats, PutOutcome, Store } from '../store/types.js';
import { decodeMessage, HEARTBEAT_MS, WorkQueue, workerId, type QueueLimits, type WorkerBeat } from './nats.js';

export interface WorkerOptions {
  queue: string;
  store: Store;
  kb?: string[];
  disable?: string[];
  /** Extraction threads (default 1; 0 extracts on the main thread). */
  threads?: number;
  /** Messages per fetch and per write transaction (default 16). */
  batch?: number;
  limits?: QueueLimits;
  /** Link when idle and every linkInterval seconds (default true, 60 s). */
  link?: boolean;
  linkInterval?: number;
  /** Stop once nothing is waiting or in flight anywhere (and the store is linked). */
  exitWhenIdle?: boolean;
  /**
   * Seconds an article's extraction may take on an extraction thread (default 10; 0: no limit). An
   * article over it goes to the dead letters at once with the reason (it would take as long again);
   * the thread is replaced and the rest of the batch goes on. Not enforced with `threads: 0`.
   */
  articleTimeout?: number;
  /** Longest a batch's messages are kept alive (default 600 s); then they are left to redelivery. */
  maxBatchSeconds?: number;
  name?: string;
  signal?: AbortSignal;
  onEvent?: (e: WorkerEvent) => void;
}

export type WorkerEvent =
  | { kind: 'ready'; worker: string; stream: string }
  | { kind: 'dead-letter'; article: string | null; reason: string; deliveries: number }
  | { kind: 'retry'; article: string | null; reason: string; deliveries: number }
  | { kind: 'store-wait'; reason: string; ms: number }
  | { kind: 'linked'; stats: LinkStats }
  | { kind: 'batch'; size: number; extractMs: number; writeMs: number };

export interface WorkerSummary {
  worker: string;
  processed: number;
  new: number;
  duplicate: number;
  nearDuplicate: number;
  deadLettered: number;
  /** Of those, articles whose extraction went over the time budget. */
  timedOut: number;
  retried: number;
  /** Messages that came to this worker on a second or later delivery (another worker died or gave up). */
  redelivered: number;
  links: number;
  seconds: number;
  /** Time the extraction thread(s) took, and the time writes took (including the write lock). */
  extractSeconds: number;
  writeSeconds: number;
  /** Processed articles per second of the worker's life. */
  rate: number;
  /** CPU time of the worker process (all its threads), seconds. */
  cpuSeconds: number;
  link: LinkStats | null;
}

interface Job {
  m: JsMsg;
  article: Article;
  source: string | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Store errors that are about the store, not the article: connection lost, server restarting, overload. */
export function transientStoreError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (err.code && /^(08|53|57P|40001|40P01)/.test(err.code)) return true;
  if (err.code && /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH)$/.test(err.code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|SQLITE_BUSY|database is locked/i.test(err.message ?? '');
}

const isPostgres = (s: Store): s is PostgresStore => s.kind === 'postgres' && 'linkIfChanged' in s;

export async function runWorker(o: WorkerOptions): Promise<WorkerSummary> {
  const t0 = performance.now();
  const id = workerId(o.name);
  const batch = Math.max(1, o.batch ?? 16);
  const maxAttempts = o.limits?.maxAttempts ?? 5;
  const ackWaitMs = (o.limits?.ackWait ?? 60) * 1000;
  const linkEvery = (o.linkInterval ?? 60) * 1000;
  const doLink = o.link ?? true;
  const engine = engineFingerprint(o.kb ?? [], o.disable ?? []);
  const s: WorkerSummary = { worker: id, processed: 0, new: 0, duplicate: 0, nearDuplicate: 0, deadLettered: 0, timedOut: 0, retried: 0, redelivered: 0, links: 0, seconds: 0, extractSeconds: 0, writeSeconds: 0, rate: 0, cpuSeconds: 0, link: null };
  const cpu0 = process.resourceUsage();
  const q = await WorkQueue.connect(o.queue, `parley-worker ${id}`);
  let pool: ExtractorPool | null = null;
  let state = 'starting';
  const samples: Array<[number, number]> = [];
  const beat = async () => {
    const now = performance.now();
    samples.push([now, s.processed]);
    while (samples.length > 2 && now - samples[0][0] > 10_000) samples.shift();
    const [t, n] = samples[0];
    const b: WorkerBeat = {
      id,
      host: hostname(),
      pid: process.pid,
      startedAt: new Date(performance.timeOrigin + t0).toISOString(),
      beatAt: new Date().toISOString(),
      state,
      processed: s.processed,
      new: s.new,
      duplicate: s.duplicate,
      nearDuplicate: s.nearDuplicate,
      deadLettered: s.deadLettered,
      retried: s.retried,
      rate: now > t ? Math.round(((s.processed - n) / ((now - t) / 1000)) * 10) / 10 : 0,
      links: s.links,
    };
    await q.beat(b).catch(() => undefined);
  };
  const beats = setInterval(() => void beat(), HEARTBEAT_MS);
  beats.unref();

  const deadLetter = async (m: JsMsg, article: string | null, reason: string) => {
    try {
      await q.deadLetter(m, reason, id, article);
      s.deadLettered++;
      o.onEvent?.({ kind: 'dead-letter', article, reason, deliveries: m.info.deliveryCount });
    } catch {
      m.nak(5000); // the dead-letter stream is unreachable: try the message again later
    }
  };
  /** An attempt failed: again later, or to the dead letters on the last attempt. */
  const fail = async (j: Job, reason: string) => {
    const n = j.m.info.deliveryCount;
    if (n >= maxAttempts) return deadLetter(j.m, j.article.id, reason);
    s.retried++;
    j.m.nak(Math.min(1000 * 2 ** (n - 1), 30_000));
    o.onEvent?.({ kind: 'retry', article: j.article.id, reason, deliveries: n });
  };

  /** Links if something changed (PostgreSQL: anyone's write since the last link; else: ours). */
  const link = async (wait: boolean, wrote: boolean) => {
    if (!doLink) return;
    const before = state;
    state = 'linking';
    try {
      const st = isPostgres(o.store) ? await o.store.linkIfChanged({ wait }) : wrote ? await o.store.link() : null;
      if (st) {
        s.links++;
        s.link = st;
        o.onEvent?.({ kind: 'linked', stats: st });
      }
    } finally {
      state = before;
    }
  };

  /** Writes a batch, retrying while the store is unreachable; acks each message after the commit. */
  const write = async (jobs: Array<Job & { x: Extract<Extracted, { ok: true }> }>) => {
    const tw = performance.now();
    const items = jobs.map((j) => ({
      result: j.x.result,
      meta: {
        source: j.source,
        engine,
        minhash: j.x.minhash,
        packed: j.x.packed,
        // the order near-duplicates are resolved in: publication time, then stream sequence
        order: Math.round(j.m.info.timestampNanos / 1000),
        orderSeq: j.m.info.streamSequence,
      } satisfies OrderedArticleMeta,
    }));
    const put = async (part: typeof items): Promise<PutOutcome[]> => {
      for (let wait = 500; ; wait = Math.min(wait * 2, 30_000)) {
        try {
          return await o.store.putArticles(part);
        } catch (e) {
          if (!transientStoreError(e) || o.signal?.aborted) throw e;
          state = 'waiting for the store';
          o.onEvent?.({ kind: 'store-wait', reason: (e as Error).message, ms: wait });
          await sleep(wait);
        }
      }
    };
    const done = (j: Job, out: PutOutcome) => {
      j.m.ack();
      s.processed++;
      if (out.status === 'duplicate') s.duplicate++;
      else if (out.status === 'near-duplicate') s.nearDuplicate++;
      else s.new++;
    };
    try {
      const outs = await put(items);
      jobs.forEach((j, k) => done(j, outs[k]));
    } catch (e) {
      // stopping while the store is away: not the articles' fault, they go back to the queue
      if (transientStoreError(e)) for (const j of jobs) j.m.nak();
      // one article spoils the transaction: each on its own, so that only that one fails
      else
        for (let k = 0; k < jobs.length; k++) {
          try {
            done(jobs[k], (await put([items[k]]))[0]);
          } catch (err) {
            if (transientStoreError(err)) jobs[k].m.nak();
            else await fail(jobs[k], `store write failed: ${(err as Error).message}`);
          }
        }
    }
    s.writeSeconds += (performance.now() - tw) / 1000;
  };

  const newPool = () => new ExtractorPool(o.threads ?? 1, { kb: o.kb ?? [], disable: o.disable ?? [], pack: true }, { timeout: o.articleTimeout ?? DEFAULT_ARTICLE_TIMEOUT });
  let writing: Promise<void> = Promise.resolve();
  let lastLink = performance.now();
  let wroteSinceLink = false;
  try {
    await q.ensure(o.limits ?? {}, true);
    const consumer = await q.consumer();
    pool = newPool();
    o.onEvent?.({ kind: 'ready', worker: id, stream: q.names.stream });
    state = 'idle';
    void beat();
    while (!o.signal?.aborted) {
      const msgs = await q.fetch(consumer, batch, 1000);
      if (o.signal?.aborted) {
        for (const m of msgs) m.nak();
        break;
      }
      if (!msgs.length) {
        await writing;
        state = 'idle';
        // nothing to do: link what we wrote; now and then, what others wrote (a worker may have died before linking)
        if (wroteSinceLink || performance.now() - lastLink > 5000) {
          await link(true, wroteSinceLink);
          wroteSinceLink = false;
          lastLink = performance.now();
        }
        if (o.exitWhenIdle && (await q.drained())) {
          await link(true, false); // another worker's last write may have landed after our link
          break;
        }
        continue;
      }
      state = 'working';
      const jobs: Job[] = [];
      for (const m of msgs) {
        if (m.info.deliveryCount > 1) s.redelivered++;
        if (m.info.deliveryCount > maxAttempts) {
          await deadLetter(m, null, `delivered ${m.info.deliveryCount} times and never acknowledged: a worker stopped or timed out on it each time`);
          continue;
        }
        try {
          const { article, source } = decodeMessage(m.data);
          jobs.push({ m, article, source });
        } catch (e) {
          await deadLetter(m, null, (e as Error).message);
        }
      }
      if (!jobs.length) continue;
      // keep the batch's messages from being redelivered while it is worked on (bounded)
      const started = performance.now();
      let alive: Job[] = jobs;
      const keepAlive = setInterval(() => {
        if (performance.now() - started > (o.maxBatchSeconds ?? 600) * 1000) return clearInterval(keepAlive);
        for (const j of alive) j.m.working();
      }, Math.max(1000, ackWaitMs / 3));
      const te = performance.now();
      let extracted: Extracted[];
      try {
        extracted = await pool.extract(jobs.map((j) => j.article));
      } catch (e) {
        clearInterval(keepAlive);
        // the extraction thread died on this batch: every message in it counts one failed attempt
        for (const j of jobs) await fail(j, `extraction failed: ${(e as Error).message}`);
        await pool.close().catch(() => undefined);
        pool = newPool();
        continue;
      }
      const extractMs = performance.now() - te;
      s.extractSeconds += extractMs / 1000;
      const ok: Array<Job & { x: Extract<Extracted, { ok: true }> }> = [];
      for (let k = 0; k < jobs.length; k++) {
        const x = extracted[k];
        if (x.ok) ok.push({ ...jobs[k], x });
        else if (x.timeout) {
          s.timedOut++;
          await deadLetter(jobs[k].m, jobs[k].article.id, x.error);
        } else await fail(jobs[k], `extraction failed: ${x.error}`);
      }
      alive = ok;
      await writing;
      const tw = performance.now();
      writing = write(ok)
        .then(() => o.onEvent?.({ kind: 'batch', size: ok.length, extractMs, writeMs: performance.now() - tw }))
        .finally(() => clearInterval(keepAlive));
      wroteSinceLink = true;
      if (doLink && performance.now() - lastLink > linkEvery) {
        await writing;
        await link(false, true);
        lastLink = performance.now();
      }
    }
    await writing;
  } finally {
    clearInterval(beats);
    await writing.catch(() => undefined);
    await q.forget(id);
    await pool?.close();
    await q.close();
  }
  s.seconds = (performance.now() - t0) / 1000;
  s.rate = s.seconds > 0 ? Math.round((s.processed / s.seconds) * 10) / 10 : 0;
  const cpu1 = process.resourceUsage();
  s.cpuSeconds = (cpu1.userCPUTime + cpu1.systemCPUTime - cpu0.userCPUTime - cpu0.systemCPUTime) / 1e6;
  return s;
}
