/**
 * A hostile action announced under a condition is a threat: "will withdraw its force from Chad unless
 * Oueddei arranges a ceasefire", "would impose sanctions if the talks fail". The lexicon's
 * `conditionalThreats` maps the action's type to the CAMEO code of the threat (SANCTION → 1312
 * "threaten to boycott, embargo, or sanction", ASSAULT → 138 "threaten with military force", ...).
 * The threat itself is made, so it is asserted.
 */
import type { Ctx } from '../context.js';
import { recode, type Draft, type DraftPass } from '../draft.js';
import { sentenceOf } from '../syntax.js';

export const conditionalThreat: DraftPass = {
  name: 'conditional-threat',
  run(c: Ctx, drafts: Draft[]) {
    for (const d of drafts) {
      const code = c.lex.conditionalThreats.get(d.type);
      if (code === undefined || (d.modality !== 'future' && d.modality !== 'hypothetical')) continue;
      const s = sentenceOf(c, d.predicate);
      let conditional = false;
      for (let i = d.predicate + 1; i < s.last && !conditional; i++) if (c.lex.modality.conditional.has(c.toks[i].lower) && c.toks[i].lower !== 'whether') conditional = true;
      if (!conditional) continue;
      Object.assign(d, { type: 'THREATEN', mode: null, modality: 'asserted', rule: `${d.rule}+${this.name}` });
      recode(c, d, code);
    }
    return drafts;
  },
};
