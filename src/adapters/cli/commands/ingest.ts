/** `parley ingest SOURCES...` and `parley reprocess`: extraction on all cores into the store. */
import { Command, Option } from 'commander';
import { KbError, loadKnowledgeBase } from '../../../knowledge/load.js';
import { DEFAULT_MAX_ARTICLE_BYTES, formatBytes } from '../../../readers/index.js';
import { DEFAULT_ARTICLE_TIMEOUT } from '../../ingest/pool.js';
import { defaultWorkers, ingest, reprocess, type IngestSummary, type ReprocessSummary } from '../../ingest/run.js';
import { ProgressBar } from '../../ingest/progress.js';
import type { LinkStats } from '../../store/types.js';
import { action, articleSizeLimit, articleTimeoutOption, checkDate, checkDay, collect, dbOption, num, openExisting, openForWrite, UsageError, type CommandContext } from './common.js';

const workersOption = () =>
  new Option('-j, --workers <n>', `extraction threads (0: on the main thread)`).default(defaultWorkers()).argParser((v) => {
    if (!/^\d+$/.test(v)) throw new UsageError(`--workers must be a number, got "${v}"`);
    return Number(v);
  });

function checkKb(files: string[], disable: string[]): void {
  try {
    loadKnowledgeBase(files);
  } catch (e) {
    if (e instanceof KbError) throw new UsageError(e.message);
    throw e;
  }
  void disable;
}

const splitList = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);

function linkLine(l: LinkStats | null): string {
  if (!l) return 'not linked (--no-link): run parley link';
  const c = l.commitments;
  return `${num(l.events)} linked events from ${num(l.mentions)} mentions; commitments kept ${num(c.kept)}, overdue ${num(c.overdue)}, open ${num(c.open)} (as of ${l.asOf ?? 'no date'})`;
}

export function ingestSummaryText(s: IngestSummary, db: string, bytes: number | null): string {
  const rate = s.seconds > 0 ? s.articles / s.seconds : 0;
  return [
    `parley: ${num(s.articles)} articles in ${s.seconds.toFixed(1)} s (${rate.toFixed(0)} articles/s, ${(s.bytes / 1e6 / Math.max(s.seconds, 1e-9)).toFixed(2)} MB/s) into ${db}${bytes != null ? ` (${(bytes / 1e6).toFixed(1)} MB)` : ''}`,
    `  articles     new ${num(s.new)}, duplicate ${num(s.duplicate)}, near-duplicate ${num(s.nearDuplicate)}, failed ${num(s.failed)}`,
    `  extracted    events ${num(s.events)}, quotes ${num(s.quotes)}, commitments ${num(s.commitments)}`,
    `  linked       ${linkLine(s.link)}`,
  ].join('\n') + '\n';
}

function reprocessSummaryText(s: ReprocessSummary, db: string): string {
  return [
    `parley: reprocessed ${num(s.reprocessed)} of ${num(s.considered)} articles in ${s.seconds.toFixed(1)} s with engine ${s.engine} (${db})${s.failed ? `, ${num(s.failed)} failed` : ''}`,
    `  extracted    events ${num(s.events)}, quotes ${num(s.quotes)}, commitments ${num(s.commitments)}`,
    `  linked       ${linkLine(s.link)}`,
  ].join('\n') + '\n';
}

export function registerIngest(program: Command, ctx: CommandContext): void {
  program
    .command('ingest')
    .description('extract articles into the store: files, directories, .jsonl, .html, RSS/Atom feeds (files or URLs), article URLs, - for stdin')
    .argument('<sources...>', 'files, directories, feed or article URLs, or - for stdin')
    .addOption(dbOption())
    .option('-d, --date <YYYY-MM-DD>', 'publication date for inputs that carry none (plain text)')
    .option('--kb <file>', 'a knowledge-base file merged over the shipped one (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--disable <stages>', 'comma-separated stage names to switch off', '')
    .addOption(workersOption())
    .addOption(articleTimeoutOption(DEFAULT_ARTICLE_TIMEOUT))
    .option('--batch <n>', 'articles per write transaction (results are also written at least once a second)', (v: string) => {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--batch must be a whole number ≥ 1, got "${v}"`);
      return Number(v);
    }, 256)
    .option('--no-link', 'do not link events across articles at the end (run parley link later)')
    .option('--as-of <YYYY-MM-DD>', 'the day commitments are judged on (default: the latest publication date in the store)')
    .option('--timeout <seconds>', 'seconds before a fetch gives up', '20')
    .option('--max-article-size <size>', 'skip (and report) an article larger than this (UTF-8 bytes of text and title, e.g. 500KB, 2MB); 0 for no limit', formatBytes(DEFAULT_MAX_ARTICLE_BYTES).replace(' ', ''))
    .addOption(new Option('--summary <format>', 'the summary at the end').choices(['text', 'json']).default('text'))
    .option('--queue <url>', 'publish to a NATS JetStream work queue (nats://host:4222) for parley worker, instead of extracting here')
    .action(
      action(ctx, async (sources: string[], o: { db: string; date?: string; kb: string[]; disable: string; workers: number; articleTimeout: number; batch: number; link: boolean; asOf?: string; timeout: string; summary: string; maxArticleSize: string; queue?: string }) => {
        // distributed: the workers extract and write (see docs/distributed.md)
        if (o.queue) return (await import('./distributed.js')).enqueueSources(sources, { queue: o.queue, date: o.date, timeout: o.timeout, maxArticleSize: o.maxArticleSize, summary: o.summary }, ctx);
        const maxArticleBytes = articleSizeLimit(o.maxArticleSize);
        checkDay(o.date);
        checkDate(o.asOf, '--as-of');
        const disable = splitList(o.disable);
        checkKb(o.kb, disable);
        const store = openForWrite(o.db);
        const bar = ctx.errIsTTY ? new ProgressBar(ctx.err) : null;
        try {
          const s = await ingest({
            store,
            inputs: sources,
            date: o.date ?? null,
            kb: o.kb,
            disable,
            workers: o.workers,
            articleTimeout: o.articleTimeout,
            batchSize: o.batch,
            noLink: !o.link,
            asOf: o.asOf,
            timeout: Number(o.timeout) || 20,
            maxArticleBytes,
            onProblem: (p) => {
              bar?.clear();
              ctx.err(`parley: ${p.where}: ${p.reason}\n`);
            },
            onProgress: bar ? (p) => bar.update(p) : undefined,
          });
          bar?.clear();
          const st = await store.stats();
          if (o.summary === 'json') ctx.out(JSON.stringify({ ...s, db: o.db, storeBytes: st.bytes, store: st }) + '\n');
          else ctx.out(ingestSummaryText(s, o.db, st.bytes));
          if (s.failed) ctx.setCode(1);
        } finally {
          await store.close();
        }
      }),
    );

  program
    .command('reprocess')
    .description('re-extract stored articles with the current engine and KB (ids kept), then link again')
    .addOption(dbOption())
    .option('--all', 'every article, not only those extracted by another engine version')
    .option('--kb <file>', 'a knowledge-base file merged over the shipped one (repeatable)', (v: string, p: string[]) => [...p, v], [] as string[])
    .option('--disable <stages>', 'comma-separated stage names to switch off', '')
    .addOption(workersOption())
    .option('--as-of <YYYY-MM-DD>', 'the day commitments are judged on')
    .action(
      action(ctx, async (o: { db: string; all?: boolean; kb: string[]; disable: string; workers: number; asOf?: string }) => {
        checkDate(o.asOf, '--as-of');
        const disable = splitList(o.disable);
        checkKb(o.kb, disable);
        const store = openExisting(o.db);
        const bar = ctx.errIsTTY ? new ProgressBar(ctx.err, 'reprocess') : null;
        try {
          const s = await reprocess({
            store,
            all: !!o.all,
            kb: o.kb,
            disable,
            workers: o.workers,
            asOf: o.asOf,
            onProblem: (p) => {
              bar?.clear();
              ctx.err(`parley: ${p.where}: ${p.reason}\n`);
            },
            onProgress: bar ? (p) => bar.update(p) : undefined,
          });
          bar?.clear();
          ctx.out(reprocessSummaryText(s, o.db));
          if (s.failed) ctx.setCode(1);
        } finally {
          await store.close();
        }
      }),
    );

  program
    .command('link')
    .description('rebuild linked events and commitment statuses from the stored articles')
    .addOption(dbOption())
    .option('--as-of <YYYY-MM-DD>', 'the day commitments are judged on')
    .action(
      action(ctx, async (o: { db: string; asOf?: string }) => {
        checkDate(o.asOf, '--as-of');
        const store = openExisting(o.db);
        try {
          ctx.out(`parley: ${linkLine(await store.link({ asOf: o.asOf }))}\n`);
        } finally {
          await store.close();
        }
      }),
    );
  void collect;
}
