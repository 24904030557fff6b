/** Shared pieces of the queue, fault and benchmark runs: articles to feed, worker processes, waiting. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Article } from '../../src/core/types.js';

const CHILD = fileURLToPath(new URL('./parley-child.js', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const STATES: Array<[string, string, string]> = [
  ['Chinese', 'Foreign Minister Wang Yi', 'Beijing'],
  ['Russian', 'Foreign Minister Sergei Lavrov', 'Moscow'],
  ['Indonesian', 'Foreign Minister Retno Marsudi', 'Jakarta'],
  ['Australian', 'Foreign Minister Penny Wong', 'Canberra'],
  ['Indian', 'External Affairs Minister Subrahmanyam Jaishankar', 'New Delhi'],
  ['Brazilian', 'Foreign Minister Mauro Vieira', 'Brasilia'],
];
const VERBS = ['met', 'held talks with', 'criticised', 'signed an agreement with', 'called on'];

/** Small articles written for the tests: two officials, one act, a date; n distinct texts. */
export function makeArticles(n: number, prefix = 'gen'): Article[] {
  const out: Article[] = [];
  for (let i = 0; i < n; i++) {
    const [adjA, a, capA] = STATES[i % STATES.length];
    const [adjB, b] = STATES[(i + 1 + (i % 4)) % STATES.length];
    const verb = VERBS[i % VERBS.length];
    const day = 1 + (i % 28);
    const date = `2023-${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    out.push({
      id: `${prefix}-${i}`,
      date,
      title: `${adjA} and ${adjB} ministers, report ${i}`,
      dateline: capA,
      url: `https://news.example/${prefix}/${i}`,
      lang: 'en',
      text: `${capA} - ${adjA} ${a} ${verb} ${adjB} ${b} on ${date}, officials said in report number ${i}. The talks covered trade, security and regional issues, item ${i * 7919}.`,
    });
  }
  return out;
}

export function writeJsonl(path: string, articles: Array<Partial<Article>>): string {
  writeFileSync(path, articles.map((a) => JSON.stringify(a)).join('\n') + '\n');
  return path;
}

/** The throughput corpus, when it is beside the project (../shared); null otherwise. */
export function benchmarkCorpus(): string | null {
  for (const p of [`${ROOT}../shared/corpora/benchmark.jsonl`, `${ROOT}shared/corpora/benchmark.jsonl`]) if (existsSync(p)) return p;
  return null;
}

/**
 * n articles of the throughput corpus, read at test time (never copied into the project): those of
 * 200 to 3,000 characters, taken evenly across the file so that every source is in.
 */
export function sampleCorpus(path: string, n: number): Array<Record<string, unknown>> {
  const all = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const pool = all.filter((a) => typeof a.text === 'string' && (a.text as string).length >= 200 && (a.text as string).length <= 3000);
  const step = pool.length / Math.min(n, pool.length);
  return Array.from({ length: Math.min(n, pool.length) }, (_, i) => pool[Math.floor(i * step)]);
}

export interface Child {
  proc: ChildProcess;
  out: string;
  err: string;
  exited: Promise<number | null>;
}

/** `parley ARGS` in a child process (the compiled sources next to this file), with `env` added. */
export function parleyProcess(args: string[], env: Record<string, string> = {}): Child {
  const proc = spawn(process.execPath, [CHILD, ...args], { env: { ...process.env, ...env, PARLEY_CHILD: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const c: Child = { proc, out: '', err: '', exited: null as never };
  proc.stdout!.on('data', (d: Buffer) => void (c.out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => void (c.err += d.toString()));
  c.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
  return c;
}

export async function waitFor(what: string, cond: () => Promise<boolean> | boolean, timeoutMs = 60_000, everyMs = 100): Promise<void> {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
