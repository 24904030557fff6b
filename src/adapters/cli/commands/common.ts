/** Shared pieces of the corpus commands: the context from main, usage errors, output formats. */
import { existsSync } from 'node:fs';
import { Option } from 'commander';
import { parseSize } from '../../../readers/index.js';
import { DEFAULT_DB, openStore, StoreError, type Store } from '../../store/index.js';

export interface CommandContext {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stdout is a terminal (tables instead of JSONL). */
  isTTY: boolean;
  /** stderr is a terminal (progress bar). */
  errIsTTY: boolean;
  /** Raises the exit code (0 fine, 1 some inputs failed, 2 usage). */
  setCode: (code: number) => void;
}

export class UsageError extends Error {}

export const collect = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];
export const dbOption = () => new Option('--db <path>', 'the store: a SQLite file or a postgres:// URL').default(DEFAULT_DB);

/** The value of --max-article-size in bytes ("500KB", "2MB", 0 for no limit); a bad one is a usage error. */
export function articleSizeLimit(v: string): number {
  try {
    return parseSize(v);
  } catch (e) {
    throw new UsageError(`--max-article-size: ${(e as Error).message}`);
  }
}

/** `--article-timeout SECONDS` (ingest, worker): the time budget of one article's extraction; 0: none. */
export const articleTimeoutOption = (default_: number) =>
  new Option('--article-timeout <seconds>', "seconds one article's extraction may take on a thread before it is stopped and counted as failed (0: no limit)")
    .default(default_)
    .argParser((v: string) => {
      if (!/^\d+(\.\d+)?$/.test(v.trim())) throw new UsageError(`--article-timeout must be a number of seconds (0 for no limit), got "${v}"`);
      return Number(v);
    });

/** A publication date given with --date: a whole day. */
export function checkDay(v: string | undefined): string | undefined {
  if (v && !/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new UsageError(`--date must be YYYY-MM-DD, got "${v}"`);
  return v;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
export function checkDate(v: string | undefined, name: string): string | undefined {
  if (v != null && !DATE.test(v)) throw new UsageError(`${name} must be YYYY-MM-DD (or YYYY-MM, YYYY), got "${v}"`);
  return v;
}

/** Opens an existing store for reading commands; a missing file is a usage error, not an empty store. */
export function openExisting(db: string): Store {
  if (!/^[a-z]+:\/\//i.test(db) && db !== ':memory:' && !existsSync(db)) throw new UsageError(`${db}: no such store (create it with: parley ingest SOURCES --db ${db})`);
  return openForWrite(db);
}

export function openForWrite(db: string): Store {
  try {
    return openStore(db);
  } catch (e) {
    if (e instanceof StoreError) throw new UsageError(e.message);
    const code = (e as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_')) throw new UsageError(`${db}: ${(e as Error).message} (${code})`);
    throw e;
  }
}

/** `parley query | head`: a reader that stops early is not an error. */
let pipeHandled = false;
function quietOnClosedPipe(): void {
  if (pipeHandled) return;
  pipeHandled = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

/** Runs a command body, turning usage errors into exit code 2 with a message. */
export function action<A extends unknown[]>(ctx: CommandContext, body: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    quietOnClosedPipe();
    try {
      await body(...args);
    } catch (e) {
      if (e instanceof UsageError) {
        ctx.err(`parley: ${e.message}\n`);
        ctx.setCode(2);
        return;
      }
      if (e instanceof Error && /SQLITE_ERROR|fts5: syntax error|no such column/i.test(`${(e as { code?: string }).code ?? ''} ${e.message}`)) {
        ctx.err(`parley: ${e.message}\n`);
        ctx.setCode(2);
        return;
      }
      throw e;
    }
  };
}

// ── output ───────────────────────────────────────────────────────────────────────────────────────

export type OutFormat = 'table' | 'jsonl' | 'csv';
export const formatOption = () => new Option('-f, --format <format>', 'output format (default: table on a terminal, jsonl otherwise)').choices(['table', 'jsonl', 'csv']);

export function csvCell(v: unknown): string {
  if (v == null) return '';
  const s = Array.isArray(v) ? v.join(' ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csv(headers: string[], rows: unknown[][]): string {
  return [headers.join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n';
}

/** A plain aligned table; the last column is cut to the terminal width. */
export function table(headers: string[], rows: string[][], width = process.stdout.columns || Number(process.env.COLUMNS) || 160): string {
  const w = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[], cut = '…') => {
    const s = cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(w[i]))).join('  ');
    return s.length > width ? s.slice(0, width - cut.length) + cut : s;
  };
  return [line(headers), line(w.map((n) => '─'.repeat(n)), ''), ...rows.map((r) => line(r))].join('\n') + '\n';
}

export const num = (n: number) => n.toLocaleString('en-US');
