/**
 * "the resolution condemning X", "a network supporting Y": a participle right after a noun describes
 * that noun; it is background, not an event of the sentence.
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import type { Candidate, CandidatePass } from '../rule.js';

function modifiesNoun(c: Ctx, x: Candidate): boolean {
  const h = x.match.head;
  if (x.rule !== 'active-verb' || !c.toks[h].lower.endsWith('ing')) return false;
  const p = h - 1;
  return p >= 0 && c.sentOf[p] === c.sentOf[h] && (c.toks[p].pos === 'NOUN' || c.toks[p].pos === 'PROPN') && c.mentionAt[p] < 0;
}

export const nounModifier: CandidatePass = {
  name: 'noun-modifier',
  run: (c: Ctx, cands: Candidate[], _m: readonly Match[]) => cands.filter((x) => !modifiesNoun(c, x)),
};
