/**
 * A support verb that is itself a trigger yields to the event noun it licenses: "offered
 * congratulations to Peru" is SUPPORT, not also an AGREE for "offered".
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import type { Candidate, CandidatePass } from '../rule.js';

export const supportVerb: CandidatePass = {
  name: 'support-verb',
  run(_c: Ctx, cands: Candidate[], _m: readonly Match[]) {
    const verbs = new Set(cands.filter((x) => x.rule === 'licensed-noun').map((x) => x.predicate));
    return cands.filter((x) => x.rule === 'licensed-noun' || !verbs.has(x.match.head));
  },
};
