/**
 * Passive voice: "sanctions were imposed on X by Y", "Triliance was designated", "X has been indicted
 * by Y". The "by" phrase is the actor; the subject is the recipient when the frame takes a direct
 * object; prepositional recipients are read after the participle. With no "by" phrase the speaker of a
 * reported clause acts ("They reiterated that escalation would be met with consequences"); else the
 * event is agentless and inherits its actor from an earlier event of the same type (see index.ts).
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import { candidate, idsOf, speakerOf, type Rule } from '../rule.js';
import { isPassive, recipientsAfter, subjectOf, vgStart } from '../syntax.js';

export const passiveVerb: Rule = {
  name: 'passive-verb',
  apply(c: Ctx, m: Match) {
    const e = m.entry;
    if (e.pos === 'noun' || !isPassive(c, m.head)) return null;
    let agent = recipientsAfter(c, m.head, ['by'], m.last + 1).ms;
    const patient = e.recipient.includes('dobj') || e.recipient.includes('that') ? subjectOf(c, vgStart(c, m.head)).ms : [];
    const preps = recipientsAfter(c, m.head, e.recipient.filter((r) => r !== 'dobj' && r !== 'by'), m.last + 1).ms;
    let inherited = false;
    let anaphor = false;
    // the speaker's act: its clause carries the modality ("They reiterated that X would be met with")
    let predicate = m.head;
    if (!agent.length) {
      const sp = speakerOf(c, m.head);
      [agent, anaphor] = [sp.ms, sp.anaphor];
      inherited = agent.length > 0;
      if (inherited || anaphor) predicate = sp.verb;
    }
    const actors = idsOf(c, agent);
    const recipients = idsOf(c, [...patient, ...preps]);
    if (!recipients.length && !actors.length) return null;
    const cand = candidate(m, this.name, actors, recipients, predicate, inherited, 0.75, recipients.length > 0, actors.length === 0 && !anaphor);
    cand.anaphor = anaphor;
    return cand;
  },
};
