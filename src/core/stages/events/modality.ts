/**
 * Modality of a predicate from its own clause: negation and modals in the verb group, the verb that
 * governs an infinitive ("plans to meet", "refused to meet", "is expected to present"), and a
 * conditional opener ("if", "unless"). Negation outranks hypothetical, which outranks future.
 * The scope is the predicate's clause only: "X, who did not comment, agreed" is asserted.
 */
import type { Modality } from '../../types.js';
import { lemmaIn, type Ctx } from './context.js';
import { finiteVerb, isAux, isVerb, sentenceOf, SUBORD, vgStart } from './syntax.js';

interface Cues {
  neg: boolean;
  hyp: boolean;
  fut: boolean;
  would: boolean;
}

const GOVERNOR_WINDOW = 6;

function scanGroup(c: Ctx, a: number, h: number, cues: Cues): void {
  const m = c.lex.modality;
  for (let i = a; i < h; i++) {
    const w = c.toks[i].lower;
    if (m.negation.has(w)) {
      // "not only", "no doubt" do not negate
      const n = c.toks[i + 1]?.lower;
      if (!(w === 'not' && n === 'only')) cues.neg = true;
    } else if (w === 'would' || w === "'d") cues.would = true;
    else if (m.hypothetical.has(w)) cues.hyp = true;
    else if (m.future.has(w)) cues.fut = true;
    else if (w === 'going' && c.toks[i + 1]?.lower === 'to') cues.fut = true;
  }
}

/** The modality of the predicate whose head token is `h`. */
export function modalityOf(c: Ctx, h: number, depth = 0): Modality {
  const m = c.lex.modality;
  const s = sentenceOf(c, h);
  const cues: Cues = { neg: false, hyp: false, fut: false, would: false };
  let v = vgStart(c, h);
  // a coordinated predicate with no auxiliary of its own shares the first one's ("will make a visit
  // and hold talks")
  const conj = c.toks[v - 1]?.lower;
  if (depth < 3 && v === h && v - 1 > s.first && (conj === 'and' || conj === 'or') && isVerb(c, h))
    for (let p = v - 2; p >= s.first; p--) {
      if (c.toks[p].text === ';' || SUBORD.has(c.toks[p].lower)) break;
      if (finiteVerb(c, p)) return modalityOf(c, p, depth + 1);
    }
  scanGroup(c, v, h, cues);
  // a "no" determiner or a planned/upcoming adjective before an event noun
  for (let i = h - 1; i >= Math.max(s.first, h - 4); i--) {
    const w = c.toks[i].lower;
    if (isVerb(c, i) || c.toks[i].text === ',') break;
    if (w === 'no') cues.neg = true;
    if (lemmaIn(c, i, m.futureAdjectives)) cues.fut = true;
  }
  // climb through infinitives: "will travel to X to meet", "refused to meet", "is due to meet"
  for (let depth = 0; depth < 3 && v - 1 >= s.first && c.toks[v - 1].lower === 'to'; depth++) {
    let g = -1;
    for (let j = v - 2; j >= Math.max(s.first, v - 2 - GOVERNOR_WINDOW); j--) {
      const t = c.toks[j];
      if (t.text === ',' || t.text === ';') break;
      if (isVerb(c, j) || t.pos === 'ADJ' || isAux(c, j) || lemmaIn(c, j, m.futureGovernors) || lemmaIn(c, j, m.hypotheticalGovernors)) {
        g = j;
        break;
      }
    }
    if (g < 0) {
      // a headline infinitive: "SOVIETS TO PRESENT TREATY"
      if (c.field === 'title') cues.fut = true;
      break;
    }
    if (lemmaIn(c, g, m.negativeGovernors)) cues.neg = true;
    else if (lemmaIn(c, g, m.hypotheticalGovernors)) cues.hyp = true;
    else if (lemmaIn(c, g, m.futureGovernors)) cues.fut = true;
    v = vgStart(c, g);
    scanGroup(c, v, g, cues);
  }
  // a conditional opener of this clause
  for (let i = v - 1; i >= s.first; i--) {
    const w = c.toks[i].lower;
    if (m.conditional.has(w)) {
      cues.hyp = true;
      break;
    }
    if (SUBORD.has(w) || w === ';') break;
  }
  // "stopped levying tariffs", "ceased firing": a gerund under a verb of stopping
  const g = v - 1;
  if (c.toks[h].lower.endsWith('ing') && g >= s.first && isVerb(c, g) && lemmaIn(c, g, m.negativeGovernors)) cues.neg = true;
  // "not afraid of fighting one", "capable of striking", "refrained from attacking": a gerund after
  // "of" or "from" under a governor is what the governor says of it
  if (c.toks[h].lower.endsWith('ing') && g - 1 >= s.first && (c.toks[g].lower === 'of' || c.toks[g].lower === 'from')) {
    if (lemmaIn(c, g - 1, m.negativeGovernors)) cues.neg = true;
    else if (lemmaIn(c, g - 1, m.hypotheticalGovernors)) cues.hyp = true;
  }
  if (cues.neg) return 'negated';
  // a question asks about the event, it does not assert it ("Will President Xi meet Pompeo?")
  if (c.toks[s.last - 1]?.text === '?') return 'hypothetical';
  if (cues.would) {
    // "said they would insist": future in reported speech; otherwise a conditional
    let speech = false;
    for (let i = s.first; i < v; i++) if (lemmaIn(c, i, m.speech)) speech = true;
    if (speech && !cues.hyp) return 'future';
    return 'hypothetical';
  }
  if (cues.hyp) return 'hypothetical';
  if (cues.fut) return 'future';
  return 'asserted';
}
