/**
 * Stage `commitments`: promises and agreements to do a concrete thing.
 *
 * The rule, written down so two coders (or two versions of the engine) can apply it the same way:
 *  1. A cue: a promising verb followed by "to" and an action ("agreed in principle to realize ...",
 *     "committed to the sharing of ..."), a promising noun followed by "to" ("their pledge to not
 *     allow ..."), "agreed on" + a noun phrase, or "will" + a concrete undertaking ("will provide").
 *  2. The action runs from the word after "to" to the end of the clause (a semicolon, ", while",
 *     ", but", or the sentence end). A general intention is not a commitment: an action whose verb is
 *     one of strengthening, expanding, continuing ... and whose other words are all generic
 *     (cooperation, relations, exchanges ...), with no number and no name in it.
 *     Not a cue: one denied in the words just before it ("did not agree to", "no agreement to"), and
 *     "Agreement on" inside a name ("the General Agreement on Tariffs and Trade").
 *  3. Parties: the actors named before the cue in the sentence ("Wang Yi and Park Jin agreed", "Both
 *     sides committed"); groups count as their members; an adjective inside a person's title does not.
 *     With no party there is no commitment: a promise is someone's.
 *  4. Due: the last day of the period of the first time expression inside the action ("within this
 *     year" → 31 December, "next month" → its last day, "by 2030" → 2030-12-31); none → null.
 *  5. Strength: "in principle" → in-principle; "if", "unless", "provided that" in the clause →
 *     conditional; otherwise firm.
 *  6. Event: the event whose trigger is the cue, else an AGREE event in the same sentence.
 */
import type { Doc, Sentence, Token } from '../../nlp.js';
import type { Actor, Commitment, Event, Mention, Span, TimeExpression } from '../../types.js';
import { CONCRETE_NOUNS, CONDITIONAL, FUTURE_UNDERTAKINGS, NEGATORS, PROMISE_NOUNS, PROMISE_VERBS, VAGUE_OBJECTS, VAGUE_VERBS } from './lexicon.js';

export interface CommitmentsInput {
  doc: Doc;
  actors: Actor[];
  times?: TimeExpression[];
  events?: Event[];
}

export type Strength = 'firm' | 'in-principle' | 'conditional';

/** The last day of a period value: 2022 → 2022-12-31, 2022-07 → 2022-07-31, a day → itself. */
export function endOfPeriod(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return `${value}-${String(last).padStart(2, '0')}`;
  }
  if (/^\d{4}$/.test(value)) return `${value}-12-31`;
  return null;
}

const ADVERBS = new Set(['also', 'tentatively', 'formally', 'jointly', 'further', 'again', 'today', 'here', 'both', 'all', 'in', 'principle', 'on', 'firmly']);

function clauseEnd(tokens: Token[], from: number, last: number): number {
  for (let i = from; i < last; i++) {
    const t = tokens[i];
    if (t.text === ';') return i;
    if (t.text === ',' && i + 1 < last && ['while', 'but', 'whereas', 'although', 'which', 'particularly', 'especially', 'the', 'officials', 'sources', 'he', 'she', 'they', 'adding', 'saying', 'noting', 'stressing'].includes(tokens[i + 1].lower)) return i;
  }
  let end = last;
  while (end > from && tokens[end - 1].pos === 'PUNCT') end--;
  return end;
}

const lemma = (w: string) => (VAGUE_VERBS.has(w) ? w : w.replace(/ing$/, '').replace(/ed$/, '').replace(/([^aeiou])\1$/, '$1'));

function isVague(tokens: Token[], a: number, b: number): boolean {
  const words = tokens.slice(a, b).filter((t) => t.pos !== 'PUNCT');
  if (words.filter((t) => /\p{L}/u.test(t.text) && t.pos !== 'PRON' && t.pos !== 'DET').length < 2) return true; // "agreed to it"
  const head = lemma(words[0].lower);
  if (!(VAGUE_VERBS.has(head) || VAGUE_VERBS.has(head + 'e'))) return false;
  return words.slice(1).every((t) => (VAGUE_OBJECTS.has(t.lower) || VAGUE_VERBS.has(t.lower) || t.pos === 'ADJ' || t.pos === 'CCONJ' || t.pos === 'DET' || t.pos === 'ADP' || t.pos === 'PRON') && !/\d/.test(t.text) && t.pos !== 'PROPN');
}

/** A commitment cue at token i of sentence s: where its action starts and the rule, or null. */
function cueAt(tokens: Token[], s: Sentence, i: number): { actionStart: number; rule: string } | null {
  const t = tokens[i];
  if (PROMISE_VERBS.has(t.lower) || (t.pos === 'NOUN' && PROMISE_NOUNS.has(t.lower))) {
    let k = i + 1;
    while (k < s.last && k - i <= 4 && ADVERBS.has(tokens[k].lower) && !(tokens[k].lower === 'on' && tokens[k + 1]?.pos !== 'ADV')) k++;
    const next = tokens[k + 1];
    // a promising noun needs a verb after "to" ("their pledge to not allow"); "commitment to Israel's
    // security" is support, not a promise
    const nounOk = PROMISE_VERBS.has(t.lower) || (next && (next.lower === 'not' || (next.pos === 'VERB' && !next.lower.endsWith('ing'))));
    if (k < s.last && tokens[k].lower === 'to' && next && k + 1 < s.last && nounOk) {
      return { actionStart: k + 1, rule: PROMISE_VERBS.has(t.lower) ? 'promise-verb-to' : 'promise-noun-to' };
    }
    // "the General Agreement on Tariffs and Trade" is a name, not an agreement reached
    const inName = i > s.first && t.text.charCodeAt(0) >= 0x41 && t.text.charCodeAt(0) <= 0x5a;
    if (k < s.last && tokens[k].lower === 'on' && t.lower.startsWith('agree') && !inName && tokens.slice(k + 1, k + 5).some((x) => CONCRETE_NOUNS.has(x.lower))) {
      return { actionStart: k + 1, rule: 'agreed-on' };
    }
    return null;
  }
  // "will provide", and "would provide" in reported speech ("Wong said Australia would provide ...")
  if ((t.lower === 'will' || t.lower === 'would') && i + 1 < s.last && FUTURE_UNDERTAKINGS.has(tokens[i + 1].lower)) return { actionStart: i + 1, rule: 'will-undertake' };
  return null;
}

/** The actors named in sentence s before offset `cueStart` (groups as their members), in actor order. */
function partiesBefore(actors: Actor[], byId: Map<string, Actor>, personSpans: Mention[], s: Sentence, cueStart: number): string[] {
  const parties: string[] = [];
  for (const a of actors) {
    const before = a.mentions.some((m) => m.start >= s.start && m.end <= cueStart && (m.kind !== 'adjective' || !personSpans.some((p) => p.start > m.end && p.start - m.end < 60)));
    if (!before) continue;
    const ids = a.type === 'group' ? a.members ?? [] : [a.id];
    for (const id of ids) if (!parties.includes(id) && byId.has(id)) parties.push(id);
  }
  return parties;
}

/** A state and its own person: keep the person (the state is implied). */
function withoutImpliedStates(parties: string[], byId: Map<string, Actor>): string[] {
  return parties.filter((id) => {
    const a = byId.get(id)!;
    return !(a.type === 'state' && parties.some((o) => o !== id && byId.get(o)!.type === 'person' && byId.get(o)!.code === a.code));
  });
}

type Found = Commitment & { strength: Strength; rule: string };

/**
 * The commitment a cue at token i opens, or null. Kept apart from the scan over every token in
 * findCommitments: cues are rare, and this code reads actors, times and events of many shapes.
 */
function commitmentAt(input: Required<CommitmentsInput>, byId: Map<string, Actor>, personSpans: Mention[], s: Sentence, i: number, cue: { actionStart: number; rule: string }): { found: Found; end: number } | null {
  const { doc, actors, times, events } = input;
  const { tokens, text } = doc;
  const { actionStart, rule } = cue;
  const t = tokens[i];
  const end = clauseEnd(tokens, actionStart, s.last);
  if (end <= actionStart) return null;
  // the first verb of the action decides vagueness ("to expand cooperation"); "the sharing of data" is concrete
  if (isVague(tokens, actionStart, end)) return null;
  // "did not agree to", "has not yet agreed on", "no agreement to": no promise ("will not change its
  // decision to" still reports one: the negation belongs to another verb)
  for (let k = i - 1; k >= Math.max(s.first, i - 3) && tokens[k].pos !== 'VERB'; k--) if (NEGATORS.has(tokens[k].lower)) return null;
  // parties: actors named before the cue in the sentence; a promise nobody in the text made is none
  const parties = partiesBefore(actors, byId, personSpans, s, t.start);
  if (!parties.length) return null;
  const keep = withoutImpliedStates(parties, byId);
  const actStart = tokens[actionStart].start;
  const actEnd = tokens[end - 1].end;
  const time = times.find((x) => x.start >= actStart && x.end <= actEnd);
  let actionEnd = actEnd;
  if (time && time.start > actStart) actionEnd = text.slice(actStart, time.start).trimEnd().length + actStart;
  const clause = text.slice(s.start, actEnd).toLowerCase();
  const strength: Strength = /\bin principle\b/.test(clause) ? 'in-principle' : tokens.slice(s.first, end).some((x) => CONDITIONAL.has(x.lower)) ? 'conditional' : 'firm';
  // any telling of the event counts (an event told twice keeps one trigger, and lists all in evidence)
  const tellings = (e: Event) => [{ trigger: e.trigger, sentence: e.sentence }, ...((e as Event & { evidence?: { field?: string; trigger: Span; start: number }[] }).evidence ?? []).filter((x) => x.field !== 'title').map((x) => ({ trigger: x.trigger, sentence: { start: x.start } }))];
  const event =
    events.find((e) => tellings(e).some((x) => x.trigger.start <= t.start && x.trigger.end >= t.end)) ??
    events.find((e) => e.type === 'AGREE' && tellings(e).some((x) => x.sentence.start === s.start)) ??
    null;
  const action = text.slice(actStart, actionEnd).replace(/\s+/g, ' ').trim();
  if (!action) return null; // only a line break before the time ("agreed to\nby 2030")
  const found: Found = {
    id: '',
    parties: keep,
    action,
    due: time ? ((time as TimeExpression & { due?: string }).due ?? endOfPeriod(time.value)) : null,
    dueText: time?.text ?? null,
    event: event?.id ?? null,
    start: t.start,
    end: actEnd,
    strength,
    rule,
  };
  return { found, end };
}

export function findCommitments({ doc, actors, times = [], events = [] }: CommitmentsInput): Commitment[] {
  const input = { doc, actors, times, events };
  const tokens = doc.tokens;
  const out: Found[] = [];
  // the actors by id and the persons' names, made at the first cue (most texts have none)
  let byId: Map<string, Actor> | null = null;
  let personSpans: Mention[] = [];
  for (const s of doc.sentences) {
    for (let i = s.first; i < s.last; i++) {
      const cue = cueAt(tokens, s, i);
      if (!cue) continue;
      if (!byId) {
        byId = new Map(actors.map((a) => [a.id, a]));
        personSpans = actors.filter((a) => a.type === 'person').flatMap((a) => a.mentions.filter((m) => m.kind === 'name'));
      }
      const c = commitmentAt(input, byId, personSpans, s, i, cue);
      if (!c) continue;
      out.push(c.found);
      i = c.end - 1;
    }
  }
  out.forEach((c, k) => (c.id = `C${k + 1}`));
  return out;
}
