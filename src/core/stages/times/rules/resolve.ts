/**
 * The news rules that settle what chrono-node guesses: a bare weekday or a month without a year is read
 * in the direction of the sentence's tense.
 *
 * - A weekday that is the anchor's own weekday is the anchor day (AP style names today's weekday).
 * - Past tense (and no verb at all): the most recent one on or before the anchor ("said Monday" in a
 *   Friday article is four days back; chrono's "closest weekday" would say three days ahead).
 * - Future tense (will, shall, going to, is to, infinitives, modals): the next one on or after the anchor.
 * - Present tense: weekdays look forward ("meets Monday"), months take the nearest occurrence.
 * - "last"/"next" exclude the anchor itself; "this" follows the tense.
 * - A weekday given with a month and day ("Friday Oct. 13") picks the year in which they agree.
 * - The end of a range follows its start ("May 25 to June 4", "Sept. 14 to Thursday").
 */
import { type Ymd, addDays, compareYmd, daysInMonth, diffDays, isValidYmd, weekday, weekdayFrom } from '../calendar.js';
import type { Candidate, Shift, TimeContext, TimeRefiner } from '../types.js';
import type { Tense } from '../tense.js';

type Direction = -1 | 1 | 0; // 0: nearest

/** How far a year-less date may lie on the "wrong" side of the anchor and still be in the current year. */
const YEAR_WINDOW_DAYS = 30;

/** Words right before a date that fix its direction whatever the verb: "since Jan. 13", "payable Dec. 7". */
const PAST_CUE = /\b(?:since|as\s+of)\s+(?:on\s+)?$/i;
const FUTURE_CUE = /\b(?:payable|effective|expires?|expiring|due|scheduled\s+for|slated\s+for|set\s+for|record|deadline(?:\s+of)?|extended\s+(?:to|until|through)|(?:to|until|through)\s+at\s+least)\s+(?:on\s+)?$/i;

const WEAK_CUE = /\b(?:until|till|through|thru|by)\s+(?:on\s+)?$/i;

/** The sentence's tense, overridden by cue words and by a possessive weekday ("Friday's purchases" is past). */
function tenseFor(ctx: TimeContext, c: Candidate): Tense {
  const tense = ctx.tense(c);
  const before = ctx.text.slice(Math.max(0, c.start - 30), c.start);
  const own = ctx.text.slice(c.start, c.end);
  if (PAST_CUE.test(before) || /^(?:since|as\s+of)\b/i.test(own)) return tense === 'future' && !/since/i.test(before + own) ? 'future' : 'past';
  if (FUTURE_CUE.test(before)) return 'future';
  // "until January", "through January", "by Nov. 22": an end point, on either side of the anchor
  if (c.pending?.type === 'month' && WEAK_CUE.test(before) && tense !== 'future') return 'present';
  if (c.pending?.type === 'weekday' && /^['’]s\b/.test(ctx.text.slice(c.end, c.end + 3)) && tense !== 'future') return 'past';
  return tense;
}

function direction(tense: Tense, shift: Shift, unit: 'weekday' | 'month'): Direction {
  if (shift === 'last') return -1;
  if (shift === 'next') return 1;
  if (tense === 'future') return 1;
  if (tense === 'present') return unit === 'weekday' ? 1 : 0;
  return -1;
}

function resolveWeekday(ref: Ymd, wd: number, shift: Shift, tense: Tense): Ymd {
  if (shift === null && weekday(ref) === wd) return ref;
  const dir = direction(tense, shift, 'weekday');
  return weekdayFrom(ref, wd, dir === 0 ? -1 : dir, shift === 'last' || shift === 'next');
}

function resolveMonth(ref: Ymd, month: number, day: number | undefined, wd: number | undefined, shift: Shift, tense: Tense): Ymd | null {
  const years = [ref.y - 1, ref.y, ref.y + 1];
  if (day !== undefined && wd !== undefined) {
    const agree = years.filter((y) => isValidYmd(y, month, day) && weekday({ y, m: month, d: day }) === wd);
    if (agree.length === 1) return { y: agree[0], m: month, d: day };
  }
  if (shift === 'this') return { y: ref.y, m: month, d: day ?? 1 };
  // compare at the stated granularity: a month alone is "before" the anchor only if it is an earlier month
  const cmp = (y: number) => (day === undefined ? y * 12 + month - (ref.y * 12 + ref.m) : compareYmd({ y, m: month, d: day }, ref));
  const strict = shift !== null;
  let pastY = years.filter((y) => (strict ? cmp(y) < 0 : cmp(y) <= 0)).pop()!;
  let futureY = years.find((y) => (strict ? cmp(y) > 0 : cmp(y) >= 0))!;
  if (!strict) {
    // A date without a year is in the current calendar year (AP style gives the year otherwise), so a
    // past-tense date a few weeks ahead ("extended to Nov. 20", "payable Dec. 7") stays in this year, and
    // a future-tense one a few weeks back too; only beyond that window does the tense turn the year.
    const offset = diffDays(ref, { y: ref.y, m: month, d: day ?? (tense === 'future' ? daysInMonth(ref.y, month) : 1) });
    if (offset > 0 && offset <= YEAR_WINDOW_DAYS) pastY = ref.y;
    if (offset < 0 && offset >= -YEAR_WINDOW_DAYS) futureY = ref.y;
  }
  const dir = direction(tense, shift, 'month');
  let y: number;
  if (dir < 0) y = pastY;
  else if (dir > 0) y = futureY;
  else {
    const dist = (yy: number) => Math.abs(diffDays(ref, { y: yy, m: month, d: day ?? 15 }));
    y = dist(futureY) < dist(pastY) ? futureY : pastY;
  }
  if (day !== undefined && !isValidYmd(y, month, day)) return null;
  return { y, m: month, d: day ?? 1 };
}

function resolveWeekend(ref: Ymd, shift: Shift, tense: Tense): { from: Ymd; until: Ymd } {
  const wd = weekday(ref);
  let sat: Ymd;
  if (wd === 6 || wd === 0) sat = wd === 6 ? ref : addDays(ref, -1);
  else sat = weekdayFrom(ref, 6, direction(tense, shift, 'weekday') > 0 ? 1 : -1);
  if (shift === 'last' && (wd === 6 || wd === 0)) sat = addDays(sat, -7);
  if (shift === 'next' && (wd === 6 || wd === 0)) sat = addDays(sat, 7);
  return { from: sat, until: addDays(sat, 1) };
}

/** Resolves one candidate's pending part against `ref`; returns false when it cannot be resolved. */
function settle(ctx: TimeContext, c: Candidate, ref: Ymd, after?: Ymd): boolean {
  const p = c.pending;
  if (!p) return c.value !== null;
  const tense = tenseFor(ctx, c);
  if (p.type === 'weekday') {
    // a range's end weekday ("from Sept. 14 to Thursday") is read like any weekday, unless that falls before the start
    let d = resolveWeekday(ref, p.weekday, p.shift, tense);
    if (after && compareYmd(d, after) < 0) d = weekdayFrom(after, p.weekday, 1);
    c.value = d;
    c.rule = after ? 'resolve/range-end' : `resolve/weekday-${p.shift ?? tense}`;
  } else if (p.type === 'weekend') {
    const w = resolveWeekend(ref, p.shift, tense);
    c.value = w.from;
    c.from = w.from;
    c.until = w.until;
    c.kind = 'range';
    c.rule = 'resolve/weekend';
  } else if (p.type === 'month') {
    let d: Ymd | null;
    if (after) {
      d = { y: after.y, m: p.month, d: p.day ?? 1 };
      if (compareYmd(d, { ...after, d: p.day === undefined ? 1 : after.d }) < 0) d = { ...d, y: d.y + 1 };
      c.rule = 'resolve/range-end';
    } else {
      d = resolveMonth(ref, p.month, p.day, p.weekday, p.shift, tense);
      c.rule = `resolve/month-${p.shift ?? tense}`;
    }
    if (!d) return false;
    c.value = p.day === undefined ? { y: d.y, m: d.m } : d;
  } else {
    return false;
  }
  c.pending = undefined;
  return true;
}

export const tenseResolver: TimeRefiner = {
  name: 'resolve',
  role: 'refiner',
  refine(ctx: TimeContext, cands: Candidate[]): Candidate[] {
    const out: Candidate[] = [];
    for (const c of cands) {
      if (c.pending?.type === 'anaphor') {
        out.push(c); // settled by the anaphora resolver
        continue;
      }
      if (c.pending) {
        if (!ctx.ref) continue;
        // a pending start whose end states the year ("May 25 to June 4, 2022") takes that year
        const endYear = c.to?.value && c.pending.type === 'month' ? c.to.value.y : undefined;
        if (endYear !== undefined && c.pending.type === 'month') {
          const p = c.pending;
          c.value = p.day === undefined ? { y: endYear, m: p.month } : { y: endYear, m: p.month, d: p.day };
          if (c.to?.value && compareYmd({ y: endYear, m: p.month, d: p.day ?? 1 }, { y: c.to.value.y, m: c.to.value.m ?? 12, d: c.to.value.d ?? 31 }) > 0) c.value.y--;
          c.pending = undefined;
          c.rule = 'resolve/range-start';
        } else if (!settle(ctx, c, ctx.ref)) continue;
      }
      if (c.to && c.to.pending) {
        const v = c.value!;
        if (!ctx.ref || !settle(ctx, c.to, ctx.ref, { y: v.y, m: v.m ?? 1, d: v.d ?? 1 })) c.to = undefined;
      }
      if (!c.to && c.kind === 'range' && !c.from) c.kind = 'date';
      out.push(c);
    }
    return out;
  },
};
