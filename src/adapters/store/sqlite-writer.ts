/**
 * A SQLite store's writes on a thread of their own: `putArticle` and `link` run on a second connection
 * in a worker thread, so that a link (seconds on a large store) never holds up the thread that answers
 * reads. Readers on the first connection see each committed write (WAL mode). The server uses it for
 * POST /articles on a store file; everything else writes on its own thread as before.
 */
import { Worker } from 'node:worker_threads';
import type { ArticleResult } from '../../core/types.js';
import type { ArticleMeta, LinkStats, PutOutcome } from './types.js';

/** The write half of a Store. */
export interface StoreWriter {
  putArticle(result: ArticleResult, meta?: ArticleMeta): Promise<PutOutcome>;
  link(opts?: { asOf?: string }): Promise<LinkStats>;
}

type Call = { resolve: (v: never) => void; reject: (e: Error) => void };

export class SqliteWriterThread implements StoreWriter {
  private worker: Worker | null = null;
  private readonly calls = new Map<number, Call>();
  private readonly inflight = new Set<Promise<unknown>>();
  private next = 0;
  private failure: Error | null = null;

  constructor(
    private readonly path: string,
    private readonly opts: { nearDuplicate?: number } = {},
  ) {}

  /** The thread, started on the first write. */
  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./sqlite-writer-thread.js', import.meta.url), { workerData: { path: this.path, opts: this.opts } });
    worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
      const c = this.calls.get(m.id);
      if (!c) return;
      this.calls.delete(m.id);
      if (m.error != null) c.reject(new Error(m.error));
      else c.resolve(m.value as never);
    });
    const fail = (e: Error) => {
      this.failure ??= e;
      for (const c of this.calls.values()) c.reject(e);
      this.calls.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the store's writer thread stopped (code ${code})`)));
    return (this.worker = worker);
  }

  private call<T>(method: 'putArticle' | 'link', args: unknown[]): Promise<T> {
    if (this.failure) return Promise.reject(this.failure);
    const worker = this.thread();
    const id = this.next++;
    const p = new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: never) => void, reject });
      worker.postMessage({ id, method, args });
    });
    // the thread keeps the process alive only while a call waits on it
    if (!this.inflight.size) worker.ref();
    this.inflight.add(p);
    const settled = () => {
      this.inflight.delete(p);
      if (!this.inflight.size) worker.unref();
    };
    p.then(settled, settled);
    return p;
  }

  putArticle(result: ArticleResult, meta?: ArticleMeta): Promise<PutOutcome> {
    return this.call('putArticle', [result, meta]);
  }

  link(opts?: { asOf?: string }): Promise<LinkStats> {
    return this.call('link', [opts]);
  }

  /** Waits for the calls in flight, then closes the thread's connection. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inflight]);
    const worker = this.worker;
    if (!worker || this.failure) return; // never started, or gone already
    this.failure = new Error('the store writer is closed');
    worker.ref();
    const exited = new Promise((r) => worker.once('exit', r));
    worker.postMessage({ id: -1, method: 'close', args: [] });
    await exited;
  }
}
