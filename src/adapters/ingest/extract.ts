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

export type Extracted = { ok: true; result: ArticleResult; minhash: Uint32Array; packed?: Uint8Array } | { ok: false; id: string; error: string };

/** With `pack`, results travel encoded for the SQLite store plus a slim copy (smaller messages). */
export function makeExtractor(config: ExtractConfig & { pack?: boolean }): (articles: Article[]) => Extracted[] {
  let engine: Engine | null = null;
  return (articles) => {
    engine ??= loadEngine({ kb: config.kb, lexicon: config.lexicon ?? [], disable: config.disable });
    return articles.map((a): Extracted => {
      try {
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
