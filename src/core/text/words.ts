/**
 * A word scanner for name matching. wink-nlp's tokens split "Geoană" and "ASEAN-U.S." in ways that
 * do not suit dictionary look-ups, so names are matched over these words instead; the KB's own name
 * forms go through the same scanner, so text and dictionary always agree on where words start and end.
 * Hyphens separate words; a possessive "'s" becomes a word of its own.
 */

export interface Word {
  start: number;
  end: number;
  text: string;
  /** Folded form: lower case, accents removed, ’ as '. */
  norm: string;
  /** First letter upper-case. */
  cap: boolean;
  /** Two or more letters, all upper-case ("UN", "U.S."). */
  upper: boolean;
  /** The characters between the previous word and this one (", ", " ", "-", ...). */
  gap: string;
}

const ABBREVIATIONS = new Set(
  'mr mrs ms dr jr sr st gen lt col maj capt sgt adm rep reps sen gov pres amb co corp inc ltd no brig prof rev messrs mt ft vs dept univ'.split(' '),
);
/*
 * A word is what the pattern /[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]|['’.](?=[\p{L}\p{N}]))*(\.)?/u matches:
 * a letter or digit, then letters, marks and digits, with ' ’ . allowed inside when a letter or digit
 * follows, and an optional final period. scanWords reads it with char codes (ASCII is by far the common
 * case) and asks the Unicode property classes only about non-ASCII code points.
 */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/uy;
const WORD_CHAR = /[\p{L}\p{M}\p{N}]/uy;

const isAsciiLetterOrDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

/** Code units taken by the code point at i: 2 for a surrogate pair, else 1. */
function codePointLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0xd800 || c > 0xdbff || i + 1 >= text.length) return 1;
  const d = text.charCodeAt(i + 1);
  return d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
}

/** Whether the code point at i (i < text.length) is in `re` (a sticky, unicode character class). */
function classAt(re: RegExp, text: string, i: number): boolean {
  re.lastIndex = i;
  return re.test(text);
}

const letterOrDigitAt = (text: string, i: number) => {
  const c = text.charCodeAt(i);
  return c < 0x80 ? isAsciiLetterOrDigit(c) : classAt(LETTER_OR_DIGIT, text, i);
};

/** Whether every code unit is ASCII (what /^[\x00-\x7f]*$/ tests). */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function fold(s: string): string {
  if (isAscii(s)) return s.toLowerCase().replace(/`/g, "'");
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/** End (exclusive) of the word starting with the letter or digit at i, before any final period. */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let j = i + codePointLength(text, i);
  while (j < n) {
    const c = text.charCodeAt(j);
    if (c < 0x80 ? isAsciiLetterOrDigit(c) : classAt(WORD_CHAR, text, j)) {
      j += c < 0x80 ? 1 : codePointLength(text, j);
      continue;
    }
    // ' ’ . inside a word: "don't", "Clinton’s", "U.S"
    if ((c === 0x27 || c === 0x2019 || c === 0x2e) && j + 1 < n && letterOrDigitAt(text, j + 1)) {
      j++;
      continue;
    }
    break;
  }
  return j;
}

/** "’s" / "'s" closing a word (case-insensitive), as /['’]s$/i tests. */
function endsWithPossessive(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const s = text.charCodeAt(end - 1);
  const q = text.charCodeAt(end - 2);
  return (s === 0x73 || s === 0x53) && (q === 0x27 || q === 0x2019);
}

export function scanWords(text: string): Word[] {
  const words: Word[] = [];
  let prevEnd = 0;
  const push = (s: number, e: number) => {
    const t = text.slice(s, e);
    // one pass over the char codes: ASCII or not, and how many small and capital ASCII letters
    let ascii = true;
    let lowers = 0;
    let uppers = 0;
    for (let k = s; k < e; k++) {
      const c = text.charCodeAt(k);
      if (c > 0x7f) {
        ascii = false;
        break;
      }
      if (c >= 0x61 && c <= 0x7a) lowers++;
      else if (c >= 0x41 && c <= 0x5a) uppers++;
    }
    let norm: string;
    let cap: boolean;
    let upper: boolean;
    if (ascii) {
      // the common case, answered from the counts (the same values as the general case below): a news
      // text with one curly quote is a two-byte string, and case-converting its slices is slow, so a
      // word without capitals is its own folded form, and only a capitalised one is lower-cased
      const c0 = text.charCodeAt(s);
      cap = c0 >= 0x41 && c0 <= 0x5a;
      norm = uppers ? t.toLowerCase() : t;
      upper = cap && e - s >= 2 && lowers === 0 && uppers >= 2;
    } else {
      const lower = t.toLowerCase();
      cap = t[0] !== lower[0];
      norm = fold(t);
      // two or more letters, all upper-case ("UN", "U.S."): cheap checks before the exact one
      upper = cap && e - s >= 2 && t === t.toUpperCase() && /\p{L}.*\p{L}/u.test(t);
    }
    words.push({ start: s, end: e, text: t, norm, cap, upper, gap: text.slice(prevEnd, s) });
    prevEnd = e;
  };
  const n = text.length;
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i);
    if (c < 0x80 ? !isAsciiLetterOrDigit(c) : !classAt(LETTER_OR_DIGIT, text, i)) {
      i += c < 0x80 ? 1 : codePointLength(text, i);
      continue;
    }
    const start = i;
    let end = wordEnd(text, i);
    if (end < n && text.charCodeAt(end) === 0x2e && keepsPeriod(text, start, end)) end++;
    if (endsWithPossessive(text, start, end) && end - start > 3) {
      push(start, end - 2);
      push(end - 2, end);
    } else push(start, end);
    i = end;
  }
  return words;
}

const LONGEST_ABBREVIATION = Math.max(...[...ABBREVIATIONS].map((a) => a.length));

/** Whether the word text[start, end), followed by a period, keeps it: "U.S.", "J.", "Mr." (abbreviations). */
function keepsPeriod(text: string, start: number, end: number): boolean {
  if (end - start === 1) return true;
  let ascii = true;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2e) return true;
    if (c > 0x7f) ascii = false;
  }
  // an ASCII word folds to as many letters: one longer than every abbreviation is none
  if (ascii && end - start > LONGEST_ABBREVIATION) return false;
  return ABBREVIATIONS.has(fold(text.slice(start, end)));
}

/** The folded word sequence of a dictionary form, as the scanner would see it in text. */
export function formWords(form: string): Word[] {
  return scanWords(form);
}

export const POSSESSIVE = "'s";

/** Whether a gap holds only spaces, tabs and hyphens, or nothing (/^[ \t-]*$/): words written together. */
export function isTightGap(gap: string): boolean {
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x2d) return false;
  }
  return true;
}

/** Whether a gap may sit inside a name (/^[ \t,-]*$/): a tight gap or commas. */
export function isNameGap(gap: string): boolean {
  for (let i = 0; i < gap.length; i++) {
    const c = gap.charCodeAt(i);
    if (c !== 0x20 && c !== 0x09 && c !== 0x2d && c !== 0x2c) return false;
  }
  return true;
}

/*
 * Look-ups of words in small closed-class lists. A Map look-up by a string V8 has not hashed yet hashes
 * it first; scanned words are new strings, and most are in none of the lists a stage asks about. A bit
 * per class of words (by length, first two and last letters) rules most of them out without hashing.
 */
const WORD_CLASSES = 1 << 13;

/** The class of a word (of any length: the letters a short word lacks count as 0). */
function wordClass(w: string): number {
  const n = w.length;
  return (((n * 31 + w.charCodeAt(0)) * 31 + (w.charCodeAt(1) | 0)) * 31 + w.charCodeAt(n - 1)) & (WORD_CLASSES - 1);
}

/** A Map keyed by folded words, with a cheap test that rules out most words not in it. */
export class WordMap<V> {
  private readonly map: Map<string, V>;
  private readonly classes = new Uint8Array(WORD_CLASSES);

  constructor(entries: Iterable<readonly [string, V]>) {
    this.map = new Map(entries);
    for (const w of this.map.keys()) this.classes[wordClass(w)] = 1;
  }

  get(w: string): V | undefined {
    return this.classes[wordClass(w)] === 1 ? this.map.get(w) : undefined;
  }

  has(w: string): boolean {
    return this.classes[wordClass(w)] === 1 && this.map.has(w);
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  get size(): number {
    return this.map.size;
  }
}

/** A Set of folded words with the same cheap test as WordMap. */
export class WordSet {
  private readonly map: WordMap<true>;

  constructor(words: Iterable<string>) {
    this.map = new WordMap([...words].map((w) => [w, true] as const));
  }

  has(w: string): boolean {
    return this.map.has(w);
  }
}
