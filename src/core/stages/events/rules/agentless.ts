/**
 * A passive with no "by" agent and no speaker takes the actor of the last event of its type: "The
 * United States is imposing sanctions on ... Triliance was designated pursuant to E.O. 13846".
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import type { Candidate, CandidatePass } from '../rule.js';

export const agentless: CandidatePass = {
  name: 'agentless',
  run(_c: Ctx, cands: Candidate[], _m: readonly Match[]) {
    cands.forEach((x, i) => {
      if (!x.agentless || x.actors.length) return;
      for (let j = i - 1; j >= 0; j--) {
        const y = cands[j];
        if (y.match.entry.type !== x.match.entry.type || !y.actors.length) continue;
        x.actors = y.actors.filter((a) => !x.recipients.includes(a));
        x.inherited = true;
        x.rule += `+${this.name}`;
        return;
      }
    });
    return cands;
  },
};
