/**
 * A trip or a round of meetings by one side with several others is one CONSULT per party visited
 * ("will travel to India and Nepal", "will meet with officials from Yemen and Saudi Arabia as well as
 * the UN envoy"); a meeting of several sides together stays one multilateral CONSULT.
 */
import type { Ctx } from '../context.js';
import { codeOf, type Draft, type DraftPass } from '../draft.js';

export const tripStops: DraftPass = {
  name: 'trip-stops',
  run(c: Ctx, drafts: Draft[]) {
    const out: Draft[] = [];
    for (const d of drafts) {
      const actorCodes = new Set(d.actors.map((id) => codeOf(c.actors.get(id))));
      const byCode = new Map<string, string[]>();
      for (const id of d.recipients) {
        const k = codeOf(c.actors.get(id));
        if (!actorCodes.has(k)) byCode.set(k, [...(byCode.get(k) ?? []), id]);
      }
      if (d.type !== 'CONSULT' || actorCodes.size !== 1 || byCode.size < 2) {
        out.push(d);
        continue;
      }
      for (const [k, ids] of byCode) out.push({ ...d, recipients: ids, codes: [...new Set([...actorCodes, k])].sort(), evidence: [...d.evidence] });
    }
    return out;
  },
};
