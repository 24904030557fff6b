/**
 * Ingest: sources → (skip what the store already holds) → extraction on all cores → the store, in
 * transactions, by one writer → link. Idempotent and resumable: an article already stored (same id,
 * URL or normalised text) is not extracted again, so a re-run after an interruption does only what
 * is left. Also `reprocess`: re-extraction of stored articles with the current engine, ids unchanged.
 */
import { availableParallelism } from 'node:os';
import type { Article, ArticleResult } from '../../core/types.js';
import { textHash } from '../../link/text.js';
import type { ReadProblem } from '../../readers/index.js';
import type { ArticleMeta, LinkStats, Store } from '../store/types.js';
import { engineFingerprint } from './fingerprint.js';
import { DEFAULT_ARTICLE_TIMEOUT, ExtractorPool } from './pool.js';
import type { ProgressState } from './progress.js';
import { readSources, type SourceOptions } from './sources.js';

/** What ingest and reprocess share: the store, the engine, the threads, linking and reporting. */
interface ExtractionRunOptions {
  store: Store;
  kb?: string[];
  disable?: string[];
  /** Worker threads; default: one per core; 0 extracts on this thread. */
  workers?: number;
  /**
   * Seconds an article's extraction may take on a worker thread (default 10; 0: no limit). An article
   * over it fails ("extraction exceeded the time budget (10s)"), and the run goes on with a fresh
   * thread: ingest does not store it (a re-run tries it again), reprocess keeps its old result. Not
   * enforced with `workers: 0`.
   */
  articleTimeout?: number;
  /** The day commitments are judged on when linking (default: the latest article date). */
  asOf?: string;
  onProblem?: (p: ReadProblem) => void;
  onProgress?: (p: ProgressState) => void;
}

export interface IngestOptions extends SourceOptions, ExtractionRunOptions {
  inputs: string[];
  /** Skip linking at the end (link later with the store's link()). */
  noLink?: boolean;
  /** Articles per write transaction (default 256); results are also written at least once a second. */
  batchSize?: number;
}

export interface IngestSummary {
  /** Articles read from the inputs. */
  articles: number;
  new: number;
  duplicate: number;
  nearDuplicate: number;
  /** Articles whose extraction failed plus records or inputs that could not be read. */
  failed: number;
  events: number;
  quotes: number;
  commitments: number;
  link: LinkStats | null;
  /** UTF-8 bytes of article text processed. */
  bytes: number;
  seconds: number;
  problems: ReadProblem[];
  /** Peak resident set size of the process (all threads), bytes. */
  maxRSS: number;
  /** CPU time of the process (all threads, user + system), seconds. */
  cpuSeconds: number;
  engine: string;
}

/** Articles per message to a worker, and messages queued per worker: enough queued work (about 64
 * articles) that workers keep busy while the writer commits a transaction on the main thread. */
const JOB = 8;
const QUEUED_PER_WORKER = 8;

/** The reason an article's extraction failed, as problems list it. */
export function failureReason(x: { error: string; timeout?: boolean }): string {
  return x.timeout ? x.error : `extraction failed: ${x.error}`;
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

interface Pending {
  article: Article;
  meta: ArticleMeta;
  where: string;
  result?: ArticleResult;
}

export async function ingest(o: IngestOptions): Promise<IngestSummary> {
  const t0 = performance.now();
  const engine = engineFingerprint(o.kb ?? [], o.disable ?? []);
  const workers = o.workers ?? defaultWorkers();
  const pool = new ExtractorPool(workers, { kb: o.kb ?? [], disable: o.disable ?? [], pack: o.store.kind === 'sqlite' }, { timeout: o.articleTimeout ?? DEFAULT_ARTICLE_TIMEOUT });
  const s: IngestSummary = { articles: 0, new: 0, duplicate: 0, nearDuplicate: 0, failed: 0, events: 0, quotes: 0, commitments: 0, link: null, bytes: 0, seconds: 0, problems: [], maxRSS: 0, cpuSeconds: 0, engine };
  const problem = (p: ReadProblem) => {
    s.problems.push(p);
    o.onProblem?.(p);
  };
  let total = 0;
  let totalKnown = false;
  const progress = () => o.onProgress?.({ done: s.new + s.nearDuplicate + s.duplicate + s.failed - inputFailures, total: total, totalKnown, bytes: s.bytes, elapsed: (performance.now() - t0) / 1000 });
  let inputFailures = 0;

  // one writer: writes are chained, each batch in one transaction
  let writes: Promise<void> = Promise.resolve();
  let buffer: Pending[] = [];
  const batchSize = o.batchSize ?? 256;
  let lastFlush = performance.now();
  const flush = () => {
    if (!buffer.length) return writes;
    lastFlush = performance.now();
    const items = buffer;
    buffer = [];
    writes = writes.then(async () => {
      const outcomes = await o.store.putArticles(items.map((i) => ({ result: i.result!, meta: i.meta })));
      outcomes.forEach((out, k) => {
        const r = items[k].result!;
        if (out.status === 'duplicate') s.duplicate++;
        else {
          if (out.status === 'near-duplicate') s.nearDuplicate++;
          else s.new++;
          s.events += r.events.length;
          s.quotes += r.quotes.length;
          s.commitments += r.commitments.length;
        }
      });
      progress();
    });
    writes.catch(() => undefined); // the failure surfaces where the chain is awaited
    return writes;
  };

  // results are written in input order, whatever order the workers finish in, so that which copy of
  // a duplicate is kept (and so the whole store) does not depend on timing
  const inflight = new Set<Promise<void>>();
  const maxInFlight = Math.max(2, workers * QUEUED_PER_WORKER);
  const finished = new Map<number, Pending[]>();
  let nextChunk = 0;
  let nextToWrite = 0;
  const release = () => {
    for (let done = finished.get(nextToWrite); done; done = finished.get(nextToWrite)) {
      finished.delete(nextToWrite++);
      buffer.push(...done);
    }
    if (buffer.length >= batchSize || performance.now() - lastFlush > 1000) void flush();
    else progress();
  };
  const dispatch = async (chunk: Pending[]) => {
    while (inflight.size >= maxInFlight) await Promise.race(inflight);
    const seq = nextChunk++;
    const p: Promise<void> = pool
      .extract(chunk.map((c) => c.article))
      .then(
        (out) => {
          const ok: Pending[] = [];
          out.forEach((x, k) => {
            const c = chunk[k];
            s.bytes += Buffer.byteLength(c.article.text);
            if (x.ok) {
              c.meta.minhash = x.minhash;
              if (x.packed) c.meta.packed = x.packed;
              ok.push({ ...c, result: x.result });
            } else {
              s.failed++;
              problem({ where: c.where, reason: failureReason(x) });
            }
          });
          finished.set(seq, ok);
        },
        (e: Error) => {
          for (const c of chunk) {
            s.failed++;
            problem({ where: c.where, reason: `extraction failed: ${e.message}` });
          }
          finished.set(seq, []);
        },
      )
      .then(release)
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };

  const seen = new Set<string>();
  try {
    for await (const batch of readSources(o.inputs, o)) {
      for (const p of batch.problems) {
        s.failed++;
        inputFailures++;
        problem(p);
      }
      s.articles += batch.articles.length;
      total += batch.articles.length;
      if (batch.last) totalKnown = true;
      let chunk: Pending[] = [];
      for (const a of batch.articles) {
        const hash = textHash(a.text);
        const keys = [`i:${a.id}`, `h:${hash}`, ...(a.url ? [`u:${a.url}`] : [])];
        if (keys.some((k) => seen.has(k)) || (await o.store.hasArticle({ id: a.id, url: a.url, textHash: hash }))) {
          s.duplicate++;
          continue;
        }
        keys.forEach((k) => seen.add(k));
        chunk.push({ article: a, meta: { source: a.source ?? batch.source, engine, textHash: hash }, where: `${batch.name}: article ${a.id}` });
        if (chunk.length >= JOB) {
          await dispatch(chunk);
          chunk = [];
        }
      }
      if (chunk.length) await dispatch(chunk);
      progress();
    }
    totalKnown = true;
    while (inflight.size) await Promise.race(inflight);
    await flush();
  } finally {
    await pool.close();
  }
  progress();
  if (!o.noLink) s.link = await o.store.link({ asOf: o.asOf });
  s.seconds = (performance.now() - t0) / 1000;
  const ru = process.resourceUsage();
  s.maxRSS = ru.maxRSS * 1024;
  s.cpuSeconds = (ru.userCPUTime + ru.systemCPUTime) / 1e6;
  return s;
}

export interface ReprocessOptions extends ExtractionRunOptions {
  /** Re-extract every article, not only those from an older engine. */
  all?: boolean;
}

export interface ReprocessSummary {
  engine: string;
  considered: number;
  reprocessed: number;
  failed: number;
  events: number;
  quotes: number;
  commitments: number;
  link: LinkStats | null;
  bytes: number;
  seconds: number;
  problems: ReadProblem[];
}

export async function reprocess(o: ReprocessOptions): Promise<ReprocessSummary> {
  const t0 = performance.now();
  const engine = engineFingerprint(o.kb ?? [], o.disable ?? []);
  const staleFor = o.all ? undefined : engine;
  const total = await o.store.countArticles({ staleFor });
  const s: ReprocessSummary = { engine, considered: total, reprocessed: 0, failed: 0, events: 0, quotes: 0, commitments: 0, link: null, bytes: 0, seconds: 0, problems: [] };
  const workers = o.workers ?? defaultWorkers();
  const pool = new ExtractorPool(total < 8 ? 0 : workers, { kb: o.kb ?? [], disable: o.disable ?? [] }, { timeout: o.articleTimeout ?? DEFAULT_ARTICLE_TIMEOUT });
  const progress = () => o.onProgress?.({ done: s.reprocessed + s.failed, total, totalKnown: true, bytes: s.bytes, elapsed: (performance.now() - t0) / 1000 });
  let writes: Promise<void> = Promise.resolve();
  const inflight = new Set<Promise<void>>();
  const maxInFlight = Math.max(2, workers * QUEUED_PER_WORKER);
  // the ids to redo are listed first, so that rewriting them does not disturb the listing
  const articles: Article[] = [];
  for await (const a of o.store.articles({ staleFor })) articles.push(a.result.article);
  try {
    for (let i = 0; i < articles.length; i += JOB) {
      const chunk = articles.slice(i, i + JOB);
      while (inflight.size >= maxInFlight) await Promise.race(inflight);
      const p: Promise<void> = pool
        .extract(chunk)
        .then((out) => {
          out.forEach((x, k) => {
            s.bytes += Buffer.byteLength(chunk[k].text);
            if (!x.ok) {
              s.failed++;
              const pr = { where: `article ${chunk[k].id}`, reason: failureReason(x) };
              s.problems.push(pr);
              o.onProblem?.(pr);
              return;
            }
            // ids are kept: the stored article's id, whatever the reader would give today
            const result = { ...x.result, article: { ...x.result.article, id: chunk[k].id } };
            writes = writes.then(() => o.store.replaceResult(result, { engine }));
            writes.catch(() => undefined);
            s.reprocessed++;
            s.events += result.events.length;
            s.quotes += result.quotes.length;
            s.commitments += result.commitments.length;
          });
          progress();
        })
        .finally(() => inflight.delete(p));
      inflight.add(p);
    }
    while (inflight.size) await Promise.race(inflight);
    await writes;
  } finally {
    await pool.close();
  }
  s.link = await o.store.link({ asOf: o.asOf });
  s.seconds = (performance.now() - t0) / 1000;
  return s;
}
