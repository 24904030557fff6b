/**
 * How the SQLite store keeps a result: JSON without the article text (kept in its own column),
 * deflated. Separate from sqlite.ts so that ingest workers can encode without loading SQLite.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ArticleResult } from '../../core/types.js';

export function encodeResult(r: ArticleResult): Buffer {
  const { text: _text, ...article } = r.article;
  return deflateRawSync(JSON.stringify({ ...r, article }), { level: 1 });
}

export function decodeResult(blob: Uint8Array, text: string): ArticleResult {
  const r = JSON.parse(inflateRawSync(blob).toString('utf8')) as ArticleResult;
  r.article = { ...r.article, text };
  return r;
}

/**
 * What the store's row tables need of a result (events, quotes, commitments, actors without their
 * mention lists): a smaller message from a worker when the full result travels encoded.
 */
export function slim(r: ArticleResult): ArticleResult {
  return { ...r, actors: r.actors.map((a) => ({ ...a, mentions: [] })), times: [], places: [] };
}
