/**
 * Ingest sources: files, directories (recursively), JSON/JSONL, HTML, RSS/Atom feed files and feed
 * URLs, article URLs, and stdin. Each source yields its articles and its problems (with where and
 * why); a source that fails does not stop the others.
 *
 * A feed's items are fetched by their links and read by the HTML reader; when a link cannot be
 * fetched (or an item has none) the content the feed itself carries is read instead.
 */
import { createReadStream } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { basename, join } from 'node:path';
import type { Article } from '../../core/types.js';
import { normDate, readContent, stableId, type ReadProblem } from '../../readers/index.js';
import { isFeed, parseFeed, type FeedItem } from './feed.js';

export interface SourceBatch {
  /** The input as the user named it (a file, a URL, <stdin>). */
  name: string;
  articles: Article[];
  problems: ReadProblem[];
  /** The source of these articles, for counting distinct sources (the store prefers the URL's host). */
  source: string | null;
  /** Bytes read (for the MB/s figure). */
  bytes: number;
}

export interface SourceOptions {
  date?: string | null;
  /** Seconds before a fetch gives up (default 20). */
  timeout?: number;
  /** Pages of one feed fetched at once (default 4). */
  concurrency?: number;
  /** Articles larger than this (UTF-8 bytes of text and title) are reported, not read; 0 for no limit. */
  maxArticleBytes?: number;
  /** JSONL files larger than this many bytes are streamed in chunks (default STREAM_ABOVE, 16 MiB). */
  streamAbove?: number;
  /** Lines per chunk when streaming (default 2,000). */
  streamLines?: number;
  /** Standard input, for tests (default process.stdin). */
  stdin?: () => Promise<string>;
}

export const SUPPORTED = /\.(txt|json|jsonl|ndjson|html?|xml|rss|atom)$/i;
const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function expand(path: string): Promise<string[]> {
  if (path === '-' || isUrl(path)) return [path];
  let st;
  try {
    st = await stat(path);
  } catch {
    return [path]; // reported when read
  }
  if (!st.isDirectory()) return [path];
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const out: string[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) out.push(...(await expand(join(path, e.name))));
    else if (SUPPORTED.test(e.name)) out.push(join(path, e.name));
  }
  return out;
}

function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const why: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory' };
  return why[err.code ?? ''] ?? err.message;
}

export async function fetchText(url: string, timeout = 20): Promise<{ text: string; type: string; url: string }> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeout * 1000), redirect: 'follow', headers: { 'user-agent': 'parley (+https://github.com/parley)', accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5' } });
  } catch (e) {
    const err = e as Error & { cause?: { code?: string; message?: string } };
    const why = err.name === 'TimeoutError' ? `timed out after ${timeout} s` : (err.cause?.code ?? err.cause?.message ?? err.message);
    throw new Error(`cannot fetch: ${why}`);
  }
  if (!res.ok) throw new Error(`HTTP ${res.status}${res.statusText ? ' ' + res.statusText : ''}`);
  return { text: await res.text(), type: res.headers.get('content-type') ?? '', url: res.url || url };
}

function safeDate(v: string | null): string | null {
  try {
    return normDate(v);
  } catch {
    return null;
  }
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** An article from a page fetched for a feed item or a URL: the HTML reader, then the item's data. */
function articleFromPage(html: string, url: string, item: FeedItem | null, date: string | null, max?: number): { article?: Article; problem?: string } {
  const r = readContent(html, { name: url, date, maxArticleBytes: max }, 'html');
  if (!r.articles.length) return { problem: r.problems[0]?.reason ?? 'no article text found' };
  const a = r.articles[0];
  const finalUrl = a.url ?? url;
  return {
    article: {
      ...a,
      id: a.url ? a.id : `url:${url}`,
      url: finalUrl,
      date: a.date ?? safeDate(item?.date ?? null) ?? date,
      title: a.title ?? item?.title ?? null,
    },
  };
}

/** An article from the content a feed carries for an item. */
function articleFromItem(item: FeedItem, date: string | null, max?: number): Article | null {
  if (!item.content) return null;
  const looksHtml = /<[a-z][\s\S]*>/i.test(item.content);
  const body = looksHtml ? item.content : `<p>${escapeHtml(item.content)}</p>`;
  const html = `<!doctype html><html><head><title>${escapeHtml(item.title ?? '')}</title></head><body><article>${body}</article></body></html>`;
  const r = readContent(html, { name: item.link ?? 'feed item', date, maxArticleBytes: max }, 'html');
  const a = r.articles[0];
  if (!a) return null;
  const id = item.link ? `url:${item.link}` : item.id ? `feed:${item.id}` : stableId(a.text);
  return { ...a, id, url: item.link ?? null, title: item.title ?? a.title, date: safeDate(item.date) ?? a.date ?? date };
}

async function mapLimit<T, R>(xs: T[], limit: number, f: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(xs.length);
  let next = 0;
  const run = async () => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await f(xs[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, xs.length) }, run));
  return out;
}

async function readFeed(name: string, xml: string, opts: SourceOptions): Promise<SourceBatch> {
  const date = opts.date ?? null;
  const problems: ReadProblem[] = [];
  let feed;
  try {
    feed = parseFeed(xml);
  } catch (e) {
    return { name, articles: [], problems: [{ where: name, reason: (e as Error).message }], source: null, bytes: xml.length };
  }
  let bytes = xml.length;
  const articles = await mapLimit(feed.items, opts.concurrency ?? 4, async (item, i): Promise<Article | null> => {
    const where = `${name} item ${i + 1}${item.title ? ` ("${item.title.slice(0, 60)}")` : ''}`;
    let why = 'no link and no content';
    if (item.link && isUrl(item.link)) {
      try {
        const page = await fetchText(item.link, opts.timeout);
        bytes += page.text.length;
        const r = articleFromPage(page.text, page.url, item, date, opts.maxArticleBytes);
        if (r.article) return r.article;
        why = r.problem!;
      } catch (e) {
        why = `${item.link}: ${(e as Error).message}`;
      }
    }
    const fromFeed = articleFromItem(item, date, opts.maxArticleBytes);
    if (fromFeed) return fromFeed;
    problems.push({ where, reason: why });
    return null;
  });
  const host = (() => {
    try {
      return feed.link ? new URL(feed.link).host : null;
    } catch {
      return null;
    }
  })();
  return { name, articles: articles.filter((a): a is Article => !!a), problems, source: host ?? feed.title ?? basename(name), bytes };
}

async function readOne(input: string, opts: SourceOptions): Promise<SourceBatch> {
  const date = opts.date ?? null;
  if (isUrl(input)) {
    let page;
    try {
      page = await fetchText(input, opts.timeout);
    } catch (e) {
      return { name: input, articles: [], problems: [{ where: input, reason: (e as Error).message }], source: null, bytes: 0 };
    }
    if (/(rss|atom|xml)/i.test(page.type) || isFeed(page.text)) return readFeed(input, page.text, opts);
    if (/json/i.test(page.type)) {
      const r = readContent(page.text, { name: input, date, maxArticleBytes: opts.maxArticleBytes }, page.text.trimStart().startsWith('[') || !page.text.trim().includes('\n') ? 'json' : 'jsonl');
      return { name: input, ...r, source: new URL(page.url).host, bytes: page.text.length };
    }
    const r = articleFromPage(page.text, page.url, null, date, opts.maxArticleBytes);
    return { name: input, articles: r.article ? [r.article] : [], problems: r.problem ? [{ where: input, reason: r.problem }] : [], source: new URL(page.url).host, bytes: page.text.length };
  }
  const name = input === '-' ? '<stdin>' : input;
  let content: string;
  try {
    content = input === '-' ? await (opts.stdin ?? readStdin)() : await readFile(input, 'utf8');
  } catch (e) {
    return { name, articles: [], problems: [{ where: name, reason: fsReason(e) }], source: null, bytes: 0 };
  }
  if (content.includes('\u0000')) return { name, articles: [], problems: [{ where: name, reason: 'binary data, not text' }], source: null, bytes: content.length };
  if (/\.(xml|rss|atom)$/i.test(input) || isFeed(content)) return readFeed(name, content, opts);
  const r = readContent(content, { name, date, maxArticleBytes: opts.maxArticleBytes });
  return { name, ...r, source: input === '-' ? 'stdin' : basename(input), bytes: Buffer.byteLength(content) };
}

/**
 * Reads the inputs one after the other (directories expanded first), yielding one batch per file or
 * URL, with its position among them (so a progress bar knows when every article has been seen).
 */
export async function* readSources(inputs: string[], opts: SourceOptions = {}): AsyncGenerator<SourceBatch & { index: number; count: number; last: boolean }> {
  const paths: string[] = [];
  for (const input of inputs) paths.push(...(await expand(input)));
  for (let i = 0; i < paths.length; i++) {
    const lastPath = i === paths.length - 1;
    if (/\.(jsonl|ndjson)$/i.test(paths[i]) && (await sizeOf(paths[i])) > (opts.streamAbove ?? STREAM_ABOVE)) {
      for await (const b of streamJsonl(paths[i], opts)) yield { ...b, index: i, count: paths.length, last: lastPath && b.last };
    } else yield { ...(await readOne(paths[i], opts)), index: i, count: paths.length, last: lastPath };
  }
}

/** JSONL files larger than this are read in chunks of lines, so that memory stays bounded. */
export const STREAM_ABOVE = 16 * 1024 * 1024;
const STREAM_LINES = 2000;

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** A large JSONL file, STREAM_LINES records at a time; problems keep their line numbers. */
async function* streamJsonl(path: string, opts: SourceOptions): AsyncGenerator<SourceBatch & { last: boolean }> {
  const rl = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lines: string[] = [];
  let first = 1;
  let lineNo = 0;
  const batch = (last: boolean): SourceBatch & { last: boolean } => {
    const text = lines.join('\n');
    const r = readContent(text, { name: path, date: opts.date ?? null, maxArticleBytes: opts.maxArticleBytes }, 'jsonl');
    const offset = first - 1;
    const problems = r.problems.map((p) => ({ ...p, where: p.where.replace(/:(\d+)$/, (_, n: string) => `:${Number(n) + offset}`) }));
    const out = { name: path, articles: r.articles, problems, source: basename(path), bytes: Buffer.byteLength(text), last };
    first = lineNo + 1;
    lines = [];
    return out;
  };
  for await (const line of rl) {
    lineNo++;
    lines.push(line);
    if (lines.length >= (opts.streamLines ?? STREAM_LINES)) yield batch(false);
  }
  yield batch(true);
}
