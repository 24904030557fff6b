/**
 * The Store: where a corpus of article results lives, is linked across articles, and is queried.
 * Every method is async so that a networked store (PostgreSQL) implements the same interface as the
 * embedded SQLite one; the shared test suite (test/helpers/store-suite.ts) runs against any of them.
 *
 * Contract:
 * - Writes are idempotent. An article is known by its id, its URL and the hash of its normalised text
 *   (`textHash`); putting an article that matches a stored one on any of the three stores nothing and
 *   reports `duplicate` with the stored id.
 * - A new article whose MinHash signature is close to a stored one (`NEAR_DUPLICATE`) is stored, marked
 *   `nearDuplicateOf` the first stored copy, and left out of event linking (it does not count twice).
 * - `link()` (re)builds the corpus-level events and commitment statuses from the stored articles; it is
 *   deterministic, so running it twice gives the same events with the same ids.
 * - Only one writer at a time; readers may run alongside it.
 */
import type { ArticleResult, Modality } from '../../core/types.js';
import type { CommitmentStatus } from '../../link/commitments.js';
import type { Period } from '../../link/dates.js';
import type { DyadPeriod } from '../../link/dyad.js';

export interface ArticleMeta {
  /** Where the article came from: a publisher host, a feed or a file. Used to count distinct sources. */
  source?: string | null;
  /** A fingerprint of the engine and KB that produced the result (see engineFingerprint). */
  engine?: string | null;
  /** Precomputed, to keep work off the writer: the text hash and MinHash signature. */
  textHash?: string;
  minhash?: Uint32Array;
  /**
   * The full result already encoded as the SQLite store keeps it (codec.ts `encodeResult`); `result`
   * may then be the `slim` copy, used only for the event, quote and commitment rows. Other stores
   * ignore it and need the full result.
   */
  packed?: Uint8Array;
}

export interface ArticleKey {
  id?: string | null;
  url?: string | null;
  textHash?: string | null;
}

export type PutStatus = 'new' | 'duplicate' | 'near-duplicate';

export interface PutOutcome {
  status: PutStatus;
  /** The article's id as stored (for a duplicate: the id of the copy already stored). */
  id: string;
  nearDuplicateOf?: string;
  similarity?: number;
  matchedOn?: 'id' | 'url' | 'text';
}

export interface StoredArticle {
  result: ArticleResult;
  source: string | null;
  engine: string | null;
  nearDuplicateOf: string | null;
  ingestedAt: string;
}

export interface QueryFilters {
  /** Participant codes (CHN) or names (Wang Yi: whole words, any case and accents); an event matches when any matches. */
  actor?: string[];
  /** Country of the event's place (ISO alpha-3). */
  country?: string[];
  /** Both codes are participants (either side); with `directed`, the first acts and the second receives. */
  dyad?: [string, string];
  directed?: boolean;
  /** PLOVER types (CONSULT) or CAMEO code prefixes (04, 042). */
  type?: string[];
  /** Inclusive YYYY-MM-DD bounds on the event's date. */
  from?: string;
  to?: string;
  /** Words of the place's name (whole words, any case and accents). */
  place?: string;
  modality?: Modality[];
  /** Full-text search (SQLite FTS5 syntax) over the titles and texts of the reporting articles. */
  text?: string;
  /** Only events reported by at least this many distinct sources. */
  minSources?: number;
  limit?: number;
  offset?: number;
}

export interface EventPlace {
  name: string;
  code: string | null;
  lat: number | null;
  lon: number | null;
  geonameId: number | null;
}

/** One corpus-level (linked) event. */
export interface EventRow {
  id: string;
  date: string | null;
  type: string;
  mode: string | null;
  modality: Modality;
  cameo: string | null;
  goldstein: number | null;
  quad: number | null;
  actors: string[];
  recipients: string[];
  /** Names the articles give each participant code. */
  names: Record<string, string[]>;
  place: EventPlace | null;
  numMentions: number;
  numArticles: number;
  numSources: number;
  tone: number | null;
  isRoot: boolean;
  /** The first article that reports it, its URL and the sentence that says it. */
  firstArticle: string;
  url: string | null;
  evidence: string;
}

/** One article's report of a linked event. */
export interface MentionRow {
  event: string;
  articleId: string;
  eventId: string;
  articleDate: string | null;
  source: string | null;
  url: string | null;
  trigger: { start: number; end: number; text: string };
  sentence: { start: number; end: number; text: string };
  inLead: boolean;
  confidence: number;
  date: string | null;
  dateText: string | null;
}

export interface DyadOptions {
  /** The time step; events dated more coarsely than it (a bare year, by month) are left out. */
  by: Period;
  /** Only events where `a` acts on `b`. */
  directed?: boolean;
  from?: string;
  to?: string;
  /** Default: asserted only. */
  modality?: Modality[];
}

/** One period of a dyad's series (the rule is in src/link/dyad.ts). */
export type DyadRow = DyadPeriod;

export interface CommitmentRow {
  articleId: string;
  commitmentId: string;
  madeOn: string | null;
  parties: string[];
  action: string;
  due: string | null;
  dueText: string | null;
  status: CommitmentStatus;
  late: boolean;
  /** The types of event that would carry it out. */
  looksFor: string[];
  keptBy: { event: string; date: string | null; articleId: string; eventId: string; evidence: string } | null;
}

export interface LinkStats {
  mentions: number;
  events: number;
  commitments: Record<CommitmentStatus, number>;
  asOf: string | null;
}

export interface StoreStats {
  articles: number;
  nearDuplicates: number;
  eventMentions: number;
  events: number;
  quotes: number;
  commitments: number;
  /** Bytes on disk, when the store is a file. */
  bytes: number | null;
}

export interface Store {
  readonly kind: string;
  /** The id of a stored article that matches the key on id, URL or text hash, or null. */
  findDuplicate(key: ArticleKey): Promise<{ id: string; matchedOn: 'id' | 'url' | 'text' } | null>;
  hasArticle(key: ArticleKey): Promise<boolean>;
  putArticle(result: ArticleResult, meta?: ArticleMeta): Promise<PutOutcome>;
  /** Many at once, in one transaction: the ingest path. */
  putArticles(items: Array<{ result: ArticleResult; meta?: ArticleMeta }>): Promise<PutOutcome[]>;
  /** Replaces the result of a stored article (same id, same text): the reprocess path. */
  replaceResult(result: ArticleResult, meta?: ArticleMeta): Promise<void>;
  getArticle(id: string): Promise<StoredArticle | null>;
  /** Stored articles in id order; `staleFor` keeps those whose engine fingerprint differs from it. */
  articles(opts?: { staleFor?: string; batch?: number }): AsyncIterable<StoredArticle>;
  countArticles(opts?: { staleFor?: string }): Promise<number>;
  /** Rebuilds linked events and commitment statuses. `asOf` defaults to the latest publication date. */
  link(opts?: { asOf?: string }): Promise<LinkStats>;
  query(filters?: QueryFilters): Promise<EventRow[]>;
  /** query() with each event as its JSON text, when the store keeps it serialised (a server sends it on as it is). */
  queryJson?(filters?: QueryFilters): Promise<string[]>;
  mentions(eventId: string): Promise<MentionRow[]>;
  /** Every linked event matching the filters (no limit), with its mentions: the export path. */
  events(filters?: QueryFilters): AsyncIterable<{ event: EventRow; mentions: MentionRow[] }>;
  dyad(a: string, b: string, opts: DyadOptions): Promise<DyadRow[]>;
  commitments(status?: CommitmentStatus): Promise<CommitmentRow[]>;
  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
