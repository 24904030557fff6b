/**
 * HTML articles: the main text by Mozilla's Readability (the library behind Firefox's reader view)
 * over a linkedom DOM; title, date and URL from the page's metadata and <time> elements.
 */
import { createRequire } from 'node:module';
import type { Article } from '../core/types.js';
import { normDate, stableId } from './index.js';

const DATE_META = ['article:published_time', 'og:published_time', 'datePublished', 'date', 'pubdate', 'publishdate', 'DC.date.issued', 'DC.date', 'dcterms.date', 'parsely-pub-date', 'sailthru.date'];
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, pre, td, figcaption';

// loaded on the first HTML input only: linkedom alone takes about 140 ms to import
const require = createRequire(import.meta.url);
let libs: { parseHTML: typeof import('linkedom').parseHTML; Readability: typeof import('@mozilla/readability').Readability } | null = null;
const dom = () => (libs ??= { parseHTML: require('linkedom').parseHTML, Readability: require('@mozilla/readability').Readability });

type Doc = ReturnType<typeof import('linkedom').parseHTML>['document'];

function meta(doc: Doc, names: string[]): string | null {
  for (const n of names) {
    const el = doc.querySelector(`meta[property="${n}"], meta[name="${n}"], meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

function safeDate(v: string | null | undefined): string | null {
  try {
    return normDate(v ?? null);
  } catch {
    return null;
  }
}

/** Block-level text joined by blank lines, so that sentences and paragraphs survive. */
function blockText(html: string): string {
  const { document } = dom().parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const blocks = [...document.querySelectorAll(BLOCKS)].filter((el) => !el.querySelector(BLOCKS));
  const parts = (blocks.length ? blocks : [document.body]).map((el) => (el.textContent ?? '').replace(/\s+/g, ' ').trim()).filter(Boolean);
  return parts.join('\n\n');
}

export function readHtml(content: string, fallbackDate: string | null): Article {
  const { parseHTML, Readability } = dom();
  const { document } = parseHTML(content);
  if (!document.documentElement) throw new Error('not an HTML document');
  const date =
    safeDate(meta(document, DATE_META)) ??
    safeDate(document.querySelector('time[datetime]')?.getAttribute('datetime')) ??
    safeDate(document.querySelector('time')?.textContent) ??
    fallbackDate;
  const url = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? meta(document, ['og:url']);
  const metaTitle = meta(document, ['og:title', 'twitter:title']) ?? document.querySelector('title')?.textContent?.trim() ?? null;
  // Readability changes the document it reads, so it gets its own copy
  const parsed = new Readability(parseHTML(content).document as unknown as globalThis.Document).parse();
  const text = parsed?.content ? blockText(parsed.content) : (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (!text) throw new Error('no article text found in the HTML');
  return { id: url ? `url:${url}` : stableId(text), date, title: parsed?.title?.trim() || metaTitle || null, dateline: null, url: url ?? null, lang: document.documentElement.getAttribute('lang')?.slice(0, 2) || 'en', text };
}
