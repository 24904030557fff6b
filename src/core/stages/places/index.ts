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
import { fold, scanWords, type Word } from '../../text/words.js';
import type { Article, PlaceRecord } from '../../types.js';
import type { Mentions } from '../mentions/index.js';
import { LOCATIVE_PREPOSITIONS, MOTION_WORDS, NOT_NAME } from '../mentions/lexicon.js';

const KIND_WEIGHT: Record<Place['kind'], number> = { country: 6, capital: 4, admin1: 3.5, seat: 2.5, place: 1 };
const TIGHT = /^[ \t-]*$/;

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
    if (e.type !== 'state' || (except && e.start < except.end && e.end > except.start)) continue; // not the name being resolved
    w.set(e.code, Math.min(3, (w.get(e.code) ?? 0) + 1));
  }
  if (datelineCode) w.set(datelineCode, (w.get(datelineCode) ?? 0) + 3);
  return w;
}

function score(p: Place, surface: string, context: Map<string, number>): number {
  const exact = fold(p.name) === fold(surface) && p.name.normalize('NFC') === p.name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') ? 0 : -0.5;
  return KIND_WEIGHT[p.kind] + 0.5 * Math.log10(1 + p.population) + 1.5 * Math.min(3, context.get(p.code) ?? 0) + exact;
}

/** Picks the place a name refers to, narrowed by a qualifier ("Indonesia", "Virginia") when one is given. */
export function resolvePlace(gz: Gazetteer, name: string, qualifier: string | null, context: Map<string, number>): Place | null {
  let cands = gz.lookup(fold(name));
  if (!cands.length) return null;
  if (qualifier) {
    const q = gz.lookup(fold(qualifier)).filter((p) => p.kind === 'country' || p.kind === 'admin1');
    const narrowed = cands.filter((c) => q.some((p) => p.code === c.code && (p.kind === 'country' || p.admin1 === c.admin1)) && c !== q[0]);
    if (narrowed.length) cands = narrowed;
  }
  let best: Place | null = null;
  let bestScore = -Infinity;
  for (const c of cands) {
    const s = score(c, name, context);
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

function capRun(words: Word[], i: number, max = 4): number {
  let j = i;
  while (j < words.length && j - i < max && words[j].cap && !NOT_NAME.has(words[j].norm) && (j === i || TIGHT.test(words[j].gap))) j++;
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

  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const locative = LOCATIVE_PREPOSITIONS.has(w.norm) || (w.norm === 'to' && i > 0 && MOTION_WORDS.has(words[i - 1].norm)) || MOTION_WORDS.has(w.norm);
    if (!locative) continue;
    let k = i + 1;
    if (k < words.length && words[k].norm === 'the' && TIGHT.test(words[k].gap)) k++;
    if (k >= words.length || !TIGHT.test(words[k].gap) || !words[k].cap) continue;
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
    const context = contextOf(mentions, datelineCode, span);
    const p = resolvePlace(gazetteer, name, qualifier, context);
    if (!p) continue;
    add(p, { start: words[k].start, end: words[end - 1].end });
    if (qualifier) {
      const q = resolvePlace(gazetteer, qualifier, null, context);
      if (q && q.code === p.code) add(q, { start: words[end].start, end: words[qEnd - 1].end });
    }
    i = qEnd - 1;
  }
  const list = [...records.values()].sort((a, b) => (a.mentions[0]?.start ?? -1) - (b.mentions[0]?.start ?? -1));
  list.forEach((r, i) => (r.id = `P${i + 1}`));
  return list;
}
