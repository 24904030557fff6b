/**
 * The view of a Doc the quote rules share: word tokens (whitespace tokens dropped) with their sentence,
 * paragraph and enclosing quoted passage, plus the quoted passages themselves.
 */
import { isBlank, type Doc, type Token } from '../../nlp.js';
import type { Span } from '../../types.js';
import { REPORTING_WORDS, type CueForm } from './lexicon.js';
import { findPassages, paragraphs, type Paragraph, type Passage } from './marks.js';

/**
 * A word token as the quote rules see it: the Doc token's fields, read through (not copied: one of
 * these is made per token of every text), and the quote stage's own.
 */
export class Tok {
  /** Index of the top-level quoted passage holding the token, or -1. Marks themselves are outside. */
  inQ = -1;
  /** Sentence-final punctuation ending its sentence (not the period of "(D-Mass.)" or "Mr."). */
  stop = false;

  constructor(
    private readonly token: Token,
    /** The sentence: numbered over word tokens, never across paragraphs, continuations merged. */
    public sent: number,
    public readonly para: number,
    /** The token is a quotation mark. */
    public readonly mark: boolean,
    /** The token opens an indirect quote's rules: a speech cue, "according", "expressed", "called" ... */
    public readonly reporting: boolean,
    /** The token's cue entry (particle not checked: see cueAt), or null. */
    public readonly cue: CueForm | null,
  ) {}

  get start(): number {
    return this.token.start;
  }
  get end(): number {
    return this.token.end;
  }
  get text(): string {
    return this.token.text;
  }
  get lower(): string {
    return this.token.lower;
  }
  get pos(): string {
    return this.token.pos;
  }
}

export interface Ctx {
  text: string;
  toks: Tok[];
  /** Per sentence: first token and one past the last (indices into toks). */
  sents: { first: number; last: number }[];
  paras: Paragraph[];
  passages: Passage[];
}

/** The quotation marks a token may be: one of these characters, or `` or '' (what /^(?:[“”„‟«»〝〞"＂‘’‹›‚‛']|``|'')$/ matches). */
const MARKS = new Set([...'“”„‟«»〝〞"＂‘’‹›‚‛\'', '``', "''"]);
/** A quotation mark token (every mark is one or two characters long and starts with ", ', ` or a non-ASCII
 *  character: a set look-up for those only, no regex per token). */
function isMark(text: string): boolean {
  if (text.length > 2) return false;
  const c = text.charCodeAt(0);
  return (c === 0x22 || c === 0x27 || c === 0x60 || c > 0x7f) && MARKS.has(text);
}

export function buildContext(doc: Doc): Ctx {
  const text = doc.text;
  const paras = paragraphs(text);
  const { toks, marks } = wordTokens(doc, paras);
  moveOpeningMarks(toks, marks);
  mergeContinuations(toks);
  // renumber densely; sentences are runs of tokens
  const sents: { first: number; last: number }[] = [];
  let last = -1;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.sent !== last) {
      last = t.sent;
      sents.push({ first: i, last: i + 1 });
    } else sents[sents.length - 1].last = i + 1;
    t.sent = sents.length - 1;
  }
  for (const s of sents) markStop(toks, s);
  const sentenceEnd = (pos: number): number => {
    const i = tokenAt(toks, pos);
    if (i < 0) return text.length;
    return toks[sents[toks[i].sent].last - 1].end;
  };
  const passages = findPassages(text, paras, sentenceEnd);
  let q = 0;
  for (const t of toks) {
    while (q < passages.length && passages[q].end <= t.start) q++;
    if (q < passages.length && t.start >= passages[q].start && t.end <= passages[q].end) t.inQ = q;
  }
  return { text, toks, sents, paras, passages };
}

/**
 * The Doc's word tokens (whitespace tokens dropped) with their paragraph and their sentence, numbered
 * over word tokens and never across paragraphs; and the indices of the quotation marks among them.
 */
function wordTokens(doc: Doc, paras: Paragraph[]): { toks: Tok[]; marks: number[] } {
  const toks: Tok[] = [];
  const marks: number[] = [];
  let para = 0;
  let sent = -1;
  let prevSent = -1;
  let prevPara = -1;
  for (const t of doc.tokens) {
    if (t.pos === 'SPACE' || isBlank(t.text)) continue;
    while (para < paras.length - 1 && t.start >= paras[para].end) para++;
    if (t.sentence !== prevSent || para !== prevPara) sent++;
    prevSent = t.sentence;
    prevPara = para;
    const mark = isMark(t.text);
    if (mark) marks.push(toks.length);
    const cue = REPORTING_WORDS.get(t.lower);
    toks.push(new Tok(t, sent, para, mark, cue !== undefined, cue ?? null));
  }
  return { toks, marks };
}

/** A quotation mark opening a sentence often lands at the end of the previous one: move it forward.
 *  `marks`: the indices of the mark tokens, in order. */
function moveOpeningMarks(toks: Tok[], marks: number[]): void {
  for (const i of marks) {
    if (i + 1 >= toks.length) break;
    const t = toks[i];
    const n = toks[i + 1];
    if (t.mark && n.sent === t.sent + 1 && n.para === t.para && n.start === t.end && /^[“"‘']$/.test(t.text)) {
      const prev = toks[i - 1];
      if (prev && prev.sent === t.sent && /^[.!?]$/.test(prev.text)) t.sent = n.sent;
    }
  }
}

/** A "sentence" opening with a lower-case word continues the previous one ("Rep. X (D-Mass.) said ..."). */
function mergeContinuations(toks: Tok[]): void {
  let merged = -1;
  let prevOrig = toks.length ? toks[0].sent : 0;
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i];
    const orig = t.sent;
    if (orig !== prevOrig) merged = continuesSentence(toks, i) ? toks[i - 1].sent : -1;
    prevOrig = orig;
    if (merged >= 0) t.sent = merged;
  }
}

/** Whether token i, which opens a sentence, continues the sentence of token i - 1 instead. */
function continuesSentence(toks: Tok[], i: number): boolean {
  const t = toks[i];
  const p = toks[i - 1];
  if (t.para !== p.para) return false;
  // a lower-case word after anything but a sentence end, or after an abbreviation's period ("Sen. X (D-Mass.) said")
  if (/^[a-z]/.test(t.text)) {
    if (!/^[.!?]$/.test(p.text)) return true;
    const abbrev = p.text === '.' && i >= 2 && /^[A-Z][a-z]{0,3}$/.test(toks[i - 2].text);
    if (abbrev) return true;
  }
  // "the U.S. Would be pleased": an abbreviation ending in a period, then a word that cannot start a sentence here
  const dotted = /^(?:[A-Za-z]\.){2,}$/.test(p.text) && (t.pos === 'AUX' || t.pos === 'VERB' || (t.pos === 'NOUN' && !/^[A-Z]{2,}$/.test(t.text)) || (toks[i + 1]?.text === '-' && toks[i + 1].start === t.end));
  if (dotted) return true;
  // a break inside parentheses ("(D-N.Y.)") is no sentence break
  for (let k = i - 1, depth = 0; k >= 0 && toks[k].sent === p.sent && i - k < 12; k--) {
    if (toks[k].text === ')') depth++;
    if (toks[k].text === '(') { if (depth === 0) return true; depth--; }
  }
  return false;
}

/** Marks the punctuation that ends sentence s (before any closing marks and brackets). */
function markStop(toks: Tok[], s: { first: number; last: number }): void {
  for (let k = s.last - 1; k >= s.first; k--) {
    const t = toks[k];
    if (/^[.!?…]+$/.test(t.text)) { t.stop = true; break; }
    if (!(t.mark || t.text === ')' || t.text === ']')) break;
  }
}

/** Index of the token containing or following char offset `pos` (binary search), -1 past the end. */
export function tokenAt(toks: { start: number; end: number }[], pos: number): number {
  let lo = 0;
  let hi = toks.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end > pos) {
      ans = mid;
      hi = mid - 1;
    } else lo = mid + 1;
  }
  return ans;
}

/** Index of the last token ending at or before `pos`, -1 if none. */
export function tokenBefore(toks: { start: number; end: number }[], pos: number): number {
  let lo = 0;
  let hi = toks.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (toks[mid].end <= pos) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

export const spanOf = (toks: Tok[], a: number, b: number): Span => ({ start: toks[a].start, end: toks[b].end });
