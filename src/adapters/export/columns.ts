/**
 * Export layouts: the column lists of GDELT 2.0 (Events and Mentions), ICEWS (20 columns) and POLECAT
 * (TSV), each column with how parley fills it. Documented in docs/export-formats.md (generated from
 * these lists by `parley export --columns FORMAT`).
 */
import type { ArticleResult, Actor, Event } from '../../core/types.js';
import type { EventRow, MentionRow } from '../store/types.js';

export interface Names {
  /** Code → English name for states and organisations (from the KB). */
  name(code: string): string | null;
  isState(code: string): boolean;
  /** parley's version, for POLECAT's Version column. */
  version: string;
}

export type Cell = string | number | null | undefined;

export interface Column<C> {
  name: string;
  /** How parley fills it; "empty" when it cannot. */
  doc: string;
  get(c: C, n: Names): Cell;
}

/** A linked event, for GDELT's Events layout. */
export interface EventContext {
  event: EventRow;
  mentions: MentionRow[];
}

/** One article's report of an event, with the article's own actors (ICEWS, POLECAT, GDELT Mentions). */
export interface MentionContext {
  event: EventRow;
  mention: MentionRow;
  article: ArticleResult;
  /** The article's event (actor ids, trigger) for this mention. */
  own: Event | null;
  /** 1-based index of the sentence holding the trigger; 0 when the headline reports the event. */
  sentenceNumber: number | null;
}

export const CAMEO_ROOTS: Record<string, string> = {
  '01': 'Make public statement',
  '02': 'Appeal',
  '03': 'Express intent to cooperate',
  '04': 'Consult',
  '05': 'Engage in diplomatic cooperation',
  '06': 'Engage in material cooperation',
  '07': 'Provide aid',
  '08': 'Yield',
  '09': 'Investigate',
  '10': 'Demand',
  '11': 'Disapprove',
  '12': 'Reject',
  '13': 'Threaten',
  '14': 'Protest',
  '15': 'Exhibit force posture',
  '16': 'Reduce relations',
  '17': 'Coerce',
  '18': 'Assault',
  '19': 'Fight',
  '20': 'Use unconventional mass violence',
};

const SECTOR_WORDS: Record<string, string> = {
  GOV: 'Government',
  MIL: 'Military',
  LEG: 'Legislative / Parliamentary',
  JUD: 'Judicial',
  DIP: 'Diplomatic',
  ELI: 'Elite',
  OPP: 'Opposition',
  BUS: 'Business',
  MED: 'Media',
  NGO: 'Nongovernmental Organization',
  IGO: 'International Government Organization',
  REB: 'Rebel',
  CVL: 'Civilian',
};

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────

const ymd = (d: string | null) => (d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d.replace(/-/g, '') : null);

function eventDay(e: EventRow, ms: MentionRow[]): string | null {
  if (e.date && /^\d{4}-\d{2}-\d{2}$/.test(e.date)) return e.date;
  return ms[0]?.articleDate ?? (e.date ? (e.date + '-01-01').slice(0, 10) : null);
}

function fractionDate(d: string | null): string | null {
  if (!d) return null;
  const t = Date.parse(d + 'T00:00:00Z');
  const y = +d.slice(0, 4);
  const doy = (t - Date.UTC(y, 0, 1)) / 86_400_000 + 1;
  return (y + doy / 365).toFixed(4);
}

/** The two sides of a linked event as GDELT sees them: first actor, then first recipient (or second actor). */
function sides(e: EventRow): [string | null, string | null] {
  const a1 = e.actors[0] ?? e.recipients[0] ?? null;
  const a2 = e.recipients.find((c) => c !== a1) ?? e.actors.find((c) => c !== a1) ?? null;
  return [a1, a2];
}

const nameOf = (e: EventRow, code: string | null, n: Names) => (code ? (e.names[code]?.[0] ?? n.name(code) ?? code) : null);

function actorColumns(k: 1 | 2): Column<EventContext>[] {
  const code = (c: EventContext) => sides(c.event)[k - 1];
  return [
    { name: `Actor${k}Code`, doc: 'the participant code (ISO alpha-3 or organisation code); names without a code are left empty', get: (c) => (code(c) && /^[A-Z_0-9]{2,}$/.test(code(c)!) ? code(c) : null) },
    { name: `Actor${k}Name`, doc: 'the name the first reporting article gives, upper case', get: (c, n) => nameOf(c.event, code(c), n)?.toUpperCase() },
    { name: `Actor${k}CountryCode`, doc: 'the code when it is a state (ISO alpha-3, where GDELT uses CAMEO country codes, which agree for most states)', get: (c, n) => (code(c) && n.isState(code(c)!) ? code(c) : null) },
    { name: `Actor${k}KnownGroupCode`, doc: 'the organisation code (UN, EU, NATO, ...) when it is an organisation', get: (c, n) => (code(c) && !n.isState(code(c)!) && n.name(code(c)!) ? code(c) : null) },
    { name: `Actor${k}EthnicCode`, doc: 'empty', get: () => null },
    { name: `Actor${k}Religion1Code`, doc: 'empty', get: () => null },
    { name: `Actor${k}Religion2Code`, doc: 'empty', get: () => null },
    { name: `Actor${k}Type1Code`, doc: 'empty (sectors are per article; see the ICEWS and POLECAT exports)', get: () => null },
    { name: `Actor${k}Type2Code`, doc: 'empty', get: () => null },
    { name: `Actor${k}Type3Code`, doc: 'empty', get: () => null },
  ];
}

function geoColumns(prefix: string, filled: boolean): Column<EventContext>[] {
  const p = (c: EventContext) => (filled ? c.event.place : null);
  return [
    { name: `${prefix}_Type`, doc: filled ? '1 when the place is a country, 4 for any other place (world city), empty with no place' : 'empty', get: (c, n) => (p(c) ? (p(c)!.code && n.name(p(c)!.code!) === p(c)!.name ? 1 : 4) : null) },
    { name: `${prefix}_FullName`, doc: filled ? 'place name, then country name' : 'empty', get: (c, n) => (p(c) ? [p(c)!.name, p(c)!.code ? n.name(p(c)!.code!) : null].filter((x, i, a) => x && a.indexOf(x) === i).join(', ') : null) },
    { name: `${prefix}_CountryCode`, doc: filled ? 'ISO alpha-3 of the country (GDELT uses FIPS 10-4 here)' : 'empty', get: (c) => p(c)?.code },
    { name: `${prefix}_ADM1Code`, doc: 'empty', get: () => null },
    { name: `${prefix}_ADM2Code`, doc: 'empty', get: () => null },
    { name: `${prefix}_Lat`, doc: filled ? 'latitude' : 'empty', get: (c) => p(c)?.lat },
    { name: `${prefix}_Long`, doc: filled ? 'longitude' : 'empty', get: (c) => p(c)?.lon },
    { name: `${prefix}_FeatureID`, doc: filled ? 'GeoNames id' : 'empty', get: (c) => p(c)?.geonameId },
  ];
}

/** GDELT 2.0 Events: 61 columns, one row per linked event. */
export const GDELT_EVENTS: Column<EventContext>[] = [
  { name: 'GlobalEventID', doc: "parley's linked event id (ev-… hex; GDELT uses an integer)", get: (c) => c.event.id },
  { name: 'Day', doc: 'YYYYMMDD: the event day, or the first report\'s publication day when the event has no day', get: (c) => ymd(eventDay(c.event, c.mentions)) },
  { name: 'MonthYear', doc: 'YYYYMM', get: (c) => ymd(eventDay(c.event, c.mentions))?.slice(0, 6) },
  { name: 'Year', doc: 'YYYY', get: (c) => eventDay(c.event, c.mentions)?.slice(0, 4) },
  { name: 'FractionDate', doc: 'year + day of year / 365', get: (c) => fractionDate(eventDay(c.event, c.mentions)) },
  ...actorColumns(1),
  ...actorColumns(2),
  { name: 'IsRootEvent', doc: '1 when the first report has it in its lead paragraph', get: (c) => (c.event.isRoot ? 1 : 0) },
  { name: 'EventCode', doc: 'CAMEO code', get: (c) => c.event.cameo },
  { name: 'EventBaseCode', doc: 'first three digits of the CAMEO code', get: (c) => c.event.cameo?.slice(0, 3) },
  { name: 'EventRootCode', doc: 'first two digits of the CAMEO code', get: (c) => c.event.cameo?.slice(0, 2) },
  { name: 'QuadClass', doc: '1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict', get: (c) => c.event.quad },
  { name: 'GoldsteinScale', doc: 'Goldstein score of the CAMEO code', get: (c) => c.event.goldstein },
  { name: 'NumMentions', doc: 'reports of the event across the corpus (near-duplicates excluded)', get: (c) => c.event.numMentions },
  { name: 'NumSources', doc: 'distinct sources (URL host, feed or file)', get: (c) => c.event.numSources },
  { name: 'NumArticles', doc: 'distinct articles', get: (c) => c.event.numArticles },
  { name: 'AvgTone', doc: "mean document tone of the reporting articles (parley's tone scale, not GDELT's)", get: (c) => (c.event.tone == null ? null : +c.event.tone.toFixed(4)) },
  ...geoColumns('Actor1Geo', false),
  ...geoColumns('Actor2Geo', false),
  ...geoColumns('ActionGeo', true),
  { name: 'DATEADDED', doc: 'YYYYMMDDHHMMSS: the first report\'s publication day at 000000', get: (c) => (ymd(c.mentions[0]?.articleDate ?? null) ?? ymd(eventDay(c.event, c.mentions)) ?? '') + '000000' },
  { name: 'SOURCEURL', doc: "the first report's URL, or its article id when it has none", get: (c) => c.event.url ?? c.event.firstArticle },
];

/** GDELT 2.0 Mentions: 16 columns, one row per report of a linked event. */
export const GDELT_MENTIONS: Column<MentionContext>[] = [
  { name: 'GlobalEventID', doc: 'the linked event id', get: (c) => c.event.id },
  { name: 'EventTimeDate', doc: 'YYYYMMDDHHMMSS of the event day', get: (c) => (ymd(eventDay(c.event, [c.mention])) ?? '') + '000000' },
  { name: 'MentionTimeDate', doc: "YYYYMMDDHHMMSS of the report's publication day", get: (c) => (ymd(c.mention.articleDate) ?? '') + '000000' },
  { name: 'MentionType', doc: '1 (web) when the article has a URL, else 6 (other source)', get: (c) => (c.mention.url ? 1 : 6) },
  { name: 'MentionSourceName', doc: 'the source (URL host, feed or file)', get: (c) => c.mention.source },
  { name: 'MentionIdentifier', doc: 'the URL, or the article id', get: (c) => c.mention.url ?? c.mention.articleId },
  { name: 'SentenceID', doc: '1-based sentence of the trigger (0: the headline)', get: (c) => c.sentenceNumber },
  { name: 'Actor1CharOffset', doc: "character offset of the first actor's first mention in the sentence's article", get: (c) => firstOffset(c, 0) },
  { name: 'Actor2CharOffset', doc: "character offset of the second side's first mention", get: (c) => firstOffset(c, 1) },
  { name: 'ActionCharOffset', doc: 'character offset of the trigger', get: (c) => c.mention.trigger.start },
  { name: 'InRawText', doc: '1 (found in the text as written)', get: () => 1 },
  { name: 'Confidence', doc: "the event's confidence, 0-100", get: (c) => Math.round(c.mention.confidence * 100) },
  { name: 'MentionDocLen', doc: 'characters in the article text', get: (c) => c.article.article.text.length },
  { name: 'MentionDocTone', doc: 'document tone', get: (c) => c.article.tone },
  { name: 'MentionDocTranslationInfo', doc: 'empty (English source)', get: () => null },
  { name: 'Extras', doc: 'empty', get: () => null },
];

function sideActors(c: MentionContext): [Actor | null, Actor | null] {
  const byId = new Map(c.article.actors.map((a) => [a.id, a]));
  const ids = [...(c.own?.actors ?? []), ...(c.own?.recipients ?? [])];
  const a1 = byId.get(c.own?.actors[0] ?? ids[0] ?? '') ?? null;
  const a2 = byId.get(c.own?.recipients[0] ?? c.own?.actors[1] ?? '') ?? null;
  return [a1, a2 && a2 !== a1 ? a2 : null];
}

function firstOffset(c: MentionContext, side: 0 | 1): number | null {
  const a = sideActors(c)[side];
  return a?.mentions[0]?.start ?? null;
}

function countryOf(a: Actor | null, byId: Map<string, Actor>, n: Names): string | null {
  if (!a) return null;
  if (a.code && n.isState(a.code)) return a.code;
  if (a.type === 'group') for (const m of a.members ?? []) if (byId.get(m)?.code && n.isState(byId.get(m)!.code!)) return byId.get(m)!.code;
  return null;
}

const sectorsOf = (a: Actor | null) => (a?.sector ? SECTOR_WORDS[a.sector] ?? a.sector : null);

/** ICEWS coded event data: 20 columns, one row per report of an event (ICEWS codes per story). */
export const ICEWS: Column<MentionContext>[] = [
  { name: 'Event ID', doc: 'linked event id, a dash, and the article\'s event id (unique per row)', get: (c) => `${c.event.id}-${c.mention.articleId}-${c.mention.eventId}` },
  { name: 'Event Date', doc: 'YYYY-MM-DD: the event day, or the publication day', get: (c) => eventDay(c.event, [c.mention]) },
  { name: 'Source Name', doc: 'the acting actor\'s name as the article gives it', get: (c) => sideActors(c)[0]?.name },
  { name: 'Source Sectors', doc: 'the acting actor\'s sector, in words', get: (c) => sectorsOf(sideActors(c)[0]) },
  { name: 'Source Country', doc: "the acting actor's country, by name", get: (c, n) => { const a = sideActors(c)[0]; const code = countryOf(a, new Map(c.article.actors.map((x) => [x.id, x])), n); return code ? n.name(code) : null; } },
  { name: 'Event Text', doc: 'the CAMEO root category, in words (e.g. "Consult")', get: (c) => (c.event.cameo ? CAMEO_ROOTS[c.event.cameo.slice(0, 2)] : null) ?? c.event.type },
  { name: 'CAMEO Code', doc: 'CAMEO code', get: (c) => c.event.cameo },
  { name: 'Intensity', doc: 'Goldstein score', get: (c) => c.event.goldstein },
  { name: 'Target Name', doc: "the recipient's name", get: (c) => sideActors(c)[1]?.name },
  { name: 'Target Sectors', doc: "the recipient's sector, in words", get: (c) => sectorsOf(sideActors(c)[1]) },
  { name: 'Target Country', doc: "the recipient's country, by name", get: (c, n) => { const a = sideActors(c)[1]; const code = countryOf(a, new Map(c.article.actors.map((x) => [x.id, x])), n); return code ? n.name(code) : null; } },
  { name: 'Story ID', doc: 'the article id', get: (c) => c.mention.articleId },
  { name: 'Sentence Number', doc: '1-based sentence of the trigger (0: the headline)', get: (c) => c.sentenceNumber },
  { name: 'Publisher', doc: 'the source (URL host, feed or file)', get: (c) => c.mention.source },
  { name: 'City', doc: 'the place name when it is not a country', get: (c, n) => (c.event.place && !(c.event.place.code && n.name(c.event.place.code) === c.event.place.name) ? c.event.place.name : null) },
  { name: 'District', doc: 'empty', get: () => null },
  { name: 'Province', doc: 'empty', get: () => null },
  { name: 'Country', doc: "the place's country, by name", get: (c, n) => (c.event.place?.code ? n.name(c.event.place.code) : null) },
  { name: 'Latitude', doc: 'latitude', get: (c) => c.event.place?.lat },
  { name: 'Longitude', doc: 'longitude', get: (c) => c.event.place?.lon },
];

const joinSemi = (xs: Array<string | null | undefined>) => [...new Set(xs.filter((x): x is string => !!x))].join(';') || null;

/** POLECAT: the TSV layout of the ICEWS successor (PLOVER types and modes), one row per report. */
export const POLECAT: Column<MentionContext>[] = [
  { name: 'Event ID', doc: 'linked event id, article id and the article\'s event id', get: (c) => `${c.event.id}-${c.mention.articleId}-${c.mention.eventId}` },
  { name: 'Event Date', doc: 'YYYY-MM-DD: the event day, or the publication day', get: (c) => eventDay(c.event, [c.mention]) },
  { name: 'Event Type', doc: 'PLOVER type, lower case (consult, agree, ...)', get: (c) => c.event.type.toLowerCase() },
  { name: 'Event Mode', doc: 'PLOVER mode, or empty', get: (c) => c.event.mode },
  { name: 'Intensity', doc: 'Goldstein score of the CAMEO code (POLECAT has its own intensity scale)', get: (c) => c.event.goldstein },
  { name: 'Quad Code', doc: 'quad class 1-4', get: (c) => c.event.quad },
  { name: 'Contexts', doc: 'empty', get: () => null },
  ...polecatActor('Actor', 0),
  ...polecatActor('Recipient', 1),
  { name: 'Placename', doc: 'place name', get: (c) => c.event.place?.name },
  { name: 'City', doc: 'the place name when it is not a country', get: (c, n) => (c.event.place && !(c.event.place.code && n.name(c.event.place.code) === c.event.place.name) ? c.event.place.name : null) },
  { name: 'District', doc: 'empty', get: () => null },
  { name: 'Province', doc: 'empty', get: () => null },
  { name: 'Country', doc: "ISO alpha-3 of the place's country", get: (c) => c.event.place?.code },
  { name: 'Latitude', doc: 'latitude', get: (c) => c.event.place?.lat },
  { name: 'Longitude', doc: 'longitude', get: (c) => c.event.place?.lon },
  { name: 'GeoNames ID', doc: 'GeoNames id', get: (c) => c.event.place?.geonameId },
  { name: 'Raw Placename', doc: 'place name as found', get: (c) => c.event.place?.name },
  { name: 'Feature Type', doc: '"country" or "place"', get: (c, n) => (c.event.place ? (c.event.place.code && n.name(c.event.place.code) === c.event.place.name ? 'country' : 'place') : null) },
  { name: 'Source', doc: 'the source (URL host, feed or file)', get: (c) => c.mention.source },
  { name: 'Publication Date', doc: 'YYYY-MM-DD', get: (c) => c.mention.articleDate },
  { name: 'Story People', doc: 'persons the article names, ";"-separated', get: (c) => joinSemi(c.article.actors.filter((a) => a.type === 'person').map((a) => a.name)) },
  { name: 'Story Organizations', doc: 'organisations the article names', get: (c) => joinSemi(c.article.actors.filter((a) => a.type === 'organization').map((a) => a.name)) },
  { name: 'Story Locations', doc: 'places the article names', get: (c) => joinSemi((c.article.places ?? []).map((p) => p.name)) },
  { name: 'Language', doc: 'article language', get: (c) => c.article.article.lang },
  { name: 'Version', doc: '"parley " and its version', get: (_c, n) => `parley ${n.version}` },
];

function polecatActor(role: 'Actor' | 'Recipient', side: 0 | 1): Column<MentionContext>[] {
  const who = (c: MentionContext) => sideActors(c)[side];
  return [
    { name: `${role} Name`, doc: `the ${role.toLowerCase()}'s name`, get: (c) => who(c)?.name },
    { name: `${role} Country`, doc: 'ISO alpha-3 of its state', get: (c, n) => countryOf(who(c), new Map(c.article.actors.map((x) => [x.id, x])), n) },
    { name: `${role} COW`, doc: 'empty (no Correlates of War table)', get: () => null },
    { name: `Primary ${role} Sector`, doc: 'sector code (GOV, MIL, DIP, ...)', get: (c) => who(c)?.sector },
    { name: `${role} Sectors`, doc: 'sector in words', get: (c) => sectorsOf(who(c)) },
    { name: `${role} Title`, doc: 'titles, ";"-separated', get: (c) => joinSemi(who(c)?.titles ?? []) },
    { name: `${role} Name Raw`, doc: 'the first mention as written', get: (c) => who(c)?.mentions[0]?.text ?? who(c)?.name },
    { name: `Wikipedia ${role} ID`, doc: 'empty', get: () => null },
  ];
}
