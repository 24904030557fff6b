/**
 * "During the talks, China thanked South Korea": a meeting noun with no parties of its own (an
 * adjunct or a subject) is the last meeting reported, when the parties it inherited took part in it.
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import type { Candidate, CandidatePass } from '../rule.js';

/** The last CONSULT before index i with two parties or more. */
export function lastMeeting(cands: readonly Candidate[], i: number): Candidate | null {
  for (let j = i - 1; j >= 0; j--) {
    const y = cands[j];
    if (y.match.entry.type === 'CONSULT' && y.actors.length + y.recipients.length >= 2) return y;
  }
  return null;
}

export const occasion: CandidatePass = {
  name: 'occasion',
  run(_c: Ctx, cands: Candidate[], _m: readonly Match[]) {
    cands.forEach((x, i) => {
      // only a noun whose parties are not its own ("during the talks", not "Mahathir's upcoming visit")
      if (x.match.entry.type !== 'CONSULT' || x.recipients.length || (x.actors.length && !x.inherited) || (x.rule !== 'adjunct-noun' && x.rule !== 'subject-noun')) return;
      const y = lastMeeting(cands, i);
      if (!y || !x.actors.every((a) => y.actors.includes(a) || y.recipients.includes(a))) return;
      [x.actors, x.recipients, x.inherited] = [[...y.actors], [...y.recipients], true];
      x.rule += `+${this.name}`;
    });
    return cands;
  },
};
