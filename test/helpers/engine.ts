/** Shared test helpers: one engine per test file, articles from plain text, span checks. */
import assert from 'node:assert/strict';
import { createEngine, type Engine } from '../../src/core/index.js';
import type { Actor, Article, ArticleResult } from '../../src/core/types.js';
import { loadKnowledgeBase } from '../../src/knowledge/load.js';
import type { KnowledgeBase } from '../../src/knowledge/types.js';

let shared: Engine | null = null;
export function engine(): Engine {
  return (shared ??= createEngine({ kb: loadKnowledgeBase() }));
}

export function article(text: string, date: string | null = '2022-07-08', extra: Partial<Article> = {}): Article {
  return { id: 'test', date, title: null, dateline: null, url: null, lang: 'en', text, ...extra };
}

export function extract(text: string, date: string | null = '2022-07-08', e: Engine = engine()): ArticleResult {
  const r = e.extract(article(text, date));
  assertSpans(r);
  return r;
}

/** Every span indexes article.text and its recorded text is the slice. */
export function assertSpans(r: ArticleResult): void {
  const t = r.article.text;
  for (const a of r.actors) for (const m of a.mentions) {
    assert.ok(m.start >= 0 && m.start < m.end && m.end <= t.length, `span ${m.start}-${m.end} of ${a.name}`);
    assert.equal(t.slice(m.start, m.end), m.text);
  }
}

export function person(r: ArticleResult, namePart: string): Actor {
  const p = r.actors.find((a) => a.type === 'person' && a.name.includes(namePart));
  assert.ok(p, `no person "${namePart}" among ${r.actors.map((a) => a.name).join(', ')}`);
  return p;
}

export function mentionTexts(a: Actor): string[] {
  return a.mentions.map((m) => m.text);
}

export function engineWith(kb: Partial<KnowledgeBase>): Engine {
  const base = loadKnowledgeBase();
  return createEngine({ kb: { ...base, ...kb, persons: [...base.persons, ...(kb.persons ?? [])] } });
}

export const SHARED = new URL('../../../../shared/', import.meta.url);
