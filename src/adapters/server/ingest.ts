/**
 * `POST /articles`: one article (text, HTML, or a URL to fetch) → the engine → the store → linking.
 * Writes go one at a time (the store has one writer: on a SQLite file, a thread of its own, so that
 * a link does not hold up reads); linking is coalesced: requests that arrive while a link runs share
 * the next one.
 *
 * Fetching a URL on a user's behalf is guarded: http(s) only, redirects followed by hand (at most 5,
 * each checked), no loopback, private, link-local or multicast addresses unless `allowPrivateFetch`,
 * a timeout and a size limit.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import type { Article, ArticleResult } from '../../core/types.js';
import { articleFromRecord, DEFAULT_MAX_ARTICLE_BYTES, formatBytes, oversize, readContent } from '../../readers/index.js';
import type { StoreWriter } from '../store/sqlite-writer.js';
import type { LinkStats, PutOutcome, Store } from '../store/types.js';
import type { Reads } from './reads.js';
import { HttpError } from './route.js';
import type { ArticleBodyT } from './schemas.js';

export interface Extractor {
  extract(article: Article): ArticleResult | Promise<ArticleResult>;
}

export interface IngestConfig {
  /** The engine, or a function that makes it on first use (loading one takes a moment). */
  engine: Extractor | (() => Extractor);
  /** Recorded with each stored article (see ingest/fingerprint.ts). */
  fingerprint?: string | null;
  /** Let URL ingest reach loopback and private addresses (tests, trusted networks). Default false. */
  allowPrivateFetch?: boolean;
  /** Seconds before a fetch gives up (default 20). */
  fetchTimeout?: number;
  /** Largest article accepted, UTF-8 bytes of text and title (default 1 MiB, as the CLI). */
  maxArticleBytes?: number;
  /** Where the writes go (default: the store): a SQLite store's writer thread keeps links off the request thread. */
  writer?: StoreWriter;
}

export interface IngestOutcome {
  status: PutOutcome['status'];
  id: string;
  nearDuplicateOf: string | null;
  extracted: { actors: number; events: number; quotes: number; commitments: number } | null;
  linked: LinkStats | null;
}

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

export function isPrivateAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const v = isIP(ip);
  return v === 4 ? blocked.check(ip, 'ipv4') : v === 6 ? blocked.check(ip, 'ipv6') : true;
}

async function assertPublic(host: string): Promise<void> {
  const h = host.replace(/^\[|\]$/g, '');
  const addrs = isIP(h) ? [h] : (await lookup(h, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addrs.length) throw new HttpError(422, `cannot fetch: ${host} does not resolve`);
  if (addrs.some(isPrivateAddress)) throw new HttpError(422, `cannot fetch: ${host} is a local or private address`);
}

export async function safeFetch(url: string, o: { allowPrivate: boolean; timeout: number; maxBytes: number }): Promise<{ text: string; type: string; url: string }> {
  let current = url;
  for (let hop = 0; hop <= 5; hop++) {
    const u = new URL(current);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new HttpError(422, `cannot fetch: only http and https URLs (${u.protocol})`);
    if (!o.allowPrivate) await assertPublic(u.hostname);
    let res: Response;
    try {
      res = await fetch(u, { redirect: 'manual', signal: AbortSignal.timeout(o.timeout * 1000), headers: { 'user-agent': 'parley (+https://github.com/parley)', accept: 'text/html, application/xhtml+xml, text/plain;q=0.8' } });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      throw new HttpError(502, `cannot fetch ${url}: ${err.name === 'TimeoutError' ? `timed out after ${o.timeout} s` : (err.cause?.code ?? err.message)}`);
    }
    if (res.status >= 300 && res.status < 400 && res.headers.get('location')) {
      current = new URL(res.headers.get('location')!, u).href;
      await res.body?.cancel();
      continue;
    }
    if (!res.ok) throw new HttpError(502, `cannot fetch ${url}: HTTP ${res.status}`);
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (res.body) {
      for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
        size += c.byteLength;
        if (size > o.maxBytes) throw new HttpError(413, `cannot fetch ${url}: the page is larger than ${formatBytes(o.maxBytes)}`);
        chunks.push(c);
      }
    }
    return { text: Buffer.concat(chunks).toString('utf8'), type: res.headers.get('content-type') ?? '', url: current };
  }
  throw new HttpError(502, `cannot fetch ${url}: too many redirects`);
}

export class Ingestor {
  private engine: Extractor | null = null;
  private writes: Promise<unknown> = Promise.resolve();
  private running: Promise<LinkStats> | null = null;
  private next: Promise<LinkStats> | null = null;
  private readonly max: number;
  private readonly writer: StoreWriter;

  constructor(
    private readonly store: Store,
    private readonly reads: Reads,
    private readonly config: IngestConfig,
  ) {
    this.max = config.maxArticleBytes ?? DEFAULT_MAX_ARTICLE_BYTES;
    this.writer = config.writer ?? store;
  }

  private getEngine(): Extractor {
    if (!this.engine) this.engine = typeof this.config.engine === 'function' ? this.config.engine() : this.config.engine;
    return this.engine;
  }

  /** The article a request describes (fetching its URL when that is all it gives). */
  async article(b: ArticleBodyT): Promise<Article> {
    let a: Article;
    const fromHtml = (html: string, name: string) => {
      const r = readContent(html, { name, date: b.date ?? null, maxArticleBytes: this.max }, 'html');
      if (!r.articles.length) throw new HttpError(r.problems.some((p) => p.reason.startsWith('article too large')) ? 413 : 422, r.problems[0]?.reason ?? 'no article text found');
      return r.articles[0];
    };
    if (b.text != null) {
      a = articleFromRecord({ id: b.id, text: b.text, title: b.title, date: b.date, dateline: b.dateline, url: b.url, lang: b.lang });
    } else if (b.html != null) {
      a = fromHtml(b.html, 'html body');
    } else {
      const page = await safeFetch(b.url!, { allowPrivate: !!this.config.allowPrivateFetch, timeout: this.config.fetchTimeout ?? 20, maxBytes: Math.max(this.max * 4, 4 * 1024 * 1024) });
      if (/html|xml/i.test(page.type) || (!page.type && page.text.trimStart().startsWith('<'))) a = fromHtml(page.text, page.url);
      else if (/^text\/plain/i.test(page.type)) a = articleFromRecord({ text: page.text, date: b.date });
      else throw new HttpError(422, `cannot read ${b.url}: content type ${page.type || 'unknown'} (HTML or plain text expected)`);
      a = { ...a, url: a.url ?? page.url };
    }
    // given text or HTML, `url` says where it is from; fetched, the page's own (canonical or final) URL wins
    const url = b.text != null || b.html != null ? (b.url ?? a.url) : a.url;
    a = {
      ...a,
      id: b.id ?? (url && (b.html != null || b.text == null) ? `url:${url}` : a.id),
      url: url ?? null,
      title: b.title ?? a.title,
      date: b.date ?? a.date,
      dateline: b.dateline ?? a.dateline,
      lang: b.lang ?? a.lang,
    };
    if (!a.text.trim()) throw new HttpError(422, 'the article has no text');
    const big = oversize(a, this.max);
    if (big) throw new HttpError(413, big);
    return a;
  }

  async ingest(b: ArticleBodyT, link = true): Promise<IngestOutcome> {
    const article = await this.article(b);
    const known = await this.store.findDuplicate({ id: article.id, url: article.url });
    if (known) return { status: 'duplicate', id: known.id, nearDuplicateOf: null, extracted: null, linked: null };
    const result = await this.getEngine().extract(article);
    const put = (this.writes = this.writes.catch(() => undefined).then(() => this.writer.putArticle(result, { source: 'api', engine: this.config.fingerprint ?? null })));
    const out = (await put) as PutOutcome;
    this.reads.touch();
    const extracted = { actors: result.actors.length, events: result.events.length, quotes: result.quotes.length, commitments: result.commitments.length };
    if (out.status === 'duplicate') return { status: out.status, id: out.id, nearDuplicateOf: null, extracted: null, linked: null };
    const linked = link ? await this.link() : null;
    return { status: out.status, id: out.id, nearDuplicateOf: out.nearDuplicateOf ?? null, extracted, linked };
  }

  /** Links the corpus; calls made while a link runs share one run after it. */
  link(): Promise<LinkStats> {
    if (!this.running) return this.startLink();
    this.next ??= this.running.catch(() => undefined).then(() => {
      this.next = null;
      return this.startLink();
    });
    return this.next;
  }

  private startLink(): Promise<LinkStats> {
    const run = this.writes.catch(() => undefined).then(() => this.writer.link());
    this.writes = run;
    const tracked: Promise<LinkStats> = run.finally(() => {
      if (this.running === tracked) this.running = null;
      this.reads.touch();
    });
    this.running = tracked;
    return tracked;
  }
}
