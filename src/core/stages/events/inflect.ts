/**
 * A small English inflector: the forms a lemma takes as a verb (-s, -ed, -ing) or a noun (plural).
 * The lexicon is compiled by generating the forms of its lemmas, so that at run time a token's lemma is
 * one hash look-up (form → lemma). Irregular forms ("met", "held", "sought") come from the lexicon data.
 * Over-generation ("visitted" beside "visited") is harmless: such strings do not occur in text.
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u']);
const isVowel = (c: string) => VOWELS.has(c);

/** Whether a final consonant may double before -ed/-ing ("plan" → "planned", "ban" → "banning"). */
function mayDouble(w: string): boolean {
  if (w.length < 3) return false;
  const [a, b, c] = w.slice(-3);
  return !isVowel(a) && isVowel(b) && !isVowel(c) && !'wxy'.includes(c);
}

/** Every form of a one-word lemma, the lemma included; `irregular` adds listed forms. */
export function inflections(lemma: string, irregular?: readonly string[]): string[] {
  const w = lemma;
  const out = new Set<string>([w]);
  if (irregular) for (const f of irregular) out.add(f);
  if (!/^[a-z]+$/.test(w) || w.length < 2) return [...out];
  const last = w[w.length - 1];
  const prev = w[w.length - 2];
  // -s / plural
  if (/(s|x|z|ch|sh)$/.test(w)) out.add(w + 'es');
  else if (last === 'y' && !isVowel(prev)) out.add(w.slice(0, -1) + 'ies');
  else out.add(w + 's');
  // -ed
  if (last === 'e') out.add(w + 'd');
  else if (last === 'y' && !isVowel(prev)) out.add(w.slice(0, -1) + 'ied');
  else {
    out.add(w + 'ed');
    if (mayDouble(w)) out.add(w + last + 'ed');
  }
  // -ing
  if (w.endsWith('ie')) out.add(w.slice(0, -2) + 'ying');
  else if (last === 'e' && !/(ee|ye|oe)$/.test(w)) out.add(w.slice(0, -1) + 'ing');
  else {
    out.add(w + 'ing');
    if (mayDouble(w)) out.add(w + last + 'ing');
  }
  return [...out];
}
