/** Reads CLI inputs (files, directories, "-" for stdin) into articles, collecting problems per input. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readContent, type ReadProblem } from '../../readers/index.js';
import type { Article } from '../../core/types.js';

const SUPPORTED = /\.(txt|json|jsonl|ndjson|html?)$/i;

export interface InputBatch {
  name: string;
  articles: Article[];
  problems: ReadProblem[];
}

function expand(path: string): string[] {
  if (path === '-') return [path];
  let st;
  try {
    st = statSync(path);
  } catch {
    return [path]; // reported when read
  }
  if (!st.isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? expand(join(path, e.name)) : SUPPORTED.test(e.name) ? [join(path, e.name)] : []));
}

function readSource(path: string): string {
  try {
    return readFileSync(path === '-' ? 0 : path, 'utf8');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EISDIR: 'is a directory' };
    throw new Error(why[err.code ?? ''] ?? err.message);
  }
}

/** `maxArticleBytes`: articles larger than this are reported as problems (see readContent); 0 or unset: no limit. */
export function* readInputs(paths: string[], date: string | null, maxArticleBytes?: number): Generator<InputBatch> {
  for (const p of paths.flatMap(expand)) {
    const name = p === '-' ? '<stdin>' : p;
    let content: string;
    try {
      content = readSource(p);
    } catch (e) {
      yield { name, articles: [], problems: [{ where: name, reason: (e as Error).message }] };
      continue;
    }
    if (content.includes('\u0000')) {
      yield { name, articles: [], problems: [{ where: name, reason: 'binary data, not text' }] };
      continue;
    }
    yield { name, ...readContent(content, { name, date, maxArticleBytes }) };
  }
}
