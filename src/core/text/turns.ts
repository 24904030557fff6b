/**
 * The turns of a transcript (a press briefing, an interview): each starts at a speaker label, of up to
 * four capitalised words opening a paragraph ("Q:", "MR PRICE:", "Zhao Lijian:", "Phoenix TV:"), or in
 * capitals opening a sentence ("... as I said. QUESTION: And on Iran?"). An article that is not a
 * transcript has none.
 */
import type { Doc } from '../nlp.js';

const TURN = /(?:^|\n)[ \t]*(?:[A-Z][\p{L}.'’-]*(?: [A-Z][\p{L}.'’-]*){0,3}):\s|[.?!]\s+(?:Q|A|[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s/gu;

/** Where each turn starts (the label's first letter), in text order. */
function turnStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(TURN)) out.push(m.index! + m[0].search(/[A-Z]/));
  return out;
}

/** turnStarts of a Doc's text, found once per Doc (the quote and event-place stages both ask). */
const byDoc = new WeakMap<Doc, number[]>();
export function turnsOf(doc: Doc): number[] {
  let starts = byDoc.get(doc);
  if (!starts) byDoc.set(doc, (starts = turnStarts(doc.text)));
  return starts;
}

/** The index of the turn that holds offset `at` in `starts` (from turnsOf), or -1 before the first. */
export function turnAt(starts: readonly number[], at: number): number {
  let k = -1;
  while (k + 1 < starts.length && starts[k + 1] <= at) k++;
  return k;
}
