/**
 * Cross-article event linking: reports of the same real-world event become one event with its
 * mentions, in the manner of GDELT's Events and Mentions tables. Pure: mentions in, events out.
 *
 * The rule, written down (and tested in test/link.test.ts). Two event mentions report the same event
 * when all of these hold:
 * 1. Same PLOVER type and same modality (a "will meet" is not the meeting; a denial is not the act).
 * 2. Same participants: the set of codes of actors and recipients together (direction is not compared:
 *    "A met B" and "B met A" are one meeting). Groups count as their members.
 * 3. Dates within one day. A mention's day is its event date when the article gives a day; when the
 *    event has no date, or a month or year that holds the publication day, it is the publication day;
 *    a mention with neither is linked to nothing.
 * 4. Compatible places: the country codes agree, or either side has no place.
 * Mentions are taken in order of day (then publication date, article id, event id) so the result does
 * not depend on input order. Each event is anchored on its first mention: a later mention joins the
 * first event of its kind whose anchor day is at most one day away and whose place is compatible; an
 * event without a place takes the place of the first mention that has one (and a place without
 * coordinates those of the first mention in the same country that has them). So a chain of reports a
 * day apart each does not drift into one event spanning a week.
 *
 * Counts: `numMentions` every mention (an article can report the same event twice), `numArticles` the
 * distinct articles, `numSources` the distinct sources (host of the URL, or the feed or file it came
 * from). Near-duplicate articles are left out by the caller, so a syndicated copy does not count twice.
 */
import { createHash } from 'node:crypto';
import type { EventLocation, Modality } from '../core/types.js';
import { dateRange, dayNumber, dayString, isDay } from './dates.js';
import type { EventMention } from './mentions.js';

export const WINDOW_DAYS = 1;

export interface LinkedEvent {
  id: string;
  type: string;
  modality: Modality;
  mode: string | null;
  cameo: string | null;
  goldstein: number | null;
  quad: number | null;
  /** The anchor day (YYYY-MM-DD); for a mention linked to nothing, its own date of any precision or null. */
  date: string | null;
  actors: string[];
  recipients: string[];
  names: Record<string, string[]>;
  location: EventLocation | null;
  mentions: EventMention[];
  numMentions: number;
  numArticles: number;
  numSources: number;
  /** Mean tone of the distinct articles that report it (three decimals), or null. */
  tone: number | null;
  /** The first mention is in its article's lead (GDELT's IsRootEvent). */
  isRoot: boolean;
}

/** The day a mention is linked on, as a day number, or null (see rule 3). */
export function mentionDay(m: Pick<EventMention, 'date' | 'articleDate'>): number | null {
  if (isDay(m.date)) return dayNumber(m.date);
  if (!isDay(m.articleDate)) return null;
  const pub = dayNumber(m.articleDate);
  if (m.date == null) return pub;
  const r = dateRange(m.date);
  return r && r[0] <= pub && pub <= r[1] ? pub : null;
}

export function participantKey(m: Pick<EventMention, 'actors' | 'recipients'>): string {
  return [...new Set([...m.actors, ...m.recipients])].sort().join('+');
}

export function placesCompatible(a: EventLocation | null, b: EventLocation | null): boolean {
  if (!a || !b) return true;
  if (!a.code || !b.code) return true;
  return a.code === b.code;
}

/** Do these two mentions report the same event? (The pairwise form of the rule, for tests and tools.) */
export function sameEvent(a: EventMention, b: EventMention, windowDays = WINDOW_DAYS): boolean {
  if (a.type !== b.type || a.modality !== b.modality) return false;
  if (participantKey(a) !== participantKey(b)) return false;
  const da = mentionDay(a);
  const db = mentionDay(b);
  if (da == null || db == null || Math.abs(da - db) > windowDays) return false;
  return placesCompatible(a.location, b.location);
}

interface Cluster {
  key: string;
  day: number | null;
  location: EventLocation | null;
  mentions: EventMention[];
}

function mostFrequent<T>(xs: T[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  let n = 0;
  for (const x of xs) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (c > n) {
      n = c;
      best = x;
    }
  }
  return best;
}

export function linkEvents(mentions: EventMention[], windowDays = WINDOW_DAYS): LinkedEvent[] {
  const withDay = mentions.map((m) => ({ m, day: mentionDay(m) }));
  withDay.sort(
    (a, b) =>
      (a.day ?? Infinity) - (b.day ?? Infinity) ||
      (a.m.articleDate ?? '').localeCompare(b.m.articleDate ?? '') ||
      a.m.articleId.localeCompare(b.m.articleId) ||
      a.m.eventId.localeCompare(b.m.eventId, undefined, { numeric: true }),
  );
  const open = new Map<string, Cluster[]>();
  const clusters: Cluster[] = [];
  for (const { m, day } of withDay) {
    const key = `${m.type}|${m.modality}|${participantKey(m)}`;
    if (day == null) {
      clusters.push({ key, day, location: m.location, mentions: [m] });
      continue;
    }
    let list = open.get(key);
    if (!list) open.set(key, (list = []));
    // anchors more than the window behind can no longer take mentions (input is in day order)
    while (list.length && day - list[0].day! > windowDays) list.shift();
    const c = list.find((c) => Math.abs(day - c.day!) <= windowDays && placesCompatible(c.location, m.location));
    if (c) {
      c.mentions.push(m);
      if (!c.location && m.location) c.location = m.location;
      else if (c.location && c.location.lat == null && m.location?.lat != null && m.location.code === c.location.code) c.location = m.location;
    } else {
      const n: Cluster = { key, day, location: m.location, mentions: [m] };
      list.push(n);
      clusters.push(n);
    }
  }
  const ids = new Set<string>();
  return clusters.map((c) => {
    const first = c.mentions[0];
    const cameo = mostFrequent(c.mentions.map((m) => m.cameo).filter((x): x is string => !!x)) ?? null;
    const coded = c.mentions.find((m) => m.cameo === cameo) ?? first;
    const base = `${c.key}|${c.day == null ? `${first.articleId}#${first.eventId}` : dayString(c.day)}|${c.location?.code ?? ''}`;
    let id = 'ev-' + createHash('sha1').update(base).digest('hex').slice(0, 16);
    for (let i = 2; ids.has(id); i++) id = 'ev-' + createHash('sha1').update(`${base}|${i}`).digest('hex').slice(0, 16);
    ids.add(id);
    const names: Record<string, string[]> = {};
    for (const m of c.mentions)
      for (const [code, ns] of Object.entries(m.names)) {
        const list = (names[code] ??= []);
        for (const n of ns) if (!list.includes(n)) list.push(n);
      }
    const articles = new Map<string, number | null>();
    for (const m of c.mentions) articles.set(m.articleId, m.tone);
    const tones = [...articles.values()].filter((t): t is number => typeof t === 'number');
    return {
      id,
      type: first.type,
      modality: first.modality,
      mode: coded.mode,
      cameo,
      goldstein: coded.goldstein,
      quad: coded.quad,
      date: c.day == null ? first.date : dayString(c.day),
      actors: first.actors,
      recipients: first.recipients,
      names,
      location: c.location,
      mentions: c.mentions,
      numMentions: c.mentions.length,
      numArticles: articles.size,
      numSources: new Set(c.mentions.map((m) => m.source ?? m.articleId)).size,
      tone: tones.length ? Math.round((1000 * tones.reduce((a, b) => a + b, 0)) / tones.length) / 1000 : null,
      isRoot: first.inLead,
    };
  });
}
