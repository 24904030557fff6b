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
    const heads = new Map<number, string | null>();
    for (const m of matches) for (const j of m.at) heads.set(j, m.entry.type);
    return cands.filter((x) => {
      const g = governorOf(c, x.predicate);
      const t = g >= 0 ? heads.get(g) : undefined;
      return !(t != null && GOVERNING.has(t));
    });
  },
};
