/** What every route module gets: the store, the extra reads, names, caches and the ingest path. */
import type { EventRow, StoredArticle, Store } from '../store/types.js';
import type { Ingestor } from './ingest.js';
import type { Names } from './names.js';
import { VersionedCache, type Reads } from './reads.js';

export interface ServerContext {
  store: Store;
  reads: Reads;
  names: Names;
  /** parley's version. */
  version: string;
  /** Null when the server was started without an engine (read-only): POST /articles answers 503. */
  ingest: Ingestor | null;
  /** Answers computed from many events (aggregates), dropped when the store changes. */
  cache: VersionedCache<unknown>;
  /** Whole event lists behind the aggregates: few, as each can be large. */
  events: VersionedCache<EventRow[]>;
  /** Serialised answers of the hot list endpoints (events), dropped when the store changes. */
  responses: VersionedCache<string>;
  /** A stored article, from a small cache. */
  article(id: string): Promise<StoredArticle | null>;
}

export function makeContext(o: Omit<ServerContext, 'cache' | 'events' | 'responses' | 'article'>, caching = true): ServerContext {
  const cache = new VersionedCache<unknown>(o.reads, caching ? 300 : 0);
  const articles = new VersionedCache<StoredArticle | null>(o.reads, caching ? 200 : 0);
  // at most 500 answers of at most 128 K characters each
  const responses = new VersionedCache<string>(o.reads, caching ? 500 : 0, 128 * 1024);
  const events = new VersionedCache<EventRow[]>(o.reads, caching ? 6 : 0);
  return { ...o, cache, events, responses, article: (id) => articles.get(id, () => o.store.getArticle(id)) };
}
