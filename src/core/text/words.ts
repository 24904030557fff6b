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
const WORD = /[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}]|['’.](?=[\p{L}\p{N}]))*(\.)?/gu;

const ASCII = /^[\x00-\x7f]*$/;

export function fold(s: string): string {
  if (ASCII.test(s)) return s.toLowerCase().replace(/`/g, "'");
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}


export function scanWords(text: string): Word[] {
  const words: Word[] = [];
  let prevEnd = 0;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text))) {
    let start = m.index;
    let end = start + m[0].length;
    let body = m[0];
    if (m[1]) {
      // keep a final period only on abbreviations: "U.S.", "J.", "Mr."
      const bare = body.slice(0, -1);
      const keep = bare.includes('.') || bare.length === 1 || ABBREVIATIONS.has(fold(bare));
      if (!keep) {
        body = bare;
        end -= 1;
      }
    }
    const push = (s: number, e: number) => {
      const t = text.slice(s, e);
      const lower = t.toLowerCase();
      const cap = t[0] !== lower[0];
      words.push({
        start: s,
        end: e,
        text: t,
        norm: ASCII.test(t) ? lower : fold(t),
        cap,
        // two or more letters, all upper-case ("UN", "U.S."): cheap checks before the exact one
        upper: cap && e - s >= 2 && t === t.toUpperCase() && /\p{L}.*\p{L}/u.test(t),
        gap: text.slice(prevEnd, s),
      });
      prevEnd = e;
    };
    const poss = /['’]s$/i.exec(body);
    if (poss && body.length > 3) {
      push(start, end - 2);
      push(end - 2, end);
    } else push(start, end);
    WORD.lastIndex = end;
  }
  return words;
}

/** The folded word sequence of a dictionary form, as the scanner would see it in text. */
export function formWords(form: string): Word[] {
  return scanWords(form);
}

export const POSSESSIVE = "'s";
