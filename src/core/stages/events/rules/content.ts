/**
 * The content of an offer, a demand, a refusal, a threat, an accusation or a statement of support is
 * not an event of its own: "agreed to provide aid" is one AGREE, "urged Russia to withdraw" one
 * REQUEST, "refused to meet" one REJECT, "accused Ukraine of shelling the city" one ACCUSE. An
 * infinitive or gerund under a trigger of these types is dropped.
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import { governorOf, type Candidate, type CandidatePass } from '../rule.js';

const GOVERNING = new Set<string>(['AGREE', 'REQUEST', 'REJECT', 'THREATEN', 'ACCUSE', 'SUPPORT']);

export const content: CandidatePass = {
  name: 'content',
  run(c: Ctx, cands: Candidate[], matches: readonly Match[]) {
    // token → type of the match covering it, built when a candidate first has a governor
    let heads: Map<number, string | null> | null = null;
    return cands.filter((x) => {
      const g = governorOf(c, x.predicate);
      if (g < 0) return true;
      if (!heads) {
        heads = new Map();
        for (const m of matches) for (const j of m.at) heads.set(j, m.entry.type);
      }
      const t = heads.get(g);
      return !(t != null && GOVERNING.has(t));
    });
  },
};
