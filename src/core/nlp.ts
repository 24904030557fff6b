/**
 * The NLP layer: the only module that imports the tokenizer/tagger (wink-nlp with its English model).
 * It turns text into a Doc: tokens with character offsets into the original text, POS tags and
 * sentences. Everything downstream reads the Doc through these named fields, never wink-nlp itself.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  /** Character offsets into the text: text.slice(start, end) === this.text. */
  start: number;
  end: number;
  text: string;
  /** Lower-cased form, for lexicon look-ups. */
  lower: string;
  /** Universal POS tag (NOUN, PROPN, VERB, AUX, PRON, ADP, PUNCT, ...). */
  pos: string;
  /** Index of the sentence that holds the token. */
  sentence: number;
  /** True when a line break separates this token from the previous one. */
  lineStart: boolean;
}

/**
 * Makes a Token. Every token (the Doc's, and the token views stages build over other strings, such as a
 * title) is made here, so all share one object shape and the code that reads tokens stays monomorphic.
 */
export function makeToken(start: number, end: number, text: string, lower: string, pos: string, sentence: number, lineStart: boolean): Token {
  return { start, end, text, lower, pos, sentence, lineStart };
}

/**
 * Whether a token's text is whitespace only (a paragraph break, a blank line): what `!text.trim()`
 * says, but a text starting with a printable ASCII character (most tokens) is settled by one char code.
 */
export function isBlank(text: string): boolean {
  const c = text.charCodeAt(0);
  return !(c > 0x20 && c < 0x7f) && !text.trim();
}

export interface Sentence {
  start: number;
  end: number;
  /** Token indices: first and one past the last. */
  first: number;
  last: number;
}

export interface Doc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

export type Analyzer = (text: string) => Doc;

/**
 * wink-nlp's tokenizer takes time quadratic in the length of a run of characters with none of its
 * separators in it (100 kB of "-" or "aaaa" takes a minute). No word is that long: the text wink-nlp
 * reads has a space inserted every MAX_RUN characters of such a run. Tokens are still located in the
 * original text (below), so offsets are unchanged; a run of garbage becomes several tokens.
 */
const MAX_RUN = 256;
const LONG_RUN = new RegExp(`[^ \\u00a0\\u2002-\\u2005\\u2009\\u200a\\u202f\\u205f\\n\\r\\t]{${MAX_RUN + 1},}`, 'g');

/** The characters LONG_RUN treats as separators (UTF-16 code units, like the regex without the u flag). */
function isRunSeparator(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xa0 || (c >= 0x2002 && c <= 0x2005) || c === 0x2009 || c === 0x200a || c === 0x202f || c === 0x205f;
}

/** Whether LONG_RUN matches in text[from, to): one linear pass over the char codes. */
function hasLongRunIn(text: string, from: number, to: number): boolean {
  let run = 0;
  for (let i = from; i < to; i++) {
    if (isRunSeparator(text.charCodeAt(i))) run = 0;
    else if (++run > MAX_RUN) return true;
  }
  return false;
}

/**
 * Whether LONG_RUN matches anywhere, much cheaper than running the regex on every text. A space ends
 * every run, so only the stretches between spaces (found by indexOf, a native scan) longer than
 * MAX_RUN are read character by character; in prose there are none.
 */
function hasLongRun(text: string): boolean {
  const n = text.length;
  for (let from = 0; n - from > MAX_RUN; ) {
    let space = text.indexOf(' ', from);
    if (space < 0) space = n;
    if (space - from > MAX_RUN && hasLongRunIn(text, from, space)) return true;
    from = space + 1;
  }
  return false;
}

function breakLongRuns(text: string): string {
  if (text.length <= MAX_RUN || !hasLongRun(text)) return text;
  return text.replace(LONG_RUN, (run) => {
    let out = '';
    let i = 0;
    while (run.length - i > MAX_RUN) {
      let k = i + MAX_RUN;
      const c = run.charCodeAt(k);
      if (c >= 0xdc00 && c <= 0xdfff) k--; // not between the halves of a surrogate pair
      out += run.slice(i, k) + ' ';
      i = k;
    }
    return out + run.slice(i);
  });
}

/** The longest sentence kept whole, in tokens. Of 61,664 sentences of the benchmark corpus the longest
 *  has 301 tokens (99.99% have at most 135). */
const MAX_SENTENCE_TOKENS = 400;

/** Space, tab, line feed, carriage return, no-break space: the gaps between most tokens. */
const isGapChar = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d || c === 0xa0;

/**
 * The first offset at or after `from` where `value` occurs in the text, or -1. Most tokens follow a gap
 * of spaces: when the value does not itself start with a gap character it cannot start inside the gap,
 * so the gap is skipped and the value checked right after it before searching further.
 */
function findValue(text: string, value: string, from: number): number {
  let at = from;
  if (!isGapChar(value.charCodeAt(0))) while (at < text.length && isGapChar(text.charCodeAt(at))) at++;
  return text.startsWith(value, at) ? at : text.indexOf(value, from);
}

/**
 * wink-nlp's tokenizer keeps a word it has met before whole and splits an unseen one, and its cache
 * grows with every text it reads: "Poor's" is "Poor" + "'s" the first time and "Poor's" after that.
 * To keep the analysis of an article independent of the articles read before it, the text wink-nlp
 * reads has possessive clitics already split off (tokens are located in the original text, so offsets
 * are unchanged).
 */
const POSSESSIVE = /(\p{L})(['’]s)(?=[^\p{L}\p{N}]|$)/gu;
function splitClitics(text: string): string {
  return text.includes("'") || text.includes('’') ? text.replace(POSSESSIVE, '$1 $2') : text;
}

/** Whether toLowerCase could change the string: an ASCII capital, or any character beyond ASCII. */
function hasUpper(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return true;
  }
  return false;
}

/** Loads the model once (about 80 ms) and returns a pure text → Doc function. */
export function createAnalyzer(): Analyzer {
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  // each distinct token value's lower-case form, made once: the same string object for every token
  // of that word, so the stages' Map and Set look-ups by `lower` hash it only once. A value with no
  // capital is its own lower-case form and stays out of the memo, which then holds capitalised words only
  const lowerOf = new Map<string, string>();
  const lower = (v: string) => {
    if (!hasUpper(v)) return v; // most tokens: the value itself (wink-nlp hands out one string per word)
    let l = lowerOf.get(v);
    if (l === undefined) lowerOf.set(v, (l = v.toLowerCase()));
    return l;
  };
  return (text: string): Doc => {
    const wd = nlp.readDoc(breakLongRuns(splitClitics(text)));
    const values = wd.tokens().out(its.value) as string[];
    const pos = wd.tokens().out(its.pos) as string[];
    const sentSpans = wd.sentences().out(its.span) as unknown as number[][];
    const tokens: Token[] = [];
    const tokenIndex: number[] = new Array(values.length);
    let cursor = 0;
    // the first line break at or after the cursor (-1: none left), to set lineStart without slicing
    let nextBreak = text.indexOf('\n');
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!v) continue;
      // wink-nlp keeps token values verbatim and in order, so each is found at or after the cursor
      let at = findValue(text, v, cursor);
      if (at < 0 || at - cursor > 64) {
        if (!/^\s*$/.test(text.slice(cursor, Math.min(text.length, cursor + 64)))) continue; // a normalised value: skip it
        at = cursor;
      }
      const end = Math.min(at + v.length, text.length);
      if (end <= at) continue;
      tokenIndex[i] = tokens.length;
      if (nextBreak >= 0 && nextBreak < cursor) nextBreak = text.indexOf('\n', cursor);
      const lineStart = tokens.length === 0 || (nextBreak >= 0 && nextBreak < at);
      tokens.push(makeToken(at, end, v, lower(v), pos[i], 0, lineStart));
      cursor = end;
    }
    // sentences from wink-nlp, split again at line breaks (headlines, datelines and bylines carry no period)
    const sentences: Sentence[] = [];
    const pushSentence = (first: number, last: number) => {
      // a run-on "sentence" (no full stop in a table dump or in garbage) is cut, at a punctuation mark when
      // one is near: the stages scan whole sentences per candidate, so their time grows with its square
      while (last - first > MAX_SENTENCE_TOKENS) {
        let cut = first + MAX_SENTENCE_TOKENS;
        for (let k = cut; k > first + MAX_SENTENCE_TOKENS / 2; k--)
          if (tokens[k - 1].pos === 'PUNCT') {
            cut = k;
            break;
          }
        sentences.push({ start: tokens[first].start, end: tokens[cut - 1].end, first, last: cut });
        first = cut;
      }
      if (last <= first) return;
      sentences.push({ start: tokens[first].start, end: tokens[last - 1].end, first, last });
    };
    for (const span of sentSpans) {
      const a = span[0];
      const b = span[1];
      let first = -1;
      let last = -1;
      for (let i = a; i <= b; i++) {
        const t = tokenIndex[i];
        if (t === undefined) continue;
        if (first < 0) first = t;
        last = t + 1;
      }
      if (first < 0) continue;
      let s = first;
      for (let t = first + 1; t < last; t++) {
        if (tokens[t].lineStart) {
          pushSentence(s, t);
          s = t;
        }
      }
      pushSentence(s, last);
    }
    sentences.forEach((s, i) => {
      for (let t = s.first; t < s.last; t++) tokens[t].sentence = i;
    });
    return { text, tokens, sentences };
  };
}

/** The tokenizer/tagger pass alone, for the throughput baseline in benchmarks. */
export function createBaselineTagger(): (text: string) => number {
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  return (text: string) => (nlp.readDoc(text).tokens().out(its.pos) as string[]).length;
}
