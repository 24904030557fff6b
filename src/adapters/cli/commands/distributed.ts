/**
 * Beyond one machine (issue 8): `parley enqueue` publishes articles to a NATS JetStream work queue,
 * `parley worker` consumes, extracts and writes them to a store (PostgreSQL for several machines),
 * `parley status` shows the queue, the workers and the failures. See docs/distributed.md.
 */
import { Command, Option } from 'commander';
import { KbError, loadKnowledgeBase } from '../../../knowledge/load.js';
import { DEFAULT_MAX_ARTICLE_BYTES, formatBytes } from '../../../readers/index.js';
import { DEFAULT_ARTICLE_TIMEOUT } from '../../ingest/pool.js';
import { ProgressBar } from '../../ingest/progress.js';
// the queue modules load the NATS client (~100 ms): imported when a command here runs, not at startup
import type { EnqueueSummary } from '../../queue/enqueue.js';
import type { QueueLimits, QueueStatus } from '../../queue/nats.js';
import type { WorkerSummary } from '../../queue/worker.js';
import type { PostgresStore, LinkState } from '../../store/postgres.js';
import type { Store, StoreStats } from '../../store/types.js';
import { action, articleSizeLimit, articleTimeoutOption, checkDay, num, openExisting, openForWrite, UsageError, type CommandContext } from './common.js';

export const DEFAULT_QUEUE = 'nats://127.0.0.1:4222';

const queueOption = () => new Option('--queue <url>', 'the NATS JetStream work queue: nats://host:4222 (?stream=NAME for a queue of its own)').default(DEFAULT_QUEUE);

const intArg = (name: string, min = 0) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`${name} must be a whole number${min ? ` ≥ ${min}` : ''}, got "${v}"`);
  return Number(v);
};

/** Queue errors (cannot connect, no JetStream, bad URL) are usage-level problems: exit 2 with the message. */
async function withQueueErrors<T>(body: () => Promise<T>): Promise<T> {
  const { QueueError } = await import('../../queue/nats.js');
  try {
    return await body();
  } catch (e) {
    if (e instanceof QueueError) throw new UsageError(e.message);
    throw e;
  }
}

function enqueueSummaryText(s: EnqueueSummary): string {
  const rate = s.seconds > 0 ? s.published / s.seconds : 0;
  return [
    `parley: ${num(s.articles)} articles read, ${num(s.published)} published to ${s.stream} at ${s.queue} in ${s.seconds.toFixed(1)} s (${rate.toFixed(0)} articles/s)`,
    `  skipped      duplicate ${num(s.duplicate)}, failed ${num(s.failed)}${s.waitedMs ? `; waited ${(s.waitedMs / 1000).toFixed(1)} s for room in the queue` : ''}`,
    `  next         parley worker --queue ${s.queue}${s.stream === 'PARLEY' ? '' : `?stream=${s.stream}`} --db postgres://…   (parley status to follow)`,
  ].join('\n') + '\n';
}

export interface EnqueueCliOptions {
  queue: string;
  db?: string;
  date?: string;
  timeout: string;
  maxArticleSize: string;
  maxQueued?: number;
  summary: string;
}

/**
 * The body of `parley enqueue`, exported so that `parley ingest --queue URL` can call it (a one-line
 * hook in ingest's action: `if (o.queue) return enqueueSources(sources, o, ctx)`).
 */
export async function enqueueSources(sources: string[], o: EnqueueCliOptions, ctx: CommandContext): Promise<void> {
  const maxArticleBytes = articleSizeLimit(o.maxArticleSize);
  checkDay(o.date);
  const { enqueue } = await import('../../queue/enqueue.js');
  const store = o.db ? openExisting(o.db) : null;
  const bar = ctx.errIsTTY ? new ProgressBar(ctx.err, 'enqueue') : null;
  try {
    const s = await withQueueErrors(() =>
      enqueue({
        queue: o.queue,
        inputs: sources,
        store,
        date: o.date ?? null,
        timeout: Number(o.timeout) || 20,
        maxArticleBytes,
        limits: o.maxQueued != null ? { maxMessages: o.maxQueued } : {},
        onProblem: (p) => {
          bar?.clear();
          ctx.err(`parley: ${p.where}: ${p.reason}\n`);
        },
        onProgress: bar ? (p) => bar.update(p) : undefined,
      }),
    );
    bar?.clear();
    if (o.summary === 'json') ctx.out(JSON.stringify({ ...s, problems: s.problems }) + '\n');
    else ctx.out(enqueueSummaryText(s));
    if (s.failed) ctx.setCode(1);
  } finally {
    await store?.close();
  }
}

function workerSummaryText(s: WorkerSummary): string {
  const l = s.link;
  return [
    `parley: worker ${s.worker} processed ${num(s.processed)} articles in ${s.seconds.toFixed(1)} s (${s.rate.toFixed(1)} articles/s)`,
    `  articles     new ${num(s.new)}, duplicate ${num(s.duplicate)}, near-duplicate ${num(s.nearDuplicate)}, retried ${num(s.retried)}, dead-lettered ${num(s.deadLettered)}${s.timedOut ? ` (${num(s.timedOut)} over the time budget)` : ''}`,
    `  time         extraction ${s.extractSeconds.toFixed(1)} s, store writes ${s.writeSeconds.toFixed(1)} s`,
    `  linked       ${l ? `${num(l.events)} linked events from ${num(l.mentions)} mentions (${num(s.links)} link${s.links === 1 ? '' : 's'} by this worker)` : 'no link by this worker'}`,
  ].join('\n') + '\n';
}

const clock = (sec: number) => {
  if (!Number.isFinite(sec)) return '?';
  const h = Math.floor(sec / 3600);
  const m = Math.floor((sec % 3600) / 60);
  const s = String(Math.floor(sec % 60)).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

function statusText(q: QueueStatus, store: { spec: string; stats: StoreStats; link: LinkState | null } | null): string {
  const out: string[] = [];
  const live = q.workers.filter((w) => w.alive);
  out.push(`queue    ${q.servers}  stream ${q.stream} (${q.subject})`);
  if (!q.limits) out.push('         no such stream yet (parley enqueue or parley worker creates it)');
  else {
    out.push(`  depth      ${num(q.waiting)} waiting, ${num(q.inFlight)} in flight, ${(q.queuedBytes / 1e6).toFixed(1)} MB held (limit ${num(q.limits.maxMessages)} messages)`);
    out.push(`  published  ${num(q.published)} in all; ${num(q.redelivered)} delivered again after a missed ack`);
    const eta = q.rate > 0 ? ` — drains in ${clock((q.waiting + q.inFlight) / q.rate)}` : '';
    out.push(`  rate       ${q.rate.toFixed(1)} articles/s from ${live.length} live worker${live.length === 1 ? '' : 's'}${eta}`);
    out.push(`  settings   ack wait ${q.limits.ackWait} s, ${q.limits.maxAttempts} attempts, at most ${num(q.limits.maxAckPending)} in flight`);
  }
  out.push(`workers  ${live.length} live${q.workers.length > live.length ? `, ${q.workers.length - live.length} silent (stopped or stuck; dropped after 30 s)` : ''}`);
  for (const w of q.workers)
    out.push(
      `  ${w.id.padEnd(24)} ${(w.alive ? w.state : `silent ${Math.round(w.ageSeconds)} s`).padEnd(22)} ${String(w.rate.toFixed(1)).padStart(6)} art/s  processed ${num(w.processed)}, new ${num(w.new)}, dup ${num(w.duplicate + w.nearDuplicate)}, retried ${num(w.retried)}, dead ${num(w.deadLettered)}`,
    );
  out.push(`failures ${num(q.dead)} dead letter${q.dead === 1 ? '' : 's'}${q.dead ? ` (stream ${q.stream}_DEAD)` : ''}`);
  for (const d of q.recentDead) out.push(`  #${d.seq} ${d.article ?? '(unreadable)'}: ${d.reason}${d.deliveries ? ` [${d.deliveries} deliveries]` : ''}`);
  if (store) {
    const st = store.stats;
    out.push(`store    ${store.spec.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:…@')}`);
    out.push(`  holds      ${num(st.articles)} articles (${num(st.nearDuplicates)} near-duplicates), ${num(st.eventMentions)} event mentions, ${num(st.events)} linked events${st.bytes != null ? `, ${(st.bytes / 1e6).toFixed(1)} MB` : ''}`);
    if (store.link) {
      const l = store.link;
      out.push(`  linked     ${l.linkedVersion == null ? 'never' : l.linkedVersion >= l.version ? `up to date (as of ${l.linkedAsOf ?? 'no date'})` : `${num(l.version - l.linkedVersion)} write${l.version - l.linkedVersion === 1 ? '' : 's'} since the last link`}`);
    }
  }
  return out.join('\n') + '\n';
}

const limitsFrom = (o: { ackWait?: number; maxAttempts?: number; maxInFlight?: number }): QueueLimits => ({ ackWait: o.ackWait, maxAttempts: o.maxAttempts, maxAckPending: o.maxInFlight });

export function registerDistributed(program: Command, ctx: CommandContext): void {
  program
    .command('enqueue')
    .description('publish articles to the work queue for parley worker (the sources parley ingest reads)')
    .argument('<sources...>', 'files, directories, feed or article URLs, or - for stdin')
    .addOption(queueOption())
    .option('--db <url>', 'skip articles this store already holds')
    .option('-d, --date <YYYY-MM-DD>', 'publication date for inputs that carry none (plain text)')
    .option('--timeout <seconds>', 'seconds before a fetch gives up', '20')
    .option('--max-article-size <size>', 'skip (and report) an article larger than this; 0 for no limit', formatBytes(DEFAULT_MAX_ARTICLE_BYTES).replace(' ', ''))
    .option('--max-queued <n>', 'messages the queue holds before publishing waits (sets the stream limit)', intArg('--max-queued', 1))
    .addOption(new Option('--summary <format>', 'the summary at the end').choices(['text', 'json']).default('text'))
    .action(action(ctx, async (sources: string[], o: EnqueueCliOptions) => enqueueSources(sources, o, ctx)));

  program
    .command('worker')
    .description('take articles from the work queue, extract them and write them to the store (run any number, on any machines)')
    .addOption(queueOption())
    .requiredOption('--db <url>', 'the store: postgres://user@host:5432/db (shared) or a SQLite file (one machine)')
    .option('--kb <file>', 'a knowledge-base file merged over the shipped one (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--disable <stages>', 'comma-separated stage names to switch off', '')
    .option('-j, --threads <n>', 'extraction threads in this worker (0: on the main thread)', intArg('--threads'), 1)
    .option('--batch <n>', 'messages per fetch and per write transaction', intArg('--batch', 1), 16)
    .addOption(articleTimeoutOption(DEFAULT_ARTICLE_TIMEOUT))
    .option('--ack-wait <seconds>', 'seconds before a message a worker took and did not acknowledge goes to another', intArg('--ack-wait', 1), 60)
    .option('--max-attempts <n>', 'attempts at a message before it goes to the dead letters', intArg('--max-attempts', 1), 5)
    .option('--max-in-flight <n>', 'messages delivered and not yet acknowledged, across all workers', intArg('--max-in-flight', 1), 1000)
    .option('--no-link', 'do not link events (run parley link yourself)')
    .option('--link-interval <seconds>', 'while the queue is busy, link at most this often', intArg('--link-interval', 1), 60)
    .option('--exit-when-idle', 'stop once nothing is waiting or in flight (batch jobs, benchmarks)')
    .option('--name <id>', 'this worker\'s name in parley status (default host-pid)')
    .addOption(new Option('--summary <format>', 'the summary at the end').choices(['text', 'json']).default('text'))
    .action(
      action(
        ctx,
        async (o: {
          queue: string;
          db: string;
          kb: string[];
          disable: string;
          threads: number;
          batch: number;
          articleTimeout: number;
          ackWait: number;
          maxAttempts: number;
          maxInFlight: number;
          link: boolean;
          linkInterval: number;
          exitWhenIdle?: boolean;
          name?: string;
          summary: string;
        }) => {
          const disable = o.disable.split(',').map((x) => x.trim()).filter(Boolean);
          try {
            loadKnowledgeBase(o.kb);
          } catch (e) {
            if (e instanceof KbError) throw new UsageError(e.message);
            throw e;
          }
          const { runWorker } = await import('../../queue/worker.js');
          const store: Store = openForWrite(o.db);
          const stop = new AbortController();
          const onSignal = () => {
            if (stop.signal.aborted) process.exit(130);
            ctx.err('parley: stopping after the batch in hand (again to stop now)\n');
            stop.abort();
          };
          process.on('SIGINT', onSignal);
          process.on('SIGTERM', onSignal);
          try {
            const s = await withQueueErrors(() =>
              runWorker({
                queue: o.queue,
                store,
                kb: o.kb,
                disable,
                threads: o.threads,
                batch: o.batch,
                articleTimeout: o.articleTimeout,
                limits: limitsFrom(o),
                link: o.link,
                linkInterval: o.linkInterval,
                exitWhenIdle: !!o.exitWhenIdle,
                name: o.name,
                signal: stop.signal,
                onEvent: (e) => {
                  if (e.kind === 'ready') ctx.err(`parley: worker ${e.worker} taking articles from ${e.stream}\n`);
                  else if (e.kind === 'dead-letter') ctx.err(`parley: ${e.article ?? 'a message'}: to the dead letters after ${e.deliveries} deliveries: ${e.reason}\n`);
                  else if (e.kind === 'retry') ctx.err(`parley: ${e.article}: attempt ${e.deliveries} failed, will retry: ${e.reason}\n`);
                  else if (e.kind === 'store-wait') ctx.err(`parley: store unavailable (${e.reason}); trying again in ${(e.ms / 1000).toFixed(1)} s\n`);
                },
              }),
            );
            if (o.summary === 'json') ctx.out(JSON.stringify(s) + '\n');
            else ctx.out(workerSummaryText(s));
            if (s.deadLettered) ctx.setCode(1);
          } finally {
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            await store.close();
          }
        },
      ),
    );

  program
    .command('status')
    .description('the work queue: depth, rate, workers, failures (and the store, with --db)')
    .addOption(queueOption())
    .option('--db <url>', 'also show the store: articles, events, whether linking is up to date')
    .addOption(new Option('-f, --format <format>', 'output format (default: table on a terminal, json otherwise)').choices(['table', 'json']))
    .option('--dead <n>', 'dead letters to list', intArg('--dead'), 5)
    .action(
      action(ctx, async (o: { queue: string; db?: string; format?: string; dead: number }) => {
        const { WorkQueue } = await import('../../queue/nats.js');
        const q = await withQueueErrors(() => WorkQueue.connect(o.queue, 'parley-status'));
        let st: QueueStatus;
        try {
          st = await q.status(o.dead);
        } finally {
          await q.close();
        }
        let store: { spec: string; stats: StoreStats; link: LinkState | null } | null = null;
        if (o.db) {
          const s = openExisting(o.db);
          try {
            store = { spec: o.db, stats: await s.stats(), link: s.kind === 'postgres' ? await (s as PostgresStore).linkState() : null };
          } finally {
            await s.close();
          }
        }
        if ((o.format ?? (ctx.isTTY ? 'table' : 'json')) === 'json') ctx.out(JSON.stringify({ queue: st, store }) + '\n');
        else ctx.out(statusText(st, store));
      }),
    );
}
