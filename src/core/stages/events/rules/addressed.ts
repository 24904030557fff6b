/**
 * A readout's statements are addressed to the other side of the meeting it reports: after "Blinken
 * spoke with President Castillo", "The Secretary expressed a desire for further collaboration" or
 * "urged de-escalation" (one side, no recipient) is directed at Peru. Only for the verbal types the
 * lexicon lists in `addressed`, only after a bilateral meeting that took place, and only for a speaker
 * who was the meeting's acting side.
 */
import type { Ctx } from '../context.js';
import { codeOf } from '../draft.js';
import type { Match } from '../match.js';
import { modalityOf } from '../modality.js';
import type { Candidate, CandidatePass } from '../rule.js';

export const addressed: CandidatePass = {
  name: 'addressed',
  run(c: Ctx, cands: Candidate[], _m: readonly Match[]) {
    const code = (id: string) => codeOf(c.actors.get(id));
    cands.forEach((x, i) => {
      if (x.recipients.length || !x.actors.length || !c.lex.addressed.has(x.match.entry.type ?? '')) return;
      const side = new Set(x.actors.map(code));
      if (side.size !== 1) return;
      for (let j = i - 1; j >= 0; j--) {
        const y = cands[j];
        if (y.match.entry.type !== 'CONSULT' || !y.recipients.length) continue;
        const ya = new Set(y.actors.map(code));
        const yr = new Set(y.recipients.map(code));
        // a reported bilateral meeting (not a planned trip to several parties)
        if (ya.size === 1 && yr.size === 1 && side.has([...ya][0]) && modalityOf(c, y.predicate) === 'asserted') {
          x.recipients = y.recipients.filter((id) => !side.has(code(id)));
          x.framed = x.recipients.length > 0;
          x.rule += `+${this.name}`;
        }
        return;
      }
    });
    return cands;
  },
};
