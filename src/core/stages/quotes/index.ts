/**
 * The quote stage: direct and indirect quotes with their cue and speaker.
 *
 *   findQuotes(doc)                  text level: each quote, its content span, cue span and the span of
 *                                    the speaker expression ("Wang", "he", "the ministry")
 *   attributeQuotes(cands, actors)   maps each speaker expression to the actor with a mention there
 *
 * Rules, in order (each output carries the rule that made it):
 *   direct-*     quoted passages with an attribution after, before, a dash or a label (direct.ts)
 *   indirect-*   reported speech around a cue: pre-posed, post-posed, participle, according to,
 *                called X Y, expressed hope that, quoted as saying, paragraph labels (indirect.ts)
 * A direct quote wins over an indirect candidate that covers the same words or uses the same cue; a quote
 * reported inside another one's content is dropped; a quoted sentence with no attribution of its own
 * continues the quote just before it (direct-continued).
 */
import type { Doc } from '../../nlp.js';
import type { Actor, Mention, Quote, Span } from '../../types.js';
import type { Found, QuoteCandidate } from './candidate.js';
import { buildContext, tokenAt, type Ctx } from './context.js';
import { findDirect } from './direct.js';
import { findIndirect } from './indirect.js';
import { HUMAN_ROLE_NOUNS } from './lexicon.js';
import { turnAt, turnsOf } from '../../text/turns.js';

export type { QuoteCandidate } from './candidate.js';

/** A quote as emitted: the contract's fields plus the rule and, for interrupted quotes, the passages. */
export interface QuoteOut extends Quote {
  rule: string;
  parts?: Span[];
}

const PRONOUNS = /^(he|she|they|it|we|i|you|who|him|her|them)$/i;
const headKind = (w: string): 'name' | 'pronoun' | 'noun' | 'role' =>
  PRONOUNS.test(w) ? 'pronoun' : HUMAN_ROLE_NOUNS.has(w.toLowerCase()) ? 'role' : /^\p{Lu}/u.test(w) ? 'name' : 'noun';

/** Speaker words that name whoever is speaking: in a transcript, the turn's speaker. */
const FIRST_PERSON = new Set(['i', 'we']);

const overlap = (a: Span, b: Span) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

export function findQuotes(doc: Doc): QuoteCandidate[] {
  const ctx = buildContext(doc);
  const text = doc.text;
  const { found: direct, orphans } = findDirect(ctx);
  const used = new Set<number>();
  for (const d of direct) if (d.cueTok >= 0) used.add(d.cueTok);
  const indirect = findIndirect(ctx, used, (k) => used.has(k));
  const kept: Found[] = [...direct];
  // indirect candidates: one per cue; not over a direct quote's words
  const seenCue = new Set<number>();
  for (const f of indirect) {
    if (f.cueTok >= 0 && (used.has(f.cueTok) || seenCue.has(f.cueTok))) continue;
    const len = f.end - f.start;
    if (direct.some((d) => overlap(d, f) > 0.5 * len)) continue;
    seenCue.add(f.cueTok);
    kept.push(f);
  }
  // a cue and its speaker inside another quote's content are reported within it ("..., he said" around
  // "The South Korean side believes that ..."): the outer quote stands for both
  {
    const inside = (f: Found, o: Found) => f.cue !== null && f.cue.start >= o.start && f.cue.end <= o.end && (!f.speaker || (f.speaker.start >= o.start && f.speaker.end <= o.end));
    const drop = new Set<Found>();
    for (const f of kept) {
      if (f.kind !== 'indirect') continue;
      for (const o of kept) {
        if (o === f || !inside(f, o)) continue;
        // "Wallis told Saito X, a spokesman said": the reported speech act names the original speaker,
        // who is the one quoted; "The side believes that X, he said": the belief is the speaker's content
        const speechAct = f.cueClass === 'say' || f.cueClass === 'tell' || f.rule === 'indirect-quoted-as';
        if (speechAct && (o.rule === 'indirect-post' || o.rule === 'indirect-mid')) drop.add(o);
        else drop.add(f);
      }
    }
    for (let i = kept.length - 1; i >= 0; i--) if (drop.has(kept[i])) kept.splice(i, 1);
  }
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  // a quoted sentence without an attribution of its own continues the quote just before it
  for (const o of orphans) {
    const prev = continuedFrom(ctx, kept, o);
    if (prev && prev.speaker) kept.push({ ...o, speaker: prev.speaker, head: prev.head, rule: 'direct-continued' });
  }
  kept.sort((a, b) => a.start - b.start || a.end - b.end);
  const turns = turnsOf(doc);
  return kept.map((f) => {
    const c: QuoteCandidate = {
      kind: f.kind,
      start: f.start,
      end: f.end,
      text: text.slice(f.start, f.end),
      cue: f.cue ? { start: f.cue.start, end: f.cue.end, text: text.slice(f.cue.start, f.cue.end) } : null,
      speakerSpan: f.speaker,
      speakerHead: f.head,
      speakerHeadKind: f.head ? headKind(text.slice(f.head.start, f.head.end)) : undefined,
      rule: f.rule,
      turn: turnAt(turns, f.start),
      firstPerson: !!f.head && FIRST_PERSON.has(text.slice(f.head.start, f.head.end).toLowerCase()),
    };
    if (f.parts && f.parts.length > 1) c.parts = f.parts;
    return c;
  });
}

/** The quote an unattributed passage continues: the last one before it, in its paragraph or the one before,
 * with no other quoted passage and at most one other sentence in between. */
function continuedFrom(ctx: Ctx, kept: Found[], o: Found): Found | null {
  let prev: Found | null = null;
  for (const f of kept) if (f.end <= o.start && (!prev || f.end > prev.end)) prev = f;
  if (!prev) return null;
  const T = ctx.toks;
  const a = tokenAt(T, prev.end);
  const b = tokenAt(T, o.start);
  if (a < 0 || b < 0) return null;
  if (T[b].para - T[a].para > 1) return null;
  if (T[b].para !== T[a].para && ctx.paras[T[b].para].start < o.start - 1) return null;
  let ends = 0;
  for (let k = a; k < b; k++) {
    if (T[k].start < prev.end) continue;
    if (T[k].inQ >= 0) return null;
    if (/^[.!?]$/.test(T[k].text)) ends++;
  }
  if (ends > 2 || b - a > 60) return null;
  return prev;
}

/**
 * The actor a speaker expression refers to: the actor with a mention overlapping the span, preferring
 * the (shortest) mention that covers the head word; a person mentioned off the head is not the speaker
 * ("Reagan's chief of staff"), a state or body is ("a Foreign Ministry official"); a group ("they", "the
 * two sides") speaks through its first member. null when no mention fits: the nearest name is never guessed.
 */
export function speakerOf(span: Span | null, head: Span | null | undefined, actors: Actor[], headKind?: 'name' | 'pronoun' | 'noun' | 'role'): string | null {
  if (!span) return null;
  let best: { actor: Actor; m: Mention; score: number } | null = null;
  for (const a of actors) {
    for (const m of a.mentions) {
      const ov = overlap(m, span);
      if (ov <= 0) continue;
      const coversHead = head ? m.start <= head.start && m.end >= head.end : false;
      const touchesHead = head ? overlap(m, head) > 0 : false;
      // a person named inside the phrase whose head is a human role is someone else ("Reagan's chief of staff",
      // "his aides", "a spokesman for Clinton"); a state or body there is the speaker's side ("a Foreign
      // Ministry official"), and "the Clinton campaign" speaks for Clinton
      if (head && headKind === 'role' && !touchesHead && a.type === 'person') continue;
      // cover the head first, then touch it, then the most overlap; shorter mentions are more specific
      // an unnamed speaker made for this very phrase ("West German diplomats") beats the state inside it
      const score = (coversHead ? 4000 : 0) + (touchesHead ? 2000 : 0) + Math.min(ov, 1000) - (m.end - m.start) / 1000 + (m.kind === 'description' ? 1 : 0);
      if (!best || score > best.score) best = { actor: a, m, score };
    }
  }
  if (!best) return null;
  const a = best.actor;
  if (a.members && a.members.length && actors.some((x) => x.id === a.members![0])) return a.members[0];
  return a.id;
}

export function attributeQuotes(cands: QuoteCandidate[], actors: Actor[]): QuoteOut[] {
  const out = cands.map((c, i) => {
    const q: QuoteOut = {
      id: `Q${i + 1}`,
      kind: c.kind,
      text: c.text,
      start: c.start,
      end: c.end,
      speaker: speakerOf(c.speakerSpan, c.speakerHead, actors, c.speakerHeadKind),
      cue: c.cue,
      rule: c.rule,
    };
    if (c.parts) q.parts = c.parts;
    return q;
  });
  // in a transcript, "I" and "we" are whoever holds the turn: the speaker its label names ("MR PRICE: ...
  // I noted that ...")
  cands.forEach((c, i) => {
    if (out[i].speaker || c.turn < 0 || !c.firstPerson) return;
    const label = cands.findIndex((l, j) => l.turn === c.turn && l.rule.includes('label') && out[j].speaker !== null);
    if (label < 0) return;
    out[i].speaker = out[label].speaker;
    out[i].rule += '+turn';
  });
  return out;
}
