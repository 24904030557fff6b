/**
 * Enqueue: the sources `parley ingest` reads (files, directories, JSONL, HTML, feeds, URLs, stdin),
 * published article by article to the work queue instead of extracted here. Articles repeated within
 * the run (same id, URL or normalised text) are published once, the first in input order, as ingest
 * stores them; with a store, articles it already holds are not published at all.
 */
import { textHash } from '../../link/text.js';
import type { ReadProblem } from '../../readers/index.js';
import { readSources, type SourceOptions } from '../ingest/sources.js';
import type { ProgressState } from '../ingest/progress.js';
import type { Store } from '../store/types.js';
import { encodeMessage, WorkQueue, type QueueLimits } from './nats.js';

export interface EnqueueOptions extends SourceOptions {
  queue: string;
  inputs: string[];
  /** Skip articles this store already holds. */
  store?: Store | null;
  /** Publishes awaiting the server's acknowledgement (default 256). */
  maxInFlight?: number;
  limits?: QueueLimits;
  onProblem?: (p: ReadProblem) => void;
  onProgress?: (p: ProgressState) => void;
  /** Called when the queue is full and publishing waits. */
  onWait?: (ms: number) => void;
}

export interface EnqueueSummary {
  articles: number;
  published: number;
  /** Repeated in the inputs, already stored, or dropped by the server as a repeat. */
  duplicate: number;
  failed: number;
  bytes: number;
  seconds: number;
  /** Milliseconds spent waiting because the queue was full. */
  waitedMs: number;
  problems: ReadProblem[];
  queue: string;
  stream: string;
}

export async function enqueue(o: EnqueueOptions): Promise<EnqueueSummary> {
  const t0 = performance.now();
  const q = await WorkQueue.connect(o.queue, 'parley-enqueue');
  const s: EnqueueSummary = { articles: 0, published: 0, duplicate: 0, failed: 0, bytes: 0, seconds: 0, waitedMs: 0, problems: [], queue: q.names.servers, stream: q.names.stream };
  const problem = (p: ReadProblem) => {
    s.problems.push(p);
    s.failed++;
    o.onProblem?.(p);
  };
  let total = 0;
  let totalKnown = false;
  const progress = () => o.onProgress?.({ done: s.published + s.duplicate + s.failed, total, totalKnown, bytes: s.bytes, elapsed: (performance.now() - t0) / 1000 });
  const inflight = new Set<Promise<void>>();
  const maxInFlight = o.maxInFlight ?? 256;
  let failure: Error | null = null;
  try {
    await q.ensure(o.limits ?? {});
    const max = q.maxPayload;
    const seen = new Set<string>();
    for await (const batch of readSources(o.inputs, o)) {
      for (const p of batch.problems) {
        total++;
        problem(p);
      }
      total += batch.articles.length;
      s.articles += batch.articles.length;
      for (const a of batch.articles) {
        const hash = textHash(a.text);
        const keys = [`i:${a.id}`, `h:${hash}`, ...(a.url ? [`u:${a.url}`] : [])];
        if (keys.some((k) => seen.has(k)) || (o.store && (await o.store.hasArticle({ id: a.id, url: a.url, textHash: hash })))) {
          s.duplicate++;
          continue;
        }
        keys.forEach((k) => seen.add(k));
        const msg = { article: a, source: a.source ?? batch.source };
        const data = encodeMessage(msg);
        if (data.length > max - 4096) {
          problem({ where: `${batch.name}: article ${a.id}`, reason: `too large for the queue (${data.length} bytes compressed; the server takes ${max})` });
          continue;
        }
        while (inflight.size >= maxInFlight) await Promise.race(inflight);
        if (failure) throw failure;
        const p: Promise<void> = q
          .publish(msg, data, (ms) => void (s.waitedMs += ms, o.onWait?.(ms)))
          .then(
            (fresh) => {
              if (fresh) s.published++;
              else s.duplicate++;
              s.bytes += Buffer.byteLength(a.text);
              progress();
            },
            (e: Error) => void (failure ??= e),
          )
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
      progress();
    }
    totalKnown = true;
    await Promise.all(inflight);
    if (failure) throw failure;
  } finally {
    await q.close();
  }
  progress();
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}
