/** What both stores do the same way when they turn a result into rows, and rows back. */
import type { Article } from '../../core/types.js';
import type { EventMention } from '../../link/mentions.js';
import type { EventPlace } from './types.js';

/** Longest sentence text a mention row keeps (evidence, not the article). */
const SENTENCE_MAX = 600;

/** The article's source, for counting distinct sources: its URL's host, else what the caller says (feed, file, record). */
export function articleSource(url: string | null, given: string | null | undefined): string | null {
  if (url) {
    try {
      const host = new URL(url).host.replace(/^www\./, '');
      if (host) return host;
    } catch {
      /* not a URL: the caller's source */
    }
  }
  return given ?? null;
}

/** A span of the text, cut to SENTENCE_MAX characters. */
function clip(text: string, start: number, end: number): string {
  const s = text.slice(Math.max(0, start), Math.max(start, end));
  return s.length > SENTENCE_MAX ? s.slice(0, SENTENCE_MAX - 1) + '…' : s;
}

/** The sentence an event mention's row keeps: from the title when the headline reports the event. */
export function mentionSentence(article: Article, m: EventMention): string {
  return clip(m.field === 'title' ? (article.title ?? '') : article.text, m.sentence.start, m.sentence.end);
}

/**
 * The words a name or place filter matches on, and that an event's names and place are indexed by:
 * lower case, accents removed ("Sánchez" → sanchez), split at anything but letters and digits.
 */
export function searchWords(s: string): string[] {
  return [...new Set(s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
}

/** The words an event is found by: its participants' names, and its place's name. */
export function eventWords(names: Record<string, string[]>, place: string | null | undefined): { name: string[]; place: string[] } {
  return { name: searchWords(Object.values(names).flat().join(' ')), place: place ? searchWords(place) : [] };
}

export const json = <T = never>(s: unknown): T => JSON.parse(String(s)) as T;

const numOrNull = (v: unknown): number | null => (v == null ? null : Number(v));

/** A place from a row's loc_name, loc_code, lat, lon and geoname_id columns; null when it names none. */
export function placeOf(r: Record<string, unknown>): EventPlace | null {
  if (r.loc_name == null && r.loc_code == null) return null;
  return { name: String(r.loc_name ?? ''), code: r.loc_code == null ? null : String(r.loc_code), lat: numOrNull(r.lat), lon: numOrNull(r.lon), geonameId: numOrNull(r.geoname_id) };
}
