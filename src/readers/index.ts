/**
 * Readers: turn the content of one input (a file's text, or stdin) into Articles. Each format is a
 * small function of the content; a bad record is reported with where it is and why, and the records
 * around it are still read.
 */
import { createHash } from 'node:crypto';
import type { Article } from '../core/types.js';
import { readHtml } from './html.js';

export type Format = 'seed' | 'txt' | 'json' | 'jsonl' | 'html';

export interface ReadProblem {
  /** "file.jsonl:12" or "file.json[3]". */
  where: string;
  reason: string;
}

export interface ReadResult {
  articles: Article[];
  problems: ReadProblem[];
}

export interface ReadOptions {
  /** Publication date for inputs that carry none (plain text). */
  date?: string | null;
  /** Name used in messages and, for plain text, in the id. */
  name: string;
  /**
   * The largest article to accept, in UTF-8 bytes of its text and title; a larger one is reported as a
   * problem (with where it is) and the records around it are still read. Unset or 0: no limit.
   */
  maxArticleBytes?: number;
}

/**
 * The CLI's default article size limit: 1 MiB, twelve times the longest of the 21,520 articles of the
 * benchmark corpus (80 kB). Extraction time grows faster than the size (1 MiB of news prose takes about
 * 7 s, 2 MiB about 22 s), so the limit keeps one pathological input from stalling a run.
 */
export const DEFAULT_MAX_ARTICLE_BYTES = 1024 * 1024;

/** The size an article limit is measured on: UTF-8 bytes of its text and title. */
export function articleBytes(a: Pick<Article, 'text' | 'title'>): number {
  return Buffer.byteLength(a.text, 'utf8') + (a.title ? Buffer.byteLength(a.title, 'utf8') : 0);
}

/** "2 MiB", "512 KiB", "900 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / 1024 / 1024).toFixed(n % (1024 * 1024) ? 1 : 0)} MiB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(n % 1024 ? 1 : 0)} KiB`;
  return `${n} B`;
}

/** Parses a size: "2MB", "2 MiB", "500k", "500KB", "1048576" (K = 1024, M = 1024²; 0 = no limit); throws on anything else. */
export function parseSize(s: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(s);
  if (!m) throw new Error(`"${s}" is not a size (e.g. 2MB, 500KB, 1048576)`);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  return Math.round(Number(m[1]) * (unit === 'g' ? 1024 ** 3 : unit === 'm' ? 1024 ** 2 : unit === 'k' ? 1024 : 1));
}

/** Why an article is over the limit (a message for the user), or null when it is within it or there is none. */
export function oversize(a: Pick<Article, 'text' | 'title'>, maxArticleBytes: number | undefined): string | null {
  if (!maxArticleBytes || a.text.length + (a.title?.length ?? 0) <= maxArticleBytes / 3) return null; // UTF-8 uses at most 3 bytes per UTF-16 unit
  const size = articleBytes(a);
  return size > maxArticleBytes ? `article too large: ${formatBytes(size)} (${size} bytes), over the limit of ${formatBytes(maxArticleBytes)}` : null;
}

/** HTML nested deeper than this is not read: Readability takes time that grows faster than the square of
 *  the depth (10,000 levels: 8 s) and then fails; real pages stay under a few hundred levels. */
export const MAX_HTML_DEPTH = 1000;
const VOID_OR_OPTIONAL_END = new Set(
  'area base br col embed hr img input link meta param source track wbr p li dt dd tr td th option optgroup thead tbody tfoot colgroup caption rb rt rtc rp'.split(' '),
);

/** The deepest nesting of elements in an HTML text, from its tags alone, in one pass (elements whose end
 *  tag may be left out are not counted; comments, scripts and styles are skipped). */
export function htmlDepth(html: string): number {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/y;
  let depth = 0;
  let max = 0;
  let i = 0;
  while ((i = html.indexOf('<', i)) >= 0) {
    if (html.startsWith('<!--', i)) {
      const e = html.indexOf('-->', i + 4);
      if (e < 0) break;
      i = e + 3;
      continue;
    }
    tag.lastIndex = i;
    const m = tag.exec(html);
    if (!m) {
      i++;
      continue;
    }
    const gt = html.indexOf('>', tag.lastIndex);
    if (gt < 0) break;
    const name = m[2].toLowerCase();
    i = gt + 1;
    if (!m[1] && (name === 'script' || name === 'style')) {
      const end = new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = i;
      if (!end.exec(html)) break;
      i = end.lastIndex;
      continue;
    }
    if (VOID_OR_OPTIONAL_END.has(name) || html[gt - 1] === '/') continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

const SEED_HEADER = /^\s*date (\d{4}-\d{2}-\d{2}) (.*?) - /;
const ISO_DATE = /^(\d{4}-\d{2}-\d{2})/;

export function stableId(text: string): string {
  return 'sha1-' + createHash('sha1').update(text).digest('hex').slice(0, 16);
}

export function formatOf(name: string, content: string): Format {
  const lower = name.toLowerCase();
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  const head = content.trimStart();
  if (SEED_HEADER.test(content)) return 'seed';
  if (!/\.txt$/.test(lower)) {
    if (head.startsWith('<')) return 'html';
    if (head.startsWith('[')) return 'json';
    if (head.startsWith('{')) return head.includes('\n{') ? 'jsonl' : 'json';
  }
  return 'txt';
}

/** Normalises a date-like value to YYYY-MM-DD, or null; throws on a value that is not a date. */
export function normDate(v: unknown): string | null {
  if (v == null || v === '') return null;
  if (typeof v !== 'string') throw new Error(`date must be a string, got ${typeof v}`);
  const m = ISO_DATE.exec(v.trim());
  if (m && !Number.isNaN(Date.parse(m[1]))) return m[1];
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new Error(`date "${v}" is not a date (YYYY-MM-DD expected)`);
  return new Date(t).toISOString().slice(0, 10);
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v : null);

/** An Article from a JSON record with the contract's fields; throws with a reason when it is not one. */
export function articleFromRecord(rec: unknown, fallbackDate: string | null = null): Article {
  if (!rec || typeof rec !== 'object' || Array.isArray(rec)) throw new Error('not a JSON object');
  const r = rec as Record<string, unknown>;
  const text = r.text ?? r.body ?? r.content;
  if (typeof text !== 'string') throw new Error('no "text" string');
  const id = r.id == null ? stableId(text) : String(r.id);
  const source = str(r.source) ?? str(r.publisher);
  return {
    id,
    date: normDate(r.date ?? r.published ?? null) ?? fallbackDate,
    title: str(r.title),
    dateline: str(r.dateline),
    url: str(r.url),
    lang: str(r.lang) ?? 'en',
    text,
    ...(source ? { source } : {}),
  };
}

export function readContent(content: string, opts: ReadOptions, format: Format = formatOf(opts.name, content)): ReadResult {
  const articles: Article[] = [];
  const problems: ReadProblem[] = [];
  /** Keeps an article within the size limit; reports a larger one as a problem at `where`. */
  const accept = (a: Article, where: string) => {
    const why = oversize(a, opts.maxArticleBytes);
    if (why) problems.push({ where, reason: why });
    else articles.push(a);
  };
  const fallbackDate = opts.date ?? null;
  switch (format) {
    case 'seed': {
      const m = SEED_HEADER.exec(content)!;
      const text = content.slice(m[0].length).replace(/\s+$/, '');
      accept({ id: stableId(text), date: m[1], title: null, dateline: m[2].trim() || null, url: null, lang: 'en', text }, opts.name);
      break;
    }
    case 'txt': {
      const text = content.replace(/^\uFEFF/, '').replace(/\s+$/, '');
      if (!text.trim()) problems.push({ where: opts.name, reason: 'empty text' });
      else accept({ id: stableId(text), date: fallbackDate, title: null, dateline: null, url: null, lang: 'en', text }, opts.name);
      break;
    }
    case 'json': {
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch (e) {
        problems.push({ where: opts.name, reason: `not valid JSON: ${(e as Error).message}` });
        break;
      }
      const list = Array.isArray(json) ? json : [json];
      list.forEach((rec, i) => {
        const where = Array.isArray(json) ? `${opts.name}[${i}]` : opts.name;
        let a: Article;
        try {
          a = articleFromRecord(rec, fallbackDate);
        } catch (e) {
          problems.push({ where, reason: (e as Error).message });
          return;
        }
        accept(a, where);
      });
      break;
    }
    case 'jsonl': {
      content.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        let a: Article;
        try {
          a = articleFromRecord(JSON.parse(line), fallbackDate);
        } catch (e) {
          problems.push({ where: `${opts.name}:${i + 1}`, reason: e instanceof SyntaxError ? `not valid JSON: ${e.message}` : (e as Error).message });
          return;
        }
        accept(a, `${opts.name}:${i + 1}`);
      });
      break;
    }
    case 'html': {
      const depth = htmlDepth(content);
      if (depth > MAX_HTML_DEPTH) {
        problems.push({ where: opts.name, reason: `HTML nested ${depth} levels deep, over the limit of ${MAX_HTML_DEPTH}` });
        break;
      }
      let a: Article;
      try {
        a = readHtml(content, fallbackDate);
      } catch (e) {
        problems.push({ where: opts.name, reason: (e as Error).message });
        break;
      }
      accept(a, opts.name);
      break;
    }
  }
  return { articles, problems };
}
