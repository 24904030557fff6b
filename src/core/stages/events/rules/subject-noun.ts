/**
 * An event noun that is what its clause is about: the subject ("Talks between X and Y resumed",
 * "Shultz' Moscow talks with Shevardnadze may lead to a summit"), or the whole of a verbless line or
 * headline ("Secretary Blinken's Call with Tanzanian President Hassan"). Its possessor or compound
 * modifiers act ("the U.S.-Thailand Strategic Dialogue"); its frame gives the recipients.
 */
import { lemmaIn, type Ctx } from '../context.js';

const OCCASIONS = new Set(['CONSULT', 'AGREE', 'COOPERATE']);
import type { Match } from '../match.js';
import { candidate, frameFrom, idsOf, nounAgent, preHead, type Rule } from '../rule.js';
import { isAux, isVerb, mentionAt, npEnd, PREPS, recipientsAfter, sentenceOf, SUBORD } from '../syntax.js';

export const subjectNoun: Rule = {
  name: 'subject-noun',
  apply(c: Ctx, m: Match) {
    const e = m.entry;
    if (e.pos !== 'noun') return null;
    const s = sentenceOf(c, m.head);
    const pre = preHead(c, m);
    let verbless = true;
    for (let i = s.first; i < s.last && verbless; i++) if (isVerb(c, i) || (isAux(c, i) && c.toks[i].pos === 'AUX')) verbless = false;
    let pred = m.head;
    if (!verbless) {
      // a clause-initial noun phrase ...
      const b = pre.start - 1;
      const initial = b < s.first || c.toks[b].text === ',' || SUBORD.has(c.toks[b].lower) || c.toks[b].lower === 'and';
      if (!initial) return null;
      // ... followed, after its own complements, by its predicate
      let i = m.last + 1;
      for (let k = 0; k < 4 && i < s.last && PREPS.has(c.toks[i].lower) && mentionAt(c, i) < 0; k++) i = npEnd(c, i + 1, s.last);
      if (!(i < s.last && (isAux(c, i) || isVerb(c, i)))) return null;
      pred = i;
      // what the sentence is about: an occasion (talks, an agreement), or anything that happens
      // ("clashes erupted"); not a topic ("Russia's war against Ukraine was discussed")
      let v = i;
      while (v < s.last && (isAux(c, v) || c.toks[v].pos === 'ADV')) v++;
      if (!OCCASIONS.has(e.type ?? '') && !(v < s.last && lemmaIn(c, v, c.lex.occurrence))) return null;
    }
    const post = recipientsAfter(c, m.head, e.recipient, frameFrom(m), e.type !== 'CONSULT');
    const actors = idsOf(c, [...pre.ms, ...nounAgent(c, m)]);
    let recipients = idsOf(c, post.ms);
    if (post.joint && e.joint) [actors.push(...recipients), (recipients = [])];
    if (!actors.length && !recipients.length) return null;
    return candidate(m, this.name, actors, recipients, pred, false, c.field === 'title' ? 0.6 : 0.65, post.ms.length > 0);
  },
};
