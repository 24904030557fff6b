/**
 * A verb trigger in the active voice: the subject of its clause acts (found through coordination,
 * infinitives and sentence-initial adjuncts: "When meeting with Park, Wang said" is Wang meeting Park);
 * the frame's markers after the verb give the recipients ("met with X", "urged X to", "called on X").
 * Joint verbs ("X and Y agreed", "talks between X and Y") make every party an actor.
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import { candidate, frameFrom, idsOf, type Rule } from '../rule.js';
import { recipientsAfter, subjectOf, vgStart } from '../syntax.js';

export const activeVerb: Rule = {
  name: 'active-verb',
  apply(c: Ctx, m: Match) {
    const e = m.entry;
    if (e.pos === 'noun') return null;
    const subj = subjectOf(c, vgStart(c, m.head));
    const rec = recipientsAfter(c, m.head, e.recipient, frameFrom(m), e.type !== 'CONSULT');
    const actors = idsOf(c, subj.ms);
    let recipients = idsOf(c, rec.ms);
    if (rec.joint && e.joint) [actors.push(...recipients), (recipients = [])];
    const anaphor = !subj.ms.length && !!subj.anaphor;
    if (!actors.length && !recipients.length && !anaphor) return null;
    const cand = candidate(m, this.name, actors, recipients, m.head, subj.inherited, 0.8, rec.ms.length > 0);
    cand.anaphor = anaphor;
    return cand;
  },
};
