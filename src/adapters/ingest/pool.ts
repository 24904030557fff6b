/**
 * A pool of extraction workers (worker threads, one engine each). `extract(batch)` goes to the worker
 * with the fewest jobs in flight. With `size: 0` extraction runs on the calling thread (small inputs,
 * tests; no time budget there: the calling thread cannot be interrupted).
 *
 * Time budget: each article gets `timeout` seconds on its thread (the engine's start-up does not
 * count). A watchdog reads which article each thread is on (a shared array the thread updates as it
 * starts an article); when one runs over, the pool stops that thread, gives that article a failure
 * ("extraction exceeded the time budget (10s)", `timeout: true`), starts a fresh thread and sends it
 * the rest of that thread's work: the other articles of the batch (those done before the stuck one
 * are extracted again: their results had not been sent yet) and the batches queued behind it. A
 * thread that dies in an article (a crash, out of memory) is treated the same way, with its reason.
 * No article is lost or answered twice; batches resolve with their results in their articles' order.
 */
import { Worker } from 'node:worker_threads';
import type { Article } from '../../core/types.js';
import { makeExtractor, type ExtractConfig, type Extracted } from './extract.js';

/** Seconds an article may take on its thread before it is given up (`--article-timeout`). */
export const DEFAULT_ARTICLE_TIMEOUT = 10;

// the shared control array a worker thread writes (worker.ts): a counter bumped at every article
// start and end, the job it is on, and the article's index in that job (-1: between articles)
const CTL_SEQ = 0;
const CTL_JOB = 1;
const CTL_ARTICLE = 2;

export interface PoolOptions {
  /** Seconds an article may take (default DEFAULT_ARTICLE_TIMEOUT); 0: no limit. */
  timeout?: number;
}

/** "extraction exceeded the time budget (10s)": the reason a timed-out article fails with. */
export function timeBudgetReason(seconds: number): string {
  return `extraction exceeded the time budget (${Number(seconds.toFixed(3))}s)`;
}

interface Job {
  /** Id sent with the job; stored by the thread as an int32. */
  id: number;
  articles: Article[];
  results: Array<Extracted | undefined>;
  /** Indexes (into `articles`) of the articles sent in the latest message. */
  sent: number[];
  resolve: (x: Extracted[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ctl: Int32Array;
  /** Jobs sent to this worker, in the order it takes them. */
  jobs: Job[];
  /** The control counter last seen, and when (performance.now()). */
  seq: number;
  seenAt: number;
  lastError: Error | null;
}

export class ExtractorPool {
  private readonly slots: Slot[] = [];
  private nextJob = 0;
  private local: ((a: Article[]) => Extracted[]) | null = null;
  private failure: Error | null = null;
  private closed = false;
  private readonly timeoutMs: number;
  private readonly reason: string;
  private watchdog: NodeJS.Timeout | null = null;
  /** Threads stopped over the time budget, and threads that died in an article (replaced). */
  timedOut = 0;
  crashed = 0;

  constructor(
    readonly size: number,
    private readonly config: ExtractConfig & { pack?: boolean },
    opts: PoolOptions = {},
  ) {
    const seconds = opts.timeout ?? DEFAULT_ARTICLE_TIMEOUT;
    this.timeoutMs = seconds > 0 ? seconds * 1000 : 0;
    this.reason = timeBudgetReason(seconds);
    if (size <= 0) {
      this.local = makeExtractor(config);
      return;
    }
    for (let i = 0; i < size; i++) {
      const slot = { jobs: [], seq: 0, seenAt: 0, lastError: null } as unknown as Slot;
      this.start(slot);
      this.slots.push(slot);
    }
    if (this.timeoutMs) {
      // checked a few times per budget: an article is stopped between `timeout` and `timeout + tick`
      const tick = Math.min(250, Math.max(20, this.timeoutMs / 20));
      this.watchdog = setInterval(() => this.watch(), tick);
      this.watchdog.unref();
    }
  }

  /** A fresh thread for the slot (the slot's jobs are sent again by the caller). */
  private start(slot: Slot): void {
    const ctl = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));
    ctl[CTL_ARTICLE] = -1;
    const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: { config: this.config, ctl: ctl.buffer } });
    Object.assign(slot, { worker, ctl, seq: 0, seenAt: performance.now(), lastError: null });
    worker.on('message', (msg: { job: number; out: Extracted[] }) => {
      if (slot.worker !== worker) return;
      const at = slot.jobs.findIndex((j) => j.id === msg.job);
      if (at < 0) return;
      const [job] = slot.jobs.splice(at, 1);
      msg.out.forEach((x, i) => (job.results[job.sent[i]] = x));
      job.resolve(job.results as Extracted[]);
    });
    worker.on('error', (e) => {
      if (slot.worker === worker) slot.lastError = e;
    });
    worker.on('exit', (code) => {
      if (slot.worker !== worker || this.closed) return;
      this.died(slot, code);
    });
  }

  /** Sends a job's articles that have no result yet; a job with none left resolves. */
  private send(slot: Slot, job: Job): void {
    job.sent = job.articles.flatMap((_, k) => (job.results[k] ? [] : [k]));
    if (!job.sent.length) {
      slot.jobs.splice(slot.jobs.indexOf(job), 1);
      job.resolve(job.results as Extracted[]);
      return;
    }
    slot.worker.postMessage({ job: job.id, articles: job.sent.map((k) => job.articles[k]) });
  }

  /** The job and article a slot's thread is on, read consistently; null between articles. */
  private current(slot: Slot): { seq: number; job: Job; index: number } | null {
    const seq = Atomics.load(slot.ctl, CTL_SEQ);
    const jobId = Atomics.load(slot.ctl, CTL_JOB);
    const k = Atomics.load(slot.ctl, CTL_ARTICLE);
    if (Atomics.load(slot.ctl, CTL_SEQ) !== seq || k < 0) return null;
    const job = slot.jobs.find((j) => (j.id | 0) === jobId);
    if (!job || k >= job.sent.length) return null;
    return { seq, job, index: job.sent[k] };
  }

  private watch(): void {
    const now = performance.now();
    for (const slot of this.slots) {
      const seq = Atomics.load(slot.ctl, CTL_SEQ);
      if (seq !== slot.seq) {
        slot.seq = seq;
        slot.seenAt = now;
        continue;
      }
      if (now - slot.seenAt < this.timeoutMs) continue;
      const cur = this.current(slot);
      if (cur && cur.seq === seq) {
        this.timedOut++;
        this.replace(slot, cur.job, cur.index, this.reason, true);
      }
    }
  }

  /** The slot's thread ended on its own: an article's fault if it was in one, else the pool's. */
  private died(slot: Slot, code: number): void {
    const why = slot.lastError ? slot.lastError.message : `code ${code}`;
    const cur = this.current(slot);
    if (cur) {
      this.crashed++;
      this.replace(slot, cur.job, cur.index, `extraction worker stopped (${why})`, false);
      return;
    }
    // not in an article (start-up: engine data missing, ...): a fresh thread would fail the same way
    const e = new Error(`extraction worker stopped (${why})`);
    this.failure ??= e;
    for (const job of slot.jobs.splice(0)) job.reject(e);
  }

  /** Fails one article, replaces the slot's thread, and sends it the slot's remaining work. */
  private replace(slot: Slot, job: Job, index: number, reason: string, timeout: boolean): void {
    const old = slot.worker;
    job.results[index] = { ok: false, id: job.articles[index].id, error: reason, ...(timeout ? { timeout: true } : {}) };
    this.start(slot);
    void old.terminate().catch(() => undefined);
    for (const j of [...slot.jobs]) this.send(slot, j);
  }

  get inFlight(): number {
    return this.local ? 0 : this.slots.reduce((n, s) => n + s.jobs.length, 0);
  }

  async extract(articles: Article[]): Promise<Extracted[]> {
    if (this.local) return this.local(articles);
    if (this.failure) throw this.failure;
    if (this.closed) throw new Error('extraction pool closed');
    const slot = this.slots.reduce((a, b) => (b.jobs.length < a.jobs.length ? b : a));
    const id = this.nextJob;
    this.nextJob = (this.nextJob + 1) % 0x7fffffff;
    return new Promise((resolve, reject) => {
      const job: Job = { id, articles, results: new Array(articles.length), sent: [], resolve, reject };
      slot.jobs.push(job);
      this.send(slot, job);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    const e = new Error('extraction pool closed');
    for (const s of this.slots) for (const job of s.jobs.splice(0)) job.reject(e);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
