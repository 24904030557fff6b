/**
 * Mode modifiers from the lexicon: "on the sidelines of" makes a CONSULT in its sentence a meeting at a
 * third location (CAMEO 044), "by phone" or "virtually" a call (041).
 */
import type { Ctx } from '../context.js';
import { recode, type Draft, type DraftPass } from '../draft.js';
import { matchItems } from '../match.js';
import { sentenceOf } from '../syntax.js';

export const modifiers: DraftPass = {
  name: 'modifiers',
  run(c: Ctx, drafts: Draft[]) {
    for (const mod of c.lex.modifiers)
      for (const d of drafts) {
        if (d.type !== mod.type) continue;
        const s = sentenceOf(c, d.predicate);
        for (let i = s.first; i < s.last; i++) {
          if (!matchItems(c, mod.pattern.items, 0, i, s.last, [])) continue;
          d.mode = mod.mode;
          if (mod.cameo) recode(c, d, mod.cameo);
          break;
        }
      }
    return drafts;
  },
};
