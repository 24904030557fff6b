/**
 * A pool of extraction workers (worker threads, one engine each). `extract(batch)` goes to the worker
 * with the fewest jobs in flight. With `size: 0` extraction runs on the calling thread (small inputs,
 * tests).
 */
import { Worker } from 'node:worker_threads';
import type { Article } from '../../core/types.js';
import { makeExtractor, type ExtractConfig, type Extracted } from './extract.js';

interface Slot {
  worker: Worker;
  inFlight: number;
}

export class ExtractorPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve: (x: Extracted[]) => void; reject: (e: Error) => void; slot: Slot }>();
  private nextJob = 0;
  private local: ((a: Article[]) => Extracted[]) | null = null;
  private failure: Error | null = null;

  constructor(readonly size: number, config: ExtractConfig & { pack?: boolean }) {
    if (size <= 0) {
      this.local = makeExtractor(config);
      return;
    }
    for (let i = 0; i < size; i++) {
      const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: config });
      const slot: Slot = { worker, inFlight: 0 };
      worker.on('message', (msg: { job: number; out: Extracted[] }) => {
        const p = this.pending.get(msg.job);
        if (!p) return;
        this.pending.delete(msg.job);
        slot.inFlight--;
        p.resolve(msg.out);
      });
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(slot, new Error(`extraction worker stopped with code ${code}`));
      });
      this.slots.push(slot);
    }
  }

  private fail(slot: Slot, e: Error): void {
    this.failure ??= e;
    for (const [job, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(job);
      p.reject(e);
    }
  }

  get inFlight(): number {
    return this.local ? 0 : this.slots.reduce((n, s) => n + s.inFlight, 0);
  }

  async extract(articles: Article[]): Promise<Extracted[]> {
    if (this.local) return this.local(articles);
    if (this.failure) throw this.failure;
    const slot = this.slots.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
    const job = this.nextJob++;
    slot.inFlight++;
    return new Promise((resolve, reject) => {
      this.pending.set(job, { resolve, reject, slot });
      slot.worker.postMessage({ job, articles });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
