/**
 * An asserted event told after a dated meeting, with no time of its own and a party of that meeting,
 * happened at the meeting ("met today ... The Secretary underscored ..."): it takes the meeting's date.
 */
import type { Ctx } from '../context.js';
import type { Draft, DraftPass } from '../draft.js';

export const occasionDate: DraftPass = {
  name: 'occasion-date',
  run(c: Ctx, drafts: Draft[]) {
    if (c.field !== 'text') return drafts;
    let occasion: Draft | null = null;
    for (const d of drafts) {
      if (d.type === 'CONSULT' && d.date && d.modality === 'asserted') occasion = d;
      else if (!d.date && occasion && d.modality === 'asserted' && d.codes.some((k) => occasion!.codes.includes(k))) {
        d.date = occasion.date;
        d.dateText = null;
      }
    }
    return drafts;
  },
};
