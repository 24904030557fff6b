/**
 * Mode modifiers from the lexicon: "on the sidelines of" makes a CONSULT in its sentence a meeting at a
 * third location (CAMEO 044), "by phone" or "virtually" a call (041).
 */
import type { Ctx } from '../context.js';
import { recode, type Draft, type DraftPass } from '../draft.js';
import { matchItems, wordOk } from '../match.js';
import { sentenceOf } from '../syntax.js';

export const modifiers: DraftPass = {
  name: 'modifiers',
  run(c: Ctx, drafts: Draft[]) {
    for (const mod of c.lex.modifiers)
      for (const d of drafts) {
        if (d.type !== mod.type) continue;
        const s = sentenceOf(c, d.predicate);
        const first = mod.pattern.items[0];
        for (let i = s.first; i < s.last; i++) {
          // a pattern starts with a word: only where that word stands may it match
          if (!wordOk(c, first, i) || !matchItems(c, mod.pattern.items, 0, i, s.last, [])) continue;
          d.mode = mod.mode;
          if (mod.cameo) recode(c, d, mod.cameo);
          break;
        }
      }
    return drafts;
  },
};
