/**
 * What the server reads beyond the Store interface: article search, quotes, one linked event by id,
 * the article → linked event map, and a version number that changes when the store does (for
 * caches). On the SQLite store these are parameterised SELECTs on the store's own connection; on any
 * other Store they fall back to the interface (correct, slower). Each is a candidate Store method.
 *
 * The aggregates (actors, network, places) are computed from `store.query(filters)`, the same events
 * the events endpoint returns, and cached per filter until the store changes.
 */
import type Database from 'better-sqlite3';
import { asSqlite } from '../store/index.js';
import type { EventRow, QueryFilters, Store } from '../store/types.js';

export interface ArticleSummaryRow {
  id: string;
  date: string | null;
  title: string | null;
  dateline: string | null;
  url: string | null;
  source: string | null;
  tone: number | null;
  nearDuplicateOf: string | null;
  events: number;
  snippet: string | null;
}

export interface QuoteRow {
  articleId: string;
  articleDate: string | null;
  articleTitle: string | null;
  id: string;
  kind: 'direct' | 'indirect';
  text: string;
  speaker: string | null;
  speakerName: string | null;
  speakerCode: string | null;
  start: number;
  end: number;
}

export interface ArticleSearch {
  q?: string;
  from?: string;
  to?: string;
  source?: string;
  limit: number;
  offset: number;
}

export interface QuoteSearch {
  speaker?: string;
  actor?: string;
  article?: string;
  q?: string;
  limit: number;
  offset: number;
}

export interface Reads {
  /** Changes whenever the store's content may have changed (another writer included, on SQLite). */
  version(): number;
  /** Marks a change made through this server. */
  touch(): void;
  articles(s: ArticleSearch): Promise<ArticleSummaryRow[]>;
  event(id: string): Promise<EventRow | null>;
  /** The article's event ids (E1) → linked event ids; null when the article is unknown. */
  links(articleId: string): Promise<Record<string, string> | null>;
  quotes(s: QuoteSearch): Promise<QuoteRow[]>;
}

type Row = Record<string, unknown>;
const str = (v: unknown) => (v == null ? null : String(v));
const num = (v: unknown) => (v == null ? null : Number(v));
const json = <T>(v: unknown): T => JSON.parse(String(v)) as T;
const upTo = (to: string) => (to.length < 10 ? to + '\uffff' : to);
const likeArg = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

class SqliteReads implements Reads {
  private local = 0;
  private readonly st = new Map<string, Database.Statement>();
  constructor(private readonly db: Database.Database) {}

  private prep(sql: string): Database.Statement {
    let s = this.st.get(sql);
    if (!s) this.st.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  version(): number {
    return (this.db.pragma('data_version', { simple: true }) as number) * 1e6 + this.local;
  }

  touch(): void {
    this.local++;
  }

  async articles(s: ArticleSearch): Promise<ArticleSummaryRow[]> {
    const w: string[] = [];
    const p: unknown[] = [];
    if (s.from) {
      w.push('a.date >= ?');
      p.push(s.from);
    }
    if (s.to) {
      w.push('a.date <= ?');
      p.push(upTo(s.to));
    }
    if (s.source) {
      w.push('a.source = ?');
      p.push(s.source);
    }
    const cols = `a.id, a.date, a.title, a.dateline, a.url, a.source, a.tone, a.dup_of, (SELECT count(*) FROM mentions m WHERE m.art = a.rowid) AS events`;
    let rows: Row[];
    if (s.q) {
      const sql = `SELECT ${cols}, snippet(fts, 1, char(2), char(3), '…', 14) AS snippet FROM fts JOIN articles a ON a.rowid = fts.rowid
                   WHERE fts MATCH ? ${w.length ? 'AND ' + w.join(' AND ') : ''} ORDER BY rank, a.id LIMIT ? OFFSET ?`;
      rows = this.prep(sql).all(s.q, ...p, s.limit, s.offset) as Row[];
    } else {
      const sql = `SELECT ${cols}, NULL AS snippet FROM articles a ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY a.date IS NULL, a.date DESC, a.id LIMIT ? OFFSET ?`;
      rows = this.prep(sql).all(...p, s.limit, s.offset) as Row[];
    }
    return rows.map((r) => ({
      id: String(r.id),
      date: str(r.date),
      title: str(r.title),
      dateline: str(r.dateline),
      url: str(r.url),
      source: str(r.source),
      tone: num(r.tone),
      nearDuplicateOf: str(r.dup_of),
      events: Number(r.events),
      snippet: str(r.snippet),
    }));
  }

  async event(id: string): Promise<EventRow | null> {
    // the event as the store serialised it for the API (events.json)
    const r = this.prep('SELECT json FROM events WHERE id = ?').get(id) as Row | undefined;
    return r ? json<EventRow>(r.json) : null;
  }

  async links(articleId: string): Promise<Record<string, string> | null> {
    const a = this.prep('SELECT rowid FROM articles WHERE id = ?').get(articleId) as Row | undefined;
    if (!a) return null;
    const out: Record<string, string> = {};
    for (const r of this.prep('SELECT eid, event FROM mentions WHERE art = ? AND event IS NOT NULL').all(a.rowid) as Row[]) out[String(r.eid)] = String(r.event);
    return out;
  }

  async quotes(s: QuoteSearch): Promise<QuoteRow[]> {
    const w: string[] = [];
    const p: unknown[] = [];
    if (s.actor) {
      w.push('q.speaker_code = ?');
      p.push(s.actor.toUpperCase());
    }
    if (s.speaker) {
      w.push("q.speaker_name LIKE ? ESCAPE '\\'");
      p.push(likeArg(s.speaker));
    }
    if (s.article) {
      w.push('a.id = ?');
      p.push(s.article);
    }
    if (s.q) {
      w.push("q.text LIKE ? ESCAPE '\\'");
      p.push(likeArg(s.q));
    }
    const sql = `SELECT q.*, a.id AS article_id, a.date AS article_date, a.title AS article_title FROM quotes q JOIN articles a ON a.rowid = q.art
                 ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY a.date IS NULL, a.date DESC, a.id, q.start LIMIT ? OFFSET ?`;
    return (this.prep(sql).all(...p, s.limit, s.offset) as Row[]).map((r) => ({
      articleId: String(r.article_id),
      articleDate: str(r.article_date),
      articleTitle: str(r.article_title),
      id: String(r.qid),
      kind: r.kind === 'indirect' ? 'indirect' : 'direct',
      text: String(r.text),
      speaker: str(r.speaker),
      speakerName: str(r.speaker_name),
      speakerCode: str(r.speaker_code),
      start: Number(r.start),
      end: Number(r.end),
    }));
  }
}

/** Any Store, through its interface only: every read walks the articles or events. */
class GenericReads implements Reads {
  private local = 0;
  private stamp = Math.floor(Date.now() / 10_000);
  constructor(private readonly store: Store) {}

  version(): number {
    // no change notification: caches expire every ten seconds
    return Math.floor(Date.now() / 10_000) * 1e6 + this.local - this.stamp;
  }

  touch(): void {
    this.local++;
  }

  async articles(s: ArticleSearch): Promise<ArticleSummaryRow[]> {
    const words = (s.q ?? '').toLowerCase().split(/\W+/).filter((w) => w && !['and', 'or', 'not'].includes(w));
    const out: ArticleSummaryRow[] = [];
    for await (const a of this.store.articles()) {
      const art = a.result.article;
      if (s.from && (!art.date || art.date < s.from)) continue;
      if (s.to && (!art.date || art.date > upTo(s.to))) continue;
      if (s.source && a.source !== s.source) continue;
      const hay = `${art.title ?? ''} ${art.text}`.toLowerCase();
      if (words.length && !words.every((w) => hay.includes(w.replace(/\*$/, '')))) continue;
      out.push({ id: art.id, date: art.date, title: art.title, dateline: art.dateline, url: art.url, source: a.source, tone: a.result.tone, nearDuplicateOf: a.nearDuplicateOf, events: a.result.events.length, snippet: null });
    }
    out.sort((x, y) => (y.date ?? '').localeCompare(x.date ?? '') || x.id.localeCompare(y.id));
    return out.slice(s.offset, s.offset + s.limit);
  }

  async event(id: string): Promise<EventRow | null> {
    for await (const { event } of this.store.events({})) if (event.id === id) return event;
    return null;
  }

  async links(articleId: string): Promise<Record<string, string> | null> {
    const a = await this.store.getArticle(articleId);
    if (!a) return null;
    const out: Record<string, string> = {};
    for await (const { event, mentions } of this.store.events({})) for (const m of mentions) if (m.articleId === articleId) out[m.eventId] = event.id;
    return out;
  }

  async quotes(s: QuoteSearch): Promise<QuoteRow[]> {
    const out: QuoteRow[] = [];
    for await (const a of this.store.articles()) {
      const r = a.result;
      if (s.article && r.article.id !== s.article) continue;
      const actors = new Map(r.actors.map((x) => [x.id, x]));
      for (const q of r.quotes) {
        const sp = q.speaker ? actors.get(q.speaker) : undefined;
        if (s.actor && sp?.code !== s.actor.toUpperCase()) continue;
        if (s.speaker && !sp?.name.toLowerCase().includes(s.speaker.toLowerCase())) continue;
        if (s.q && !q.text.toLowerCase().includes(s.q.toLowerCase())) continue;
        out.push({ articleId: r.article.id, articleDate: r.article.date, articleTitle: r.article.title, id: q.id, kind: q.kind, text: q.text, speaker: q.speaker, speakerName: sp?.name ?? null, speakerCode: sp?.code ?? null, start: q.start, end: q.end });
      }
    }
    out.sort((x, y) => (y.articleDate ?? '').localeCompare(x.articleDate ?? '') || x.articleId.localeCompare(y.articleId) || x.start - y.start);
    return out.slice(s.offset, s.offset + s.limit);
  }
}

export function readsFor(store: Store): Reads {
  const sqlite = asSqlite(store);
  return sqlite ? new SqliteReads(sqlite.db) : new GenericReads(store);
}

/**
 * A small cache of computed answers, dropped whenever the store's version changes. Answers in the
 * making are shared, so many requests for the same thing at once compute it once. `size` 0 disables it.
 */
export class VersionedCache<V> {
  private readonly m = new Map<string, Promise<V>>();
  private at = -1;
  constructor(
    private readonly reads: Reads,
    private readonly size = 200,
    /** Answers longer than this (strings, in characters) are not kept. */
    private readonly maxItem = Infinity,
  ) {}

  get(key: string, make: () => Promise<V>): Promise<V> {
    if (this.size <= 0) return make();
    const v = this.reads.version();
    if (v !== this.at) {
      this.m.clear();
      this.at = v;
    }
    const hit = this.m.get(key);
    if (hit !== undefined) {
      this.m.delete(key);
      this.m.set(key, hit);
      return hit;
    }
    const made = make();
    this.m.set(key, made);
    if (this.m.size > this.size) this.m.delete(this.m.keys().next().value!);
    const drop = () => {
      if (this.m.get(key) === made) this.m.delete(key);
    };
    made.then((x) => {
      if (typeof x === 'string' && x.length > this.maxItem) drop();
    }, drop);
    return made;
  }
}

/** Every event matching the filters (for aggregates), at most `max`. */
export async function allEvents(store: Store, f: QueryFilters, max = 200_000): Promise<EventRow[]> {
  return store.query({ ...f, limit: max, offset: 0 });
}
