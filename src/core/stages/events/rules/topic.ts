/**
 * What a meeting discussed belongs to the meeting: an event that is the topic of a verb of discussing
 * is not an event of its own ("discussed efforts to urge Russia to de-escalate", "discussed how the
 * United States can support Tanzania"). The verbs are the lexicon's `topicVerbs`.
 */
import { lemmaIn, type Ctx } from '../context.js';
import type { Match } from '../match.js';
import { governorOf, type Candidate, type CandidatePass } from '../rule.js';
import { finiteVerb, isVerb, npStart, PREPS, sentenceOf, vgStart } from '../syntax.js';

const WH = new Set(['how', 'whether', 'what', 'why', 'ways', 'where']);

function topical(c: Ctx, pred: number): boolean {
  const topic = c.lex.topicVerbs;
  const s = sentenceOf(c, pred);
  // up the chain of governing infinitives, gerunds and their nouns ("discussed efforts to urge")
  let g = governorOf(c, pred);
  for (let k = 0; k < 4 && g >= 0; k++) {
    if (isVerb(c, g) && lemmaIn(c, g, topic)) return true;
    if (c.toks[g].pos === 'NOUN' || c.toks[g].pos === 'PROPN') {
      let v = npStart(c, g) - 1;
      while (v >= s.first && PREPS.has(c.toks[v].lower) && c.toks[v].lower !== 'to') v--;
      if (v < s.first || !isVerb(c, v)) return false;
      if (lemmaIn(c, v, topic)) return true;
      g = governorOf(c, v);
    } else g = governorOf(c, g);
  }
  // a wh-clause right after the verb of discussing (or "about", "on")
  for (let i = vgStart(c, pred) - 1; i > s.first && i > pred - 12; i--) {
    const w = c.toks[i].lower;
    if (WH.has(w)) {
      const p = c.toks[i - 1].lower;
      if (p === 'about' || p === 'on') return true;
      if (isVerb(c, i - 1)) return lemmaIn(c, i - 1, topic);
      // "discussed the importance of X and how Y": the verb of the first object
      if (p === 'and' || p === 'or' || p === ',')
        for (let j = i - 2; j >= s.first; j--) if (finiteVerb(c, j)) return lemmaIn(c, j, topic);
      return false;
    }
    if (isVerb(c, i) || c.toks[i].text === ',' || c.toks[i].text === ';') return false;
  }
  return false;
}

export const topic: CandidatePass = {
  name: 'topic',
  run: (c: Ctx, cands: Candidate[], _m: readonly Match[]) => cands.filter((x) => !topical(c, x.predicate)),
};
