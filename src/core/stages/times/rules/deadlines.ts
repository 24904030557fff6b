/**
 * Deadlines: "by 2030", "within this year", "by the end of the month", "no later than March", "before the
 * end of the year". The value becomes the last day of the stated period (the annotation guide's `due`),
 * the span takes in the preposition, and the kind is 'deadline'.
 */
import { lastDayOf } from '../calendar.js';
import type { Candidate, TimeContext, TimeRefiner } from '../types.js';

// the preposition may stand before an article the expression leaves out ("before the | end of February")
const ALWAYS = /\b(by|within|no\s+later\s+than|not\s+later\s+than)\s+(?:the\s+)?$/i;
const BEFORE_END = /\b(before|prior\s+to|until|till)\s+(?:the\s+)?$/i;

export const deadlineRefiner: TimeRefiner = {
  name: 'deadline',
  role: 'refiner',
  refine(ctx: TimeContext, cands: Candidate[]): Candidate[] {
    for (const c of cands) {
      if (!c.value || c.to || c.kind === 'deadline') continue;
      const before = ctx.text.slice(Math.max(0, c.start - 24), c.start);
      const own = /^within\b/i.test(ctx.text.slice(c.start, c.end));
      // the end of a period: marked by the modifier rule, or inside the expression itself ("end of February")
      const endOf = c.endOfPeriod || /^(?:the\s+)?(?:end|close)\s+of\b/i.test(ctx.text.slice(c.start, c.end));
      const m = ALWAYS.exec(before) ?? (endOf ? BEFORE_END.exec(before) : null);
      if (!m && !own) continue;
      if (/^['’]s\b/.test(ctx.text.slice(c.end, c.end + 3))) continue; // "proposed by last week's meeting": an agent
      if (m) c.start -= m[0].length;
      const last = lastDayOf(c.until ?? c.value);
      c.value = { ...last };
      c.from = undefined;
      c.until = undefined;
      c.kind = 'deadline';
      c.due = last;
      c.rule = `deadline/${c.rule}`;
    }
    return cands;
  },
};
