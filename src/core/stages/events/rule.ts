/**
 * The contract between the trigger matcher and the rules: a rule looks at one match and either codes
 * it (who acts, who is acted upon, which predicate carries its modality) or passes. Rules are tried in
 * the order of RULES in index.ts; the first that codes a match wins, and its name tags the event.
 */
import { lemmaIn, type Ctx } from './context.js';
import type { Match } from './match.js';
import { isAux, isVerb, mentionAt, npEnd, npStart, POSSESSIVE, PREPS, sentenceOf, subjectOf, vgStart } from './syntax.js';

export interface Candidate {
  match: Match;
  rule: string;
  actors: string[];
  recipients: string[];
  /** Token whose clause decides modality and date. */
  predicate: number;
  /** The actors were taken from another clause (coordination, infinitive, adjunct). */
  inherited: boolean;
  /** A passive with no "by" agent: the actor is inherited from an earlier event of the same type. */
  agentless: boolean;
  /** The frame's markers found a party (for entries that need one: "spoke with X"). */
  framed: boolean;
  /** The subject is an unresolved "they"/"both sides": the parties of the meeting being reported. */
  anaphor: boolean;
  confidence: number;
}

export interface Rule {
  name: string;
  apply(c: Ctx, m: Match): Candidate | null;
}

/** A pass over the candidates of one token view, in text order: it drops background, or fills in
 *  parties from the discourse (see CANDIDATE_PASSES in index.ts). A pass that changes a candidate
 *  appends its name to the candidate's rule. */
export interface CandidatePass {
  name: string;
  run(c: Ctx, cands: Candidate[], matches: readonly Match[]): Candidate[];
}

/** Participant ids of mentions, in order, without repeats. */
export function idsOf(c: Ctx, ms: readonly number[]): string[] {
  const out: string[] = [];
  for (const m of ms) for (const id of c.mentions[m].ids) if (!out.includes(id)) out.push(id);
  return out;
}

export function candidate(m: Match, rule: string, actors: string[], recipients: string[], predicate: number, inherited: boolean, base: number, framed: boolean, agentless = false): Candidate {
  const a = [...new Set(actors)];
  const r = [...new Set(recipients)].filter((x) => !a.includes(x));
  let conf = base * m.entry.confidence;
  if (inherited) conf *= 0.9;
  if (!r.length) conf *= 0.9;
  return { match: m, rule, actors: a, recipients: r, predicate, inherited, agentless, framed, anaphor: false, confidence: Math.round(conf * 100) / 100 };
}

/** The agent of a noun: "attack by X", "offer from X" right after it. */
export function nounAgent(c: Ctx, m: Match): number[] {
  const s = sentenceOf(c, m.head);
  const i = m.last + 1;
  if (i >= s.last) return [];
  const w = c.toks[i].lower;
  if (w !== 'by' && w !== 'from') return [];
  const e = npEnd(c, i + 1, s.last);
  const out: number[] = [];
  for (let j = i + 1; j < e; j++) if (c.mentionAt[j] >= 0 && !out.includes(c.mentionAt[j])) out.push(c.mentionAt[j]);
  return out;
}

/** Mentions before the head inside its noun phrase: possessors and compounds ("Blinken's call",
 *  "the U.S.-Thailand Strategic Dialogue", "Shultz' Moscow talks"). With a possessive, the possessor
 *  is the mention right before it ("U.S. Special Envoy for Yemen Lenderking's Travel" is Lenderking's),
 *  plus any mentions between the possessive and the head. The head's own mention is excluded. */
export function preHead(c: Ctx, m: Match): { start: number; ms: readonly number[] } {
  // three rules ask for the same noun match in turn: computed once
  return (m.preHead ??= findPreHead(c, m));
}

function findPreHead(c: Ctx, m: Match): { start: number; ms: number[] } {
  const start = npStart(c, m.first);
  const own = mentionAt(c, m.head);
  const ms: number[] = [];
  const add = (x: number) => {
    if (x >= 0 && x !== own && !ms.includes(x)) ms.push(x);
  };
  let lastPoss = -1;
  for (let j = start; j < m.first; j++) if (POSSESSIVE.has(c.toks[j].lower) && mentionAt(c, j) < 0) lastPoss = j;
  if (lastPoss < 0) {
    for (let j = start; j < m.first; j++) add(c.mentionAt[j]);
    return { start, ms };
  }
  for (let j = start; j < lastPoss; j++) {
    // a possessor: a mention right before a possessive marker ("the United States' and Canada's")
    const x = c.mentionAt[j];
    if (x >= 0 && c.mentions[x].last < c.toks.length && POSSESSIVE.has(c.toks[c.mentions[x].last].lower)) add(x);
  }
  for (let j = lastPoss + 1; j < m.first; j++) add(c.mentionAt[j]);
  return { start, ms };
}

/** The verb governing an infinitive or gerund predicate ("agreed to [meet]", "accused X of
 *  [shelling]"), or -1. */
export function governorOf(c: Ctx, h: number): number {
  const s = sentenceOf(c, h);
  const v = vgStart(c, h);
  if (v - 1 > s.first && c.toks[v].lower.endsWith('ing') && PREPS.has(c.toks[v - 1].lower) && c.toks[v - 1].lower !== 'to') {
    // a noun governs its gerund complement: "the importance of concluding", "commitment to deepening"
    const n = c.toks[v - 2];
    if ((n.pos === 'NOUN' || n.pos === 'PROPN') && mentionAt(c, v - 2) < 0) return v - 2;
    for (let j = v - 2; j >= Math.max(s.first, v - 10); j--) {
      const t = c.toks[j];
      if (t.text === ',' || t.text === ';') return -1;
      if (isVerb(c, j)) return j;
    }
    return -1;
  }
  if (v - 1 < s.first || c.toks[v - 1].lower !== 'to') return -1;
  // a noun right before "to" governs it too ("refusal to recognise", "pledge to provide")
  if (v - 2 >= s.first && (c.toks[v - 2].pos === 'NOUN' || c.toks[v - 2].pos === 'PROPN') && mentionAt(c, v - 2) < 0) return v - 2;
  for (let j = v - 2; j >= Math.max(s.first, v - 8); j--) {
    const t = c.toks[j];
    if (t.text === ',' || t.text === ';') return -1;
    if (isVerb(c, j) || t.pos === 'ADJ' || isAux(c, j)) return j;
    if (PREPS.has(t.lower) && t.lower !== 'of') return -1;
  }
  return -1;
}

/** The speaker of the reported clause holding `h`: the subject of the nearest speech verb before it
 *  in the sentence ("They reiterated that escalation would be met with consequences"). */
export function speakerOf(c: Ctx, h: number): { ms: number[]; anaphor: boolean; verb: number } {
  const s = sentenceOf(c, h);
  for (let i = h - 1; i >= s.first; i--)
    if (isVerb(c, i) && lemmaIn(c, i, c.lex.modality.speech)) {
      const sub = subjectOf(c, vgStart(c, i));
      return { ms: sub.ms, anaphor: !sub.ms.length && !!sub.anaphor, verb: i };
    }
  return { ms: [], anaphor: false, verb: -1 };
}

/** Where a trigger's frame markers are searched from: after the head when the pattern has a gap that
 *  holds the arguments ("want * to", "importance of ** cooperation"), else after the whole pattern. */
export function frameFrom(m: Match): number {
  return m.entry.items.some((it) => it.gap) ? m.head + 1 : m.last + 1;
}
