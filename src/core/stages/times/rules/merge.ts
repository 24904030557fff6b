/**
 * Merges a month (with or without a day) and the year that follows it when chrono-node read them apart:
 * "January nineteen ninety-seven", "June last year", "January this year", "Oct. 15 next year"; and a
 * date with the weekday that follows it ("April 8 (Monday)"), which then picks the year.
 */
import type { Candidate, TimeContext, TimeRefiner } from '../types.js';

const GAP = /^\s*,?\s*(?:of\s+)?$/;

export const monthYearMerge: TimeRefiner = {
  name: 'merge/month-year',
  role: 'refiner',
  refine(ctx: TimeContext, cands: Candidate[]): Candidate[] {
    const sorted = [...cands].sort((a, b) => a.start - b.start || b.end - a.end);
    const drop = new Set<Candidate>();
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i];
      const p = a.pending;
      if (!p || p.type !== 'month' || p.shift !== null || a.to) continue;
      const b = sorted.slice(i + 1).find((c) => c.start >= a.end);
      if (!b || !b.value || b.value.m !== undefined || b.to || b.endOfPeriod || !GAP.test(ctx.text.slice(a.end, b.start))) continue;
      // b names a year: absolute ("nineteen ninety-seven") or relative ("last year", "this year")
      a.value = { y: b.value.y, m: p.month, d: p.day };
      a.pending = undefined;
      a.end = b.end;
      a.rule = 'merge/month-year';
      drop.add(b);
    }
    // "April 8 (Monday)", "June 24th, Friday": the weekday confirms the date before it
    for (let i = 0; i + 1 < sorted.length; i++) {
      const a = sorted[i];
      const b = sorted[i + 1];
      if (drop.has(a) || drop.has(b) || a.to || a.pending?.type !== 'month' || a.pending.day === undefined || b.pending?.type !== 'weekday' || b.pending.shift !== null) continue;
      const gap = ctx.text.slice(a.end, b.start);
      if (!/^\s*(?:\(|,)\s*$/.test(gap)) continue;
      a.pending.weekday = b.pending.weekday;
      a.end = gap.includes('(') && ctx.text[b.end] === ')' ? b.end + 1 : b.end;
      a.rule = 'merge/date-weekday';
      drop.add(b);
    }
    return cands.filter((c) => !drop.has(c));
  },
};
