/**
 * Stage `places`: place mentions resolved against the gazetteer with context.
 *   - where: names after a locative preposition ("in Bali, Indonesia", "at Leesburg, Virginia"),
 *     after a travel word ("will travel to Tianjin", "visited Kyiv"), and the dateline;
 *   - which: a qualifier beside the name (a country or first-order region) filters the candidates;
 *     otherwise the kind of place (country, capital, region, seat, town), its population, and the
 *     countries the article is about (its dateline and state mentions) decide.
 * A capital used as a metonym ("Beijing said") is not here: it stays an actor mention.
 */
import type { Gazetteer, Place } from '../../gazetteer.js';
import type { CompiledKb } from '../../kb/compile.js';
import { fold, isTightGap, scanWords, WordMap, type Word } from '../../text/words.js';
import type { Article, PlaceRecord } from '../../types.js';
import type { Mentions } from '../mentions/index.js';
import { LOCATIVE_PREPOSITIONS, MOTION_WORDS, NOT_NAME } from '../mentions/lexicon.js';

// a country or first-order region has no population in the data; these weights stand in for it
const KIND_WEIGHT: Record<Place['kind'], number> = { country: 6.5, capital: 4, admin1: 5.5, seat: 2.5, place: 1 };

export interface PlacesInput {
  article: Article;
  mentions: Mentions;
  gazetteer: Gazetteer;
  kb: CompiledKb;
}

/** The countries an article is about: its dateline's and every state it mentions, by weight. */
function contextOf(mentions: Mentions, datelineCode: string | null, except?: { start: number; end: number }): Map<string, number> {
  const w = new Map<string, number>();
  for (const e of mentions.entities) {
    if (e.type !== 'state' || (except && overlaps(e, except))) continue; // not the name being resolved
    w.set(e.code, Math.min(3, (w.get(e.code) ?? 0) + 1));
  }
  if (datelineCode) w.set(datelineCode, (w.get(datelineCode) ?? 0) + 3);
  return w;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && a.end > b.start;

/**
 * contextOf for one article, the same answer for a span that no state mention overlaps (most do not)
 * made once: such a span leaves nothing out.
 */
function contextsOf(mentions: Mentions, datelineCode: string | null): (except: { start: number; end: number }) => Map<string, number> {
  let whole: Map<string, number> | null = null;
  return (except) => {
    if (mentions.entities.some((e) => e.type === 'state' && overlaps(e, except))) return contextOf(mentions, datelineCode, except);
    return (whole ??= contextOf(mentions, datelineCode));
  };
}

function score(p: Place, foldedSurface: string, context: Map<string, number>): number {
  const exact = plainFold(p.name) === foldedSurface ? 0 : -0.5;
  // the article's countries are a presence bonus, not a count: a big city abroad beats a village at home
  return KIND_WEIGHT[p.kind] + Math.log10(1 + p.population) + (context.get(p.code) ? 1.5 : 0) + exact;
}

/** Gazetteer names already asked about, folded (null: written with accents): a pure function, kept. */
const plainFolds = new Map<string, string | null>();

/** The folded form of a place name written without accents (its NFC form is its NFKD form less the
 *  marks), or null: only such a name matches a surface exactly. */
function plainFold(name: string): string | null {
  let f = plainFolds.get(name);
  if (f === undefined) {
    f = name.normalize('NFC') === name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') ? fold(name) : null;
    if (plainFolds.size >= 100_000) plainFolds.clear();
    plainFolds.set(name, f);
  }
  return f;
}

/** Picks the place a name refers to, narrowed by a qualifier ("Indonesia", "Virginia") when one is given. */
export function resolvePlace(gz: Gazetteer, name: string, qualifier: string | null, context: Map<string, number>): Place | null {
  const folded = fold(name);
  let cands = gz.lookup(folded);
  if (!cands.length) return null;
  if (qualifier) {
    const q = gz.lookup(fold(qualifier)).filter((p) => p.kind === 'country' || p.kind === 'admin1');
    const narrowed = cands.filter((c) => q.some((p) => p.code === c.code && (p.kind === 'country' || p.admin1 === c.admin1)) && c !== q[0]);
    if (narrowed.length) cands = narrowed;
  }
  let best: Place | null = null;
  let bestScore = -Infinity;
  for (const c of cands) {
    const s = score(c, folded, context);
    if (s > bestScore) ((best = c), (bestScore = s));
  }
  // a small town with nothing in the article pointing to its country is more likely a misreading
  if (best && best.kind === 'place' && best.population < 20000 && !qualifier && !context.get(best.code)) return null;
  return best;
}

/** "TOKYO, April 2" → "TOKYO"; "Bali" → "Bali". */
export function datelinePlace(dateline: string): string {
  const parts = dateline.split(',').map((s) => s.trim());
  const rest = parts.slice(1).join(', ');
  return rest && !/^(\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i.test(rest) ? `${parts[0]}, ${parts[1]}` : parts[0];
}

/** The words that may introduce a place (see findPlaces), in one map: most words are none of them. */
const CUES = new WordMap<'locative' | 'motion' | 'to' | 'list'>([
  ...[...LOCATIVE_PREPOSITIONS].map((w) => [w, 'locative'] as const),
  ...[...MOTION_WORDS].map((w) => [w, 'motion'] as const),
  ['to', 'to'],
  ['and', 'list'],
  ['or', 'list'],
]);

/** Whether one of the four words before word i is a travel word ("will travel next week to ..."). */
function motionBefore(words: Word[], i: number): boolean {
  for (let k = Math.max(0, i - 4); k < i; k++) if (MOTION_WORDS.has(words[k].norm)) return true;
  return false;
}

function capRun(words: Word[], i: number, max = 4): number {
  let j = i;
  while (j < words.length && j - i < max && words[j].cap && !NOT_NAME.has(words[j].norm) && (j === i || isTightGap(words[j].gap))) j++;
  return j;
}

export function findPlaces({ article, mentions, gazetteer, kb }: PlacesInput): PlaceRecord[] {
  const words = mentions.words;
  const text = article.text;
  const records = new Map<string, PlaceRecord>();
  const add = (p: Place, span: { start: number; end: number } | null) => {
    const key = `${p.code}|${p.kind}|${p.name}|${p.geonameId ?? ''}`;
    let r = records.get(key);
    if (!r) {
      r = { id: '', name: p.name, code: p.code, kind: p.kind, lat: p.lat, lon: p.lon, geonameId: p.geonameId, dateline: false, mentions: [] };
      records.set(key, r);
    }
    if (span) r.mentions.push({ start: span.start, end: span.end, text: text.slice(span.start, span.end) });
    else r.dateline = true;
  };

  // the dateline's country counts as context for everything else
  let datelineCode: string | null = null;
  let datelineHit: Place | null = null;
  if (article.dateline) {
    const [name, qualifier] = datelinePlace(article.dateline).split(/,\s*/);
    const isOrg = scanWords(name).length && kb.organizations.size && [...kb.organizations.values()].some((o) => fold(o.name) === fold(name));
    if (!isOrg) {
      datelineHit = resolvePlace(gazetteer, name, qualifier ?? null, contextOf(mentions, null));
      datelineCode = datelineHit?.code ?? null;
    }
  }
  if (datelineHit) add(datelineHit, null);

  const entityAt = new Map(mentions.entities.map((e) => [e.w0, e]));
  const contextExcept = contextsOf(mentions, datelineCode);
  let listFrom = -1; // a place list continues: "travel to India and Nepal", "in Paris, Lyon and Nice"
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const cue = CUES.get(w.norm);
    if (cue === undefined) continue; // most words say nothing of the name after them
    const toAfterMotion = cue === 'to' && motionBefore(words, i);
    // "visited Kyiv" takes a destination, "visiting U.S. officials" does not
    const directMotion = cue === 'motion' && !w.norm.endsWith('ing');
    const locative = cue === 'locative' || toAfterMotion || directMotion || (i === listFrom && cue === 'list');
    if (!locative) continue;
    let k = i + 1;
    if (k < words.length && words[k].norm === 'the' && isTightGap(words[k].gap)) k++;
    if (k >= words.length || !isTightGap(words[k].gap) || !words[k].cap) continue;
    // a state or one of its seats from the KB ("to the People's Republic of China", "at the State Department")
    const entity = entityAt.get(k);
    const modifies = entity && entity.w1 < words.length && isTightGap(words[entity.w1].gap) && words[entity.w1].cap; // "U.S. Under-Secretary"
    if (entity && entity.type === 'state' && entity.form !== 'adjective' && !modifies) {
      const surface = text.slice(entity.start, entity.end);
      const byName = resolvePlace(gazetteer, surface, null, contextExcept(entity));
      // the gazetteer weighs the name in context ("Georgia" with U.S. context is the U.S. state); when it
      // does not know the name ("the State Department"), the state's own entry or capital stands in
      const p = byName ?? (entity.form === 'name' ? gazetteer.country(entity.code) : gazetteer.capital(entity.code));
      if (p) {
        add(entity.form === 'capital' && p !== byName ? { ...p, name: surface, kind: 'place', geonameId: null } : p, { start: entity.start, end: entity.end });
        i = entity.w1 - 1;
        listFrom = entity.w1 < words.length && /^\s*(,\s*)?$/.test(words[entity.w1].gap) ? entity.w1 : -1;
        continue;
      }
    }
    const end = capRun(words, k);
    if (end === k) continue;
    const name = text.slice(words[k].start, words[end - 1].end);
    let qualifier: string | null = null;
    let qEnd = end;
    if (end < words.length && /^,\s*$/.test(words[end].gap) && words[end].cap) {
      qEnd = capRun(words, end, 3);
      qualifier = text.slice(words[end].start, words[qEnd - 1].end);
    }
    const span = { start: words[k].start, end: words[qEnd - 1].end };
    const context = contextExcept(span);
    const p = resolvePlace(gazetteer, name, qualifier, context);
    if (!p) continue;
    add(p, { start: words[k].start, end: words[end - 1].end });
    if (qualifier) {
      const q = resolvePlace(gazetteer, qualifier, null, context);
      if (q && q.code === p.code) add(q, { start: words[end].start, end: words[qEnd - 1].end });
    }
    i = qEnd - 1;
    listFrom = qEnd < words.length && /^\s*$/.test(words[qEnd].gap) ? qEnd : -1;
  }
  const list = [...records.values()].sort((a, b) => (a.mentions[0]?.start ?? -1) - (b.mentions[0]?.start ?? -1));
  list.forEach((r, i) => (r.id = `P${i + 1}`));
  return list;
}
