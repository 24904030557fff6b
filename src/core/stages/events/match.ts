/**
 * Finds the lexicon's triggers in a token view: the tokens whose form starts an entry (`Ctx.starts`,
 * one hash look-up per token when the view is built), where the few entries starting with that form's
 * lemmas are tried longest first. A token covered by a match starts no other.
 */
import { lemmaIn, type Ctx } from './context.js';
import type { CompiledEntry, CompiledPattern, Item } from './lexicon.js';
import { isAux, isVerb, nominalised, POSS_PRON, POSSESSIVE } from './syntax.js';

export interface Match {
  entry: CompiledEntry;
  /** Every entry with exactly this reading of the words, `entry` first ("partnership" SUPPORT when
   *  reaffirmed, COOPERATE when launched): a rule may pick another. */
  alts: CompiledEntry[];
  /** Token index of each word item (gaps excluded), in pattern order. */
  at: number[];
  head: number;
  first: number;
  /** Last matched token, inclusive. */
  last: number;
  /** The mentions before the head in its noun phrase, once a rule has asked (see preHead in rule.ts). */
  preHead?: { start: number; ms: readonly number[] };
}

/** The token indices of a match being tried (copied when it succeeds): no array per attempt. Empty
 *  between attempts; emptied by popping, which keeps its storage (setting length 0 frees it). */
const scratch: number[] = [];

function clearScratch(): void {
  while (scratch.length > 0) scratch.pop();
}

const STOP_IN_GAP = new Set(['.', ';', ':', '(', ')', '?', '!', '"', '“', '”', '—']);

export function wordOk(c: Ctx, it: Item, i: number): boolean {
  return !it.gap && lemmaIn(c, i, it.lemmas);
}

/** Matches `items` from token `i` (within [lo, hi)); returns the token of each word item or null. */
export function matchItems(c: Ctx, items: readonly Item[], k: number, i: number, hi: number, out: number[], hole = -1, holeAt = -1): number[] | null {
  if (k === items.length) return out;
  const it = items[k];
  if (it.gap) {
    for (let g = 0; g <= it.max; g++) {
      const j = i + g;
      if (g > 0 && (j - 1 >= hi || STOP_IN_GAP.has(c.toks[j - 1].text))) break;
      const r = matchItems(c, items, k + 1, j, hi, out, hole, holeAt);
      if (r) return r;
    }
    return null;
  }
  if (k === hole) {
    if (i !== holeAt) return null;
    out.push(i);
    const r = matchItems(c, items, k + 1, i + 1, hi, out, hole, holeAt);
    if (!r) out.pop();
    return r;
  }
  if (i < hi && wordOk(c, it, i)) {
    out.push(i);
    const r = matchItems(c, items, k + 1, i + 1, hi, out, hole, holeAt);
    if (r) return r;
    out.pop();
  }
  if (it.optional) return matchItems(c, items, k + 1, i, hi, out, hole, holeAt);
  return null;
}

/** Whether a negative context matches around the trigger head `h`. */
function negativeAt(c: Ctx, p: CompiledPattern, h: number, lo: number, hi: number): boolean {
  let before = 0;
  for (let k = 0; k < p.hole; k++) {
    const it = p.items[k];
    before += it.gap ? it.max : 1;
  }
  for (let s = Math.max(lo, h - before); s <= h; s++) {
    // a failed attempt leaves the scratch as it found it (empty)
    if (matchItems(c, p.items, 0, s, hi, scratch, p.hole, h)) {
      clearScratch();
      return true;
    }
  }
  return false;
}

function posOk(c: Ctx, e: CompiledEntry, h: number): boolean {
  const t = c.toks[h];
  if (e.pos === 'any' || t.pos === 'X') return true;
  if (e.pos === 'noun') return t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'VERB' && nominalised(c, h));
  // verb: tagged VERB, or mis-tagged after an auxiliary, "to" or a pronoun subject
  if (isVerb(c, h)) return true;
  if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ') {
    const p = h - 1 >= 0 && c.sentOf[h - 1] === c.sentOf[h] ? h - 1 : -1;
    return p >= 0 && (isAux(c, p) || c.toks[p].lower === 'to' || (c.toks[p].pos === 'PRON' && !POSS_PRON.has(c.toks[p].lower))) && !POSSESSIVE.has(c.toks[p].lower);
  }
  return false;
}

export function findMatches(c: Ctx): Match[] {
  const out: Match[] = [];
  const taken = new Uint8Array(c.toks.length);
  for (const i of c.starts) if (!taken[i]) matchFrom(c, c.sentences[c.sentOf[i]], i, c.forms[i].entries, taken, out);
  return out;
}

/**
 * Tries the entries starting with token i's lemma, longest first: the first that matches takes its
 * tokens (and is kept unless it is a stop pattern). Apart from findMatches: few tokens start one.
 */
function matchFrom(c: Ctx, s: Ctx['sentences'][number], i: number, list: readonly CompiledEntry[], taken: Uint8Array, out: Match[]): void {
  for (const e of list) {
    // the first word is token i (the entry is listed under one of its lemmas): match the rest
    scratch.push(i);
    if (!matchItems(c, e.items, 1, i + 1, s.last, scratch)) {
      scratch.pop();
      continue;
    }
    const at = scratch.slice();
    clearScratch();
    const h = headToken(c, e, at);
    if (!posOk(c, e, h)) continue;
    if (e.not.length && negated(c, e, h, s)) continue;
    for (const j of at) taken[j] = 1;
    if (e.type !== null) out.push(matchOf(c, e, list, at, h));
    return;
  }
}

/** The token of entry e's head word in a match (`at`: the token of each word item matched). */
function headToken(c: Ctx, e: CompiledEntry, at: number[]): number {
  // the head is the word item at index e.head among items; map to the matched token
  let headWord = 0;
  for (let k = 0; k < e.head; k++) if (!e.items[k].gap) headWord++;
  if (at.length === e.words) return at[Math.min(headWord, at.length - 1)];
  // optional words that were skipped shift positions: resolve by lemma
  const want = e.items[e.head];
  return at.find((j) => wordOk(c, want, j)) ?? at[0];
}

/** Whether one of entry e's negative contexts matches around its head `h`. */
function negated(c: Ctx, e: CompiledEntry, h: number, s: Ctx['sentences'][number]): boolean {
  for (const p of e.not) if (negativeAt(c, p, h, s.first, s.last)) return true;
  return false;
}

function matchOf(c: Ctx, e: CompiledEntry, list: readonly CompiledEntry[], at: number[], h: number): Match {
  // most forms start one entry: then it is the only reading
  const alts = list.length === 1 ? [e] : list.filter((x) => x === e || (x.pattern === e.pattern && x.type !== null && posOk(c, x, h)));
  return { entry: e, alts, head: h, at, first: at[0], last: at[at.length - 1], preHead: undefined };
}
