/**
 * An event noun as the occasion of its sentence: "During the meeting, the two sides agreed", "made the
 * remark in talks with Saito", "on the sidelines of the summit". The noun's own possessor/agent acts,
 * else the subject of the clause the phrase modifies.
 */
import type { Ctx } from '../context.js';
import type { Match } from '../match.js';
import { matchItems, wordOk } from '../match.js';
import { candidate, frameFrom, idsOf, nounAgent, preHead, type Rule } from '../rule.js';
import { isTimeNoun, isVerb, mainSubjectAfter, mentionAt, recipientsAfter, sentenceOf, subjectOf, vgStart } from '../syntax.js';

/** Whether an adjunct pattern ends right before token `a`. */
function adjunctBefore(c: Ctx, a: number): boolean {
  const s = sentenceOf(c, a);
  for (const p of c.lex.adjuncts) {
    const n = p.items.length;
    const from = a - n;
    if (from < s.first) continue;
    // a pattern ending in a required word ends right before `a` only if token a - 1 is that word
    const end = p.items[n - 1];
    if (!end.gap && !end.optional && !wordOk(c, end, a - 1)) continue;
    const at = matchItems(c, p.items, 0, from, a, []);
    if (at && at[at.length - 1] === a - 1) return true;
  }
  return false;
}

export const adjunctNoun: Rule = {
  name: 'adjunct-noun',
  apply(c: Ctx, m: Match) {
    const e = m.entry;
    if (e.pos !== 'noun') return null;
    const pre = preHead(c, m);
    if (!adjunctBefore(c, pre.start)) return null;
    // "role in the bombing": a phrase right after a noun complements that noun, not the clause
    const p = c.toks[pre.start - 2];
    if (p && c.sentOf[pre.start - 2] === c.sentOf[m.head] && (p.pos === 'NOUN' || p.pos === 'PROPN') && mentionAt(c, pre.start - 2) < 0 && !isTimeNoun(p.lower)) return null;
    const s = sentenceOf(c, m.head);
    const post = recipientsAfter(c, m.head, e.recipient, frameFrom(m), e.type !== 'CONSULT');
    let actors = idsOf(c, [...pre.ms, ...nounAgent(c, m)]);
    let inherited = false;
    // the predicate the phrase modifies: the nearest verb before it, else the main clause after it
    let pred = -1;
    for (let i = pre.start - 1; i >= s.first && pred < 0; i--) if (isVerb(c, i)) pred = i;
    if (pred < 0) for (let i = m.last + 1; i < s.last && pred < 0; i++) if (isVerb(c, i)) pred = i;
    if (!actors.length) {
      // only an occasion (a meeting, a visit) lends the clause's subject to the noun
      if (e.type !== 'CONSULT') return null;
      const ms = pred >= 0 && pred < pre.start ? subjectOf(c, vgStart(c, pred)).ms : mainSubjectAfter(c, m.last);
      actors = idsOf(c, ms);
      inherited = true;
    }
    let recipients = idsOf(c, post.ms);
    if (post.joint && e.joint) [actors.push(...recipients), (recipients = [])];
    if (!actors.length && !recipients.length) return null;
    return candidate(m, this.name, actors, recipients, pred >= 0 ? pred : m.head, inherited, 0.7, post.ms.length > 0);
  },
};
