/**
 * Stage `eventPlaces`: where each event happened, from the place stage's mentions.
 *   1. a place named in the event's sentence after a locative word ("met ... in Bali, Indonesia"),
 *      the most specific one nearest the trigger (a region or city before its country);
 *   2. none for a phone call or a virtual meeting;
 *   3. otherwise, for what is said or done at a located meeting reported just before (a readout:
 *      "met in Jerusalem ... The Secretary underscored ..."), that meeting's place, when the event shares
 *      a party with the meeting and the same turn of a transcript (in a press briefing, the next
 *      question's events were not at the summit the last one asked about);
 *   4. otherwise the dateline's place, when the article reports from one;
 *   5. otherwise null: no place is guessed.
 * A place after "from" is where someone comes from, not where the event is.
 */
import type { Doc } from '../../nlp.js';
import type { Actor, Event, EventLocation, PlaceRecord, Span } from '../../types.js';
import { turnAt, turnsOf } from '../../text/turns.js';

const REMOTE = /\b(call|calls|called|phone|phoned|telephone|telephoned|spoke|speak|speaks|videoconference|video conference|virtual|virtually|video|online|letter|message)\b(?!\s+(for|on|upon)\b)/i;
const SPECIFIC: Record<PlaceRecord['kind'], number> = { place: 0, seat: 0, capital: 0, admin1: 1, country: 2 };

const PLANNED = /\b(to\s+(?!the\b|a\b|an\b)[a-z]+|will|would|plans?|planned|next)\b/i;
const MEETING = /\b(met|meet|meets|meeting|meetings|talks|discussions|visit|visited|visiting|summit|dialogue|conference|negotiations|hosted)\b/i;

/** Not a place where something happens: where someone comes from ("from Nigeria"), or the scene of a
 * war or crisis named in passing ("Russia's war in Ukraine"). */
function usable(text: string, start: number): boolean {
  const before = text.slice(Math.max(0, start - 40), start);
  return !/\bfrom\s+(the\s+)?$/i.test(before) && !/\b(war|conflict|crisis|situation|violence|fighting|aggression|invasion|attacks?|operations?|presence|troops|forces|people|population|refugees|humanitarian)\s+(in|inside|across|throughout)\s+(the\s+)?$/i.test(before);
}

/** A place after the trigger inside an infinitive ("agreed ... to hold their next dialogue in
 * Canberra") is where the agreed action will happen, not where the agreeing did. */
function embedded(text: string, triggerEnd: number, placeStart: number): boolean {
  return placeStart > triggerEnd && /\bto\s+(?!the\b|a\b|an\b)[a-z]+\b/.test(text.slice(triggerEnd, placeStart));
}

/** A meeting with a place: what is said or done there by its parties happened there. */
interface Occasion {
  location: EventLocation;
  at: number;
  codes: Set<string>;
}
const shares = (o: Occasion, parties: Set<string>) => [...parties].some((c) => o.codes.has(c));

const toLocation = (p: PlaceRecord): EventLocation => ({ name: p.name, code: p.code, lat: p.lat, lon: p.lon, geonameId: p.geonameId });

export function locateEvents(events: Event[], places: PlaceRecord[], actors: Actor[], doc: Doc): Event[] {
  if (!events.length) return []; // nothing to place (and no meeting sentences to look for)
  const text = doc.text;
  const codeOf = new Map(actors.map((a) => [a.id, a.code]));
  const dateline = places.find((p) => p.dateline) ?? null;
  const located = new Map<Event, EventLocation | null>();
  let occasion: Occasion | null = null;
  // the codes of the actors named in a sentence: the parties of a meeting it reports
  const codesIn = (s: { start: number; end: number }) => new Set(actors.filter((a) => a.code && a.mentions.some((m) => m.start >= s.start && m.end <= s.end)).map((a) => a.code!));
  // a place where people met, whether or not that meeting was coded as an event ("to continue
  // discussions ... in Doha, Qatar")
  // (a meeting that is only planned, "agreed to hold their next dialogue in Canberra", is not one)
  const heldAt = (s: { start: number; end: number }) => {
    const m = MEETING.exec(text.slice(s.start, s.end));
    return m && !PLANNED.test(text.slice(s.start, s.start + m.index)) ? s.start + m.index : -1;
  };
  // (only a sentence holding a place mention can give one: the others are not searched for a meeting)
  const holdsPlace = (s: { start: number; end: number }) => places.some((p) => p.mentions.some((m) => m.start >= s.start && m.end <= s.end));
  const meetings = doc.sentences
    .filter(holdsPlace)
    .map((s) => ({ s, w: heldAt(s) }))
    .filter(({ w }) => w >= 0)
    .flatMap(({ s, w }) => places.flatMap((p) => p.mentions.filter((m) => m.start >= s.start && m.end <= s.end && usable(text, m.start) && !embedded(text, w, m.start)).map(() => ({ at: s.start, p, codes: codesIn(s) }))))
    .sort((a, b) => a.at - b.at || SPECIFIC[a.p.kind] - SPECIFIC[b.p.kind]);
  const order = [...events].sort((a, b) => a.trigger.start - b.trigger.start);
  // with no dateline, a meeting place told later in the article is still where the occasion was
  const firstMeeting: Occasion | null = !dateline && meetings.length ? { location: toLocation(meetings[0].p), at: meetings[0].at, codes: meetings[0].codes } : null;
  const turns = turnsOf(doc);
  const sameTurn = (a: number, b: number) => turnAt(turns, a) === turnAt(turns, b);
  const applies = (o: Occasion | null, e: Event, parties: Set<string>): o is Occasion => !!o && shares(o, parties) && sameTurn(o.at, e.trigger.start);
  for (const e of order) {
    const met = meetings.filter((m) => m.at <= e.trigger.start).at(-1);
    if (met && (!occasion || met.at > occasion.at)) occasion = { location: toLocation(met.p), at: met.at, codes: met.codes };
    if (e.field === 'title') {
      located.set(e, dateline && !REMOTE.test(e.trigger.text) ? toLocation(dateline) : null);
      continue;
    }
    const s = e.sentence;
    // a stop of a trip is the place in the country visited ("travel to India and Nepal")
    const parties = new Set([...e.actors, ...e.recipients].map((id) => codeOf.get(id)).filter((c): c is string => !!c));
    const inSentence = places
      .flatMap((p) => p.mentions.filter((m) => m.start >= s.start && m.end <= s.end && usable(text, m.start) && !embedded(text, e.trigger.end, m.start)).map((m) => ({ p, m })))
      .sort((a, b) => Number(parties.has(b.p.code)) - Number(parties.has(a.p.code)) || SPECIFIC[a.p.kind] - SPECIFIC[b.p.kind] || Math.abs(a.m.start - e.trigger.start) - Math.abs(b.m.start - e.trigger.start));
    const near = text.slice(Math.max(s.start, e.trigger.start - 30), Math.min(s.end, e.trigger.end + 30));
    let location: EventLocation | null = null;
    if (inSentence.length) {
      location = toLocation(inSentence[0].p);
      if (e.type === 'CONSULT') occasion = { location, at: s.start, codes: parties };
    } else if (REMOTE.test(e.trigger.text) || REMOTE.test(near)) location = null;
    else if (applies(occasion, e, parties)) location = occasion.location;
    else if (dateline) location = toLocation(dateline);
    else if (applies(firstMeeting, e, parties)) location = firstMeeting.location;
    located.set(e, location);
  }
  return continueDates(events.map((e) => ({ ...e, location: located.get(e) ?? null })), actors, text);
}

/**
 * An asserted event with no date of its own that continues the occasion told just before it takes that
 * occasion's date: a dated event sharing a party, in the same paragraph or the sentence before
 * ("agreed here on Thursday to expand cooperation. When meeting with Park ..., Wang said ...").
 */
export function continueDates(events: Event[], actors: Actor[], text: string): Event[] {
  const codeOf = new Map(actors.map((a) => [a.id, a.code ?? a.name.toUpperCase()]));
  const parties = (e: Event) => new Set([...e.actors, ...e.recipients].map((id) => codeOf.get(id)));
  const paragraphOf = (pos: number) => text.slice(0, pos).split(/\n\s*\n/).length;
  // an event told several times is placed by its first telling in the body
  const firstAt = (e: Event) => Math.min(e.trigger.start, ...((e as Event & { evidence?: { field: string; trigger: Span }[] }).evidence ?? []).filter((x) => x.field !== 'title').map((x) => x.trigger.start));
  const order = [...events].sort((a, b) => firstAt(a) - firstAt(b));
  const dated = new Map<Event, Event>();
  for (const e of order) {
    if (e.date || e.modality !== 'asserted' || e.field === 'title') continue;
    const mine = parties(e);
    const before = order.filter((x) => x.date && x.modality === 'asserted' && firstAt(x) < firstAt(e) && !x.field);
    const prev = before.at(-1);
    if (!prev) continue;
    const shared = [...parties(prev)].some((c) => mine.has(c));
    if (shared && paragraphOf(firstAt(prev)) === paragraphOf(firstAt(e))) dated.set(e, prev);
  }
  return events.map((e) => {
    const from = dated.get(e);
    return from ? { ...e, date: from.date, dateText: from.dateText } : e;
  });
}
