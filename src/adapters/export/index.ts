/**
 * `parley export`: the store's contents in the layouts other tools read. jsonl is parley.article/1
 * (one article per line); gdelt and gdelt-mentions are GDELT 2.0's Events and Mentions tables; icews
 * is ICEWS's 20 columns; polecat is POLECAT's TSV. Tab-separated with a header line (`header: false`
 * drops it, as GDELT's own files have none). Column meanings: docs/export-formats.md.
 */
import type { Event } from '../../core/types.js';
import type { KnowledgeBase } from '../../knowledge/types.js';
import type { QueryFilters, Store, StoredArticle } from '../store/types.js';
import { GDELT_EVENTS, GDELT_MENTIONS, ICEWS, POLECAT, type Cell, type Column, type MentionContext, type Names } from './columns.js';

export const FORMATS = ['jsonl', 'gdelt', 'gdelt-mentions', 'icews', 'polecat'] as const;
export type ExportFormat = (typeof FORMATS)[number];

export const LAYOUTS = { gdelt: GDELT_EVENTS, 'gdelt-mentions': GDELT_MENTIONS, icews: ICEWS, polecat: POLECAT } as const;

export function namesFromKb(kb: KnowledgeBase, version: string): Names {
  const states = new Map(kb.states.map((s) => [s.code, s.name]));
  const orgs = new Map(kb.organizations.map((o) => [o.code, o.name]));
  return { name: (c) => states.get(c) ?? orgs.get(c) ?? null, isState: (c) => states.has(c), version };
}

const cell = (v: Cell): string => (v == null ? '' : String(v).replace(/[\t\r\n]+/g, ' '));

export function tsvRow<C>(cols: Column<C>[], c: C, n: Names): string {
  return cols.map((col) => cell(col.get(c, n))).join('\t');
}

export function tsvHeader<C>(cols: Column<C>[]): string {
  return cols.map((c) => c.name).join('\t');
}

/** Approximate 1-based sentence number of an offset: sentence-final punctuation or blank lines before it. */
export function sentenceNumber(text: string, at: number): number {
  const re = /[.!?]["'”’)]?\s+(?=["'“‘(]?[A-Z0-9])|\n\s*\n/g;
  re.lastIndex = 0;
  const head = text.slice(0, at + 4);
  let n = 1;
  for (let m = re.exec(head); m && m.index + m[0].length <= at; m = re.exec(head)) n++;
  return n;
}

function cache(store: Store, size = 256) {
  const m = new Map<string, StoredArticle | null>();
  return async (id: string) => {
    if (m.has(id)) {
      const v = m.get(id)!;
      m.delete(id);
      m.set(id, v);
      return v;
    }
    const v = await store.getArticle(id);
    m.set(id, v);
    if (m.size > size) m.delete(m.keys().next().value!);
    return v;
  };
}

const hasFilters = (f: QueryFilters) => Object.values(f).some((v) => v != null && !(Array.isArray(v) && !v.length));

export async function* exportLines(store: Store, format: ExportFormat, filters: QueryFilters, names: Names, opts: { header?: boolean } = {}): AsyncGenerator<string> {
  const header = opts.header ?? true;
  if (format === 'jsonl') {
    if (!hasFilters(filters)) {
      for await (const a of store.articles()) yield JSON.stringify(a.result);
      return;
    }
    const ids = new Set<string>();
    for await (const { mentions } of store.events(filters)) for (const m of mentions) ids.add(m.articleId);
    for (const id of [...ids].sort()) {
      const a = await store.getArticle(id);
      if (a) yield JSON.stringify(a.result);
    }
    return;
  }
  if (format === 'gdelt') {
    if (header) yield tsvHeader(GDELT_EVENTS);
    for await (const c of store.events(filters)) yield tsvRow(GDELT_EVENTS, c, names);
    return;
  }
  const cols: Column<MentionContext>[] = LAYOUTS[format];
  if (header) yield tsvHeader(cols);
  const article = cache(store);
  for await (const { event, mentions } of store.events(filters)) {
    for (const mention of mentions) {
      const a = await article(mention.articleId);
      if (!a) continue;
      const own: Event | null = a.result.events.find((e) => e.id === mention.eventId) ?? null;
      yield tsvRow(cols, { event, mention, article: a.result, own, sentenceNumber: own?.field === 'title' ? 0 : sentenceNumber(a.result.article.text, mention.trigger.start) }, names);
    }
  }
}

/** The column documentation of a layout, as a Markdown table. */
export function columnDocs(format: Exclude<ExportFormat, 'jsonl'>): string {
  const cols = LAYOUTS[format] as Column<unknown>[];
  return ['| # | column | how parley fills it |', '|---|---|---|', ...cols.map((c, i) => `| ${i + 1} | ${c.name} | ${c.doc.replace(/\|/g, '\\|')} |`)].join('\n');
}
