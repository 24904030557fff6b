/**
 * Keeps one candidate where several overlap: the longest span wins ("last April" over "April", "the end
 * of the month" over "end of the month"); on equal length, the one from the earlier rule in TIME_RULES.
 */
import type { Candidate, TimeContext, TimeRefiner } from '../types.js';

const extent = (c: Candidate) => ({ start: c.start, end: c.to ? Math.max(c.end, c.to.end) : c.end });

export const overlapRemoval: TimeRefiner = {
  name: 'overlap',
  role: 'refiner',
  refine(_ctx: TimeContext, cands: Candidate[]): Candidate[] {
    const order = new Map(cands.map((c, i) => [c, i]));
    const byPriority = [...cands].sort((a, b) => {
      const ea = extent(a);
      const eb = extent(b);
      return eb.end - eb.start - (ea.end - ea.start) || order.get(a)! - order.get(b)!;
    });
    const kept: Candidate[] = [];
    for (const c of byPriority) {
      const e = extent(c);
      if (kept.some((k) => {
        const f = extent(k);
        return f.start < e.end && e.start < f.end;
      })) continue;
      kept.push(c);
    }
    return kept.sort((a, b) => a.start - b.start);
  },
};
