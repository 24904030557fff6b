/**
 * Extraction of a batch of articles, as a worker thread (or the main thread) runs it: the engine's
 * result, plus the MinHash signature the store needs, computed here so that it runs in parallel.
 */
import type { Engine } from '../../core/index.js';
import type { Article, ArticleResult } from '../../core/types.js';
import { loadEngine } from '../engine.js';
import { encodeResult, slim } from '../store/codec.js';
import { minhash } from '../../link/minhash.js';

export interface ExtractConfig {
  kb: string[];
  disable: string[];
  /** User event-lexicon files merged over the shipped one. */
  lexicon?: string[];
}

/** A failure; `timeout` when the article went over the pool's time budget (its thread was stopped). */
export type Extracted = { ok: true; result: ArticleResult; minhash: Uint32Array; packed?: Uint8Array } | { ok: false; id: string; error: string; timeout?: boolean };

/**
 * TEST ONLY, off unless PARLEY_TEST_HOOKS=1 (the time-budget and crash tests): an article whose text
 * contains `parley-test:stall` keeps its thread busy for PARLEY_TEST_STALL_MS ms (default 60,000),
 * standing for a pathological article; `parley-test:crash` ends its thread (exit code 70).
 */
function testHook(text: string): void {
  if (text.includes('parley-test:stall')) {
    const until = Date.now() + Number(process.env.PARLEY_TEST_STALL_MS || 60_000);
    while (Date.now() < until);
  }
  if (text.includes('parley-test:crash')) process.exit(70);
}

/**
 * With `pack`, results travel encoded for the SQLite store plus a slim copy (smaller messages).
 * `onStart(k)` is called as the k-th article starts (after the engine is loaded): the pool's watchdog
 * times each article from there.
 */
export function makeExtractor(config: ExtractConfig & { pack?: boolean }): (articles: Article[], onStart?: (k: number) => void) => Extracted[] {
  let engine: Engine | null = null;
  const hooks = process.env.PARLEY_TEST_HOOKS === '1';
  return (articles, onStart) => {
    engine ??= loadEngine({ kb: config.kb, lexicon: config.lexicon ?? [], disable: config.disable });
    return articles.map((a, k): Extracted => {
      onStart?.(k);
      try {
        if (hooks) testHook(a.text);
        const result = engine!.extract(a);
        if (!config.pack) return { ok: true, result, minhash: minhash(a.text) };
        // a copy of its own (not a view into a pooled buffer), so that it can be transferred
        return { ok: true, result: slim(result), packed: new Uint8Array(encodeResult(result)), minhash: minhash(a.text) };
      } catch (e) {
        return { ok: false, id: a.id, error: (e as Error).message || String(e) };
      }
    });
  };
}
