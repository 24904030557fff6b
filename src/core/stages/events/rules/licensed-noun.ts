/**
 * An event noun in the object of a support verb that the lexicon licenses for its type: "held talks
 * with X", "expressed concern over X", "imposed sanctions on X", "reiterated its support for X",
 * "granted Argentina a loan"; or the passive "talks were held", "sanctions were imposed on X by Y".
 * The support verb's subject (or "by" agent) acts, together with a possessor inside the noun phrase;
 * the noun's frame gives the recipients. A noun read several ways takes the reading the verb licenses
 * ("launched a partnership" COOPERATE, "reaffirmed the partnership" SUPPORT). Event nouns under other
 * verbs ("discussed Russia's build-up") are background: no event.
 */
import { lemmaOf, type Ctx } from '../context.js';
import type { CompiledEntry } from '../lexicon.js';
import type { Match } from '../match.js';
import { candidate, frameFrom, idsOf, nounAgent, preHead, type Rule } from '../rule.js';
import { isAux, isPassive, isVerb, mentionAt, mentionsIn, npEnd, npStart, PREPS, recipientsAfter, sentenceOf, subjectOf, SUBORD, vgStart } from '../syntax.js';

const MEASURES = new Set(['tons', 'tonnes', 'dollars', 'million', 'billion', 'worth', 'package', 'shipment', 'batch', 'round', 'days', 'weeks', 'kg', 'amount', 'series', 'number', 'lot', 'set']);

/** Whether token i is a support verb for `type` ("had a call": "have" tagged AUX is a main verb when
 *  its object follows). */
function licenses(c: Ctx, i: number, type: string | null): boolean {
  return type !== null && (isVerb(c, i) || isAux(c, i) || c.toks[i].pos === 'X') && (lemmaOf(c, i, c.lex.licensors)?.has(type) ?? false);
}

/** The support verb before the noun phrase starting at `a` (adverbs and particles skipped; one
 *  indirect object allowed: "granted Argentina a loan"). Returns [verb, indirect object start]. */
function activeLicensor(c: Ctx, a0: number, type: string | null): [number, number] {
  let a = a0;
  const s = sentenceOf(c, a);
  // a measure before the noun belongs to its phrase: "provided 25,000 tons of food aid", "gave X
  // 5.1 million dollars of aid", "launched 10 days of war games"
  if (a - 2 >= s.first && c.toks[a - 1].lower === 'of') {
    const q = npStart(c, a - 2);
    let measure = false;
    for (let k = q; k < a - 1; k++) if (c.toks[k].pos === 'NUM' || MEASURES.has(c.toks[k].lower)) measure = true;
    if (measure) a = q;
  }
  let i = a - 1;
  let io = -1;
  const skip = () => {
    while (i >= s.first && (c.toks[i].pos === 'ADV' || ['up', 'out', 'off'].includes(c.toks[i].lower))) i--;
  };
  skip();
  if (i >= s.first && mentionAt(c, i) >= 0) {
    io = npStart(c, i);
    i = io - 1;
    skip();
  }
  if (i >= s.first && licenses(c, i, type)) return [i, io];
  if (io >= 0) return [-1, -1];
  // a second object ("reiterated their commitment to X and support for Y"): back through the first
  // object, its complements and the conjunction, to the verb
  if (a - 1 > s.first && (c.toks[a - 1].lower === 'and' || c.toks[a - 1].text === ',')) {
    for (let j = a - 2; j >= s.first && j >= a - 14; j--) {
      const t = c.toks[j];
      if (licenses(c, j, type)) return [j, -1];
      if (isVerb(c, j) || isAux(c, j) || t.text === ';' || t.text === ':' || SUBORD.has(t.lower)) break;
    }
    return [-1, -1];
  }
  // one adverbial phrase between the verb and its object ("reiterated in the strongest terms their
  // commitment")
  for (let j = a - 2; j >= s.first && j >= a - 7; j--) {
    if (PREPS.has(c.toks[j].lower) && mentionAt(c, j) < 0) {
      if (j - 1 >= s.first && licenses(c, j - 1, type) && npEnd(c, j + 1, s.last) === a) return [j - 1, -1];
      break;
    }
  }
  return [-1, -1];
}

/** "talks were held", "sanctions were imposed on X": the noun phrase, then be + licensing participle. */
function passiveLicensor(c: Ctx, m: Match, type: string | null): number {
  const s = sentenceOf(c, m.head);
  let i = m.last + 1;
  // skip the noun's own complements ("talks between X and Y were held")
  for (let k = 0; k < 3 && i < s.last && PREPS.has(c.toks[i].lower) && mentionAt(c, i) < 0; k++) i = npEnd(c, i + 1, s.last);
  if (i >= s.last) return -1;
  // a reduced relative: "an agreement reached between Nigeria and the Paris Club"
  if (!isAux(c, i)) return /(ed|en|wn)$/.test(c.toks[i].lower) && licenses(c, i, type) ? i : -1;
  while (i < s.last && (isAux(c, i) || c.toks[i].pos === 'ADV')) i++;
  return i < s.last && licenses(c, i, type) && isPassive(c, i) ? i : -1;
}

/** Whether a token of the sentence holding `h` is a support verb licensing `type` (by its form alone). */
function licensorIn(c: Ctx, h: number, type: string | null): boolean {
  if (type === null) return false;
  const s = sentenceOf(c, h);
  for (let i = s.first; i < s.last; i++) if (c.forms[i].licenses?.has(type)) return true;
  return false;
}

export const licensedNoun: Rule = {
  name: 'licensed-noun',
  apply(c: Ctx, m: Match) {
    if (m.entry.pos !== 'noun') return null;
    const pre = preHead(c, m);
    for (const e of m.alts) {
      // both licensors are verbs of the noun's sentence: without one for this type, none is found
      if (!licensorIn(c, m.head, e.type)) continue;
      const x: Match = e === m.entry ? m : { ...m, entry: e };
      const [active, io] = activeLicensor(c, pre.start, e.type);
      if (active >= 0) return fromActive(c, x, e, pre.ms, active, io >= 0 ? mentionsIn(c, io, pre.start) : [], this.name);
      const passive = passiveLicensor(c, x, e.type);
      if (passive >= 0) return fromPassive(c, x, e, pre.ms, passive, this.name);
    }
    return null;
  },
};

function fromActive(c: Ctx, m: Match, e: CompiledEntry, pre: readonly number[], verb: number, io: number[], name: string) {
  const subj = subjectOf(c, vgStart(c, verb));
  const post = recipientsAfter(c, m.head, e.recipient, frameFrom(m), e.type !== 'CONSULT');
  // a possessor or compound naming another party than the subject is the other side
  // ("enhancing the U.S.-Pakistan relationship" by the United States: Pakistan is the recipient)
  const subjCodes = new Set(idsOf(c, subj.ms).map((id) => c.actors.get(id)?.code ?? id));
  const other = subj.ms.length ? pre.filter((x) => !c.mentions[x].ids.some((id) => subjCodes.has(c.actors.get(id)?.code ?? id))) : [];
  const actors = idsOf(c, [...subj.ms, ...pre.filter((x) => !other.includes(x)), ...nounAgent(c, m)]);
  let recipients = idsOf(c, [...io, ...other, ...post.ms]);
  if (post.joint && e.joint) [actors.push(...recipients), (recipients = [])];
  const anaphor = !subj.ms.length && !!subj.anaphor;
  if (!actors.length && !recipients.length && !anaphor) return null;
  const cand = candidate(m, name, actors, recipients, verb, subj.inherited, 0.8, post.ms.length + io.length > 0);
  cand.anaphor = anaphor;
  return cand;
}

function fromPassive(c: Ctx, m: Match, e: CompiledEntry, pre: readonly number[], verb: number, name: string) {
  const post = recipientsAfter(c, m.head, e.recipient, frameFrom(m), e.type !== 'CONSULT');
  const agent = recipientsAfter(c, verb, ['by'], verb + 1).ms;
  const after = recipientsAfter(c, verb, e.recipient.filter((r) => r !== 'dobj'), verb + 1);
  const actors = idsOf(c, [...agent, ...pre]);
  let recipients = idsOf(c, [...post.ms, ...after.ms]);
  if ((post.joint || after.joint) && e.joint) [actors.push(...recipients), (recipients = [])];
  if (!actors.length && !recipients.length) return null;
  return candidate(m, name, actors, recipients, verb, false, 0.75, post.ms.length + after.ms.length > 0, actors.length === 0);
}
