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
  return {
    id,
    date: normDate(r.date ?? r.published ?? null) ?? fallbackDate,
    title: str(r.title),
    dateline: str(r.dateline),
    url: str(r.url),
    lang: str(r.lang) ?? 'en',
    text,
  };
}

export function readContent(content: string, opts: ReadOptions, format: Format = formatOf(opts.name, content)): ReadResult {
  const articles: Article[] = [];
  const problems: ReadProblem[] = [];
  const fallbackDate = opts.date ?? null;
  switch (format) {
    case 'seed': {
      const m = SEED_HEADER.exec(content)!;
      const text = content.slice(m[0].length).replace(/\s+$/, '');
      articles.push({ id: stableId(text), date: m[1], title: null, dateline: m[2].trim() || null, url: null, lang: 'en', text });
      break;
    }
    case 'txt': {
      const text = content.replace(/^\uFEFF/, '').replace(/\s+$/, '');
      if (!text.trim()) problems.push({ where: opts.name, reason: 'empty text' });
      else articles.push({ id: stableId(text), date: fallbackDate, title: null, dateline: null, url: null, lang: 'en', text });
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
        try {
          articles.push(articleFromRecord(rec, fallbackDate));
        } catch (e) {
          problems.push({ where: Array.isArray(json) ? `${opts.name}[${i}]` : opts.name, reason: (e as Error).message });
        }
      });
      break;
    }
    case 'jsonl': {
      content.split('\n').forEach((line, i) => {
        if (!line.trim()) return;
        try {
          articles.push(articleFromRecord(JSON.parse(line), fallbackDate));
        } catch (e) {
          problems.push({ where: `${opts.name}:${i + 1}`, reason: e instanceof SyntaxError ? `not valid JSON: ${e.message}` : (e as Error).message });
        }
      });
      break;
    }
    case 'html': {
      try {
        articles.push(readHtml(content, fallbackDate));
      } catch (e) {
        problems.push({ where: opts.name, reason: (e as Error).message });
      }
      break;
    }
  }
  return { articles, problems };
}
