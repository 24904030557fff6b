/** Shared test helpers: one engine per test file, articles from plain text, result validation. */
import assert from 'node:assert/strict';
import { createEngine, type Engine } from '../../src/core/index.js';
import type { Actor, Article, ArticleResult } from '../../src/core/types.js';
import { loadKnowledgeBase } from '../../src/knowledge/load.js';
import { validateResult } from '../../src/schema.js';
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
  assertValid(r);
  return r;
}

/** The result satisfies the published schema (schema/parley.article-1.schema.json), every span indexes
 *  article.text (or the title) with its recorded text equal to the slice, and every id referred to exists. */
export function assertValid(r: ArticleResult): void {
  const { valid, errors } = validateResult(r);
  assert.ok(valid, `invalid parley.article/1 result for ${JSON.stringify(r.article.text.slice(0, 60))}:\n  ${errors.slice(0, 20).join('\n  ')}`);
}

/** Kept for existing callers: the full validation, spans included. */
export const assertSpans = assertValid;

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
