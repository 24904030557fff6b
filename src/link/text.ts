/**
 * Text identity: the normalised form two copies of the same article share, and its hash. Pure.
 *
 * Normalisation: Unicode NFKC, lower case, every run of characters that are not letters or digits
 * becomes one space, trimmed. So "Talks  were held." and "talks were held" are the same text, while
 * any change of words is not (near-duplicates are the MinHash module's job). ASCII text (most news
 * wire copy) takes a fast path with the same result.
 */
import { createHash } from 'node:crypto';

const NON_ASCII = /[^\x00-\x7f]/;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** The words of the normalised text. */
export function words(text: string): string[] {
  const ascii = !NON_ASCII.test(text);
  const t = ascii ? text : text.normalize('NFKC');
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 32;
    let word: boolean;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
    else {
      // surrogate pairs: test the whole code point
      const cp = t.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      word = LETTER_OR_DIGIT.test(ch);
      if (cp > 0xffff && word) {
        if (start < 0) start = i;
        i++;
        continue;
      }
    }
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(t.slice(start, i).toLowerCase());
      start = -1;
    }
  }
  return out;
}

export function normaliseText(text: string): string {
  return words(text).join(' ');
}

/** sha1 of the normalised text, hex: the "same normalised text" key of the store. */
export function textHash(text: string): string {
  return createHash('sha1').update(normaliseText(text)).digest('hex');
}
