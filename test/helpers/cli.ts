/** Runs the parley command in-process against a store filled with the hand-written corpus. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/adapters/store/index.js';
import { main } from '../../src/adapters/cli/main.js';
import { CORPUS } from './corpus.js';

export async function corpusDb(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'parley-q-')), 'corpus.db');
  const store = openStore(path);
  await store.putArticles(CORPUS.map((result) => ({ result, meta: { source: 'test' } })));
  await store.link();
  await store.close();
  return path;
}

export async function parley(args: string[], isTTY = false): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['node', 'parley', ...args], { out: (s) => void (out += s), err: (s) => void (err += s), isTTY });
  return { code, out, err };
}

export const jsonLines = (s: string) => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
