/**
 * An unresolved plural subject ("They reiterated ...", "Both sides agreed ...") stands for the parties
 * of the last meeting reported before it. The actor stage resolves most such phrases to a group; this
 * catches the ones it leaves.
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import type { Candidate, CandidatePass } from '../rule.js';
import { lastMeeting } from './occasion.js';

export const anaphor: CandidatePass = {
  name: 'anaphor',
  run(_c: Ctx, cands: Candidate[], _m: readonly Match[]) {
    cands.forEach((x, i) => {
      if (!x.anaphor || x.actors.length) return;
      const y = lastMeeting(cands, i);
      if (!y) return;
      x.actors = [...y.actors, ...y.recipients].filter((a) => !x.recipients.includes(a));
      x.inherited = true;
      x.rule += `+${this.name}`;
    });
    return cands;
  },
};
