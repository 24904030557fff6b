/**
 * News phrases that name the anchor's year or month without a number, which chrono-node does not read:
 * "the current year", "the full year", "the fiscal year" (the anchor's year, as TimeBank codes them),
 * "year-end", "the end of the year", "month-end", "the end of the month" (the period, flagged as its end),
 * "year-earlier", "year-ago" (the year before), and "last April", "this September", "next May" (a month
 * whose year the shift decides).
 */
import type { Ymd } from '../calendar.js';
import { MONTH_PATTERN, monthOf } from '../lexicon.js';
import type { Candidate, SentenceView, Shift, TimeContext, TimeParser } from '../types.js';

const THE_YEAR = /\b(?:the|this)\s+(?:(?:current|full|present|calendar|whole|entire)\s+)?(?:fiscal\s+)?year\b(?!\s*(?:before|after|earlier|later|ago|prior|since|ahead|-long|long|old|\d)|-)/gi;
const YEAR_END = /\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:fiscal\s+|calendar\s+)?(year|month)|(year|month)[-\s]end(?!ed)|(year|month)'s\s+end)\b(?:,?\s+((?:19|20)\d\d)\b)?/gi;
const YEAR_EARLIER = /\byear-(?:earlier|ago)\b/gi;
const SHIFTED_MONTH = new RegExp(String.raw`\b(last|this|next|this\s+past|this\s+coming|past|coming)\s+(${MONTH_PATTERN})(?![\w])(?!\s+\d)`, 'gi');

function shiftOf(word: string): Shift {
  const w = word.toLowerCase();
  if (w.includes('last') || w.includes('past')) return 'last';
  if (w.includes('next') || w.includes('coming')) return 'next';
  return 'this';
}

/** The year whose end is meant: told in the past tense ("had $5 million at year-end", "since year-end"), the last one to have ended. */
function endYear(ctx: TimeContext, c: Pick<Candidate, 'start' | 'end' | 'sentence'>, ref: Ymd): number {
  if (ref.m === 12 && ref.d === 31) return ref.y;
  const before = ctx.text.slice(Math.max(0, c.start - 12), c.start);
  if (/\bsince\s+(?:the\s+)?$/i.test(before)) return ref.y - 1;
  // "by year-end" is a target, ahead unless the year has barely begun
  if (/\bby\s+(?:the\s+)?$/i.test(before)) return ref.m <= 2 && ctx.tense(c) === 'past' ? ref.y - 1 : ref.y;
  return ctx.tense(c) === 'past' ? ref.y - 1 : ref.y;
}

export const periodParser: TimeParser = {
  name: 'period',
  role: 'parser',
  trigger: /\b(?:year|month|last|this|next|past|coming)\b/i,
  extract(ctx: TimeContext, s: SentenceView): Candidate[] {
    const ref = ctx.ref;
    if (!ref) return [];
    const out: Candidate[] = [];
    const at = (m: RegExpExecArray) => ({ start: s.start + m.index, end: s.start + m.index + m[0].length, sentence: s.index });
    for (const m of s.text.matchAll(THE_YEAR)) {
      const span = at(m as RegExpExecArray);
      // "of the Year" in a title is a name, not a date
      if (/Year/.test(m[0]) && !/^The/.test(m[0])) continue;
      out.push({ ...span, rule: 'period/the-year', kind: 'date', value: { y: ref.y }, relative: true });
    }
    for (const m of s.text.matchAll(YEAR_END)) {
      const span = at(m as RegExpExecArray);
      const unit = (m[1] ?? m[2] ?? m[3]).toLowerCase();
      if (unit === 'year') {
        // "year-end" is the closing date (a day); "the end of the year", "year's end" stay a year (TimeBank)
        // "year-end 1985" names its year
        const y = m[4] ? +m[4] : endYear(ctx, span, ref);
        const closing = /^year[-\s]end\b/i.test(m[0]);
        out.push({ ...span, rule: 'period/year-end', kind: 'date', value: closing ? { y, m: 12, d: 31 } : { y }, relative: true, endOfPeriod: true });
      }
      else out.push({ ...span, rule: 'period/month-end', kind: 'date', value: { y: ref.y, m: ref.m }, relative: true, endOfPeriod: true });
    }
    for (const m of s.text.matchAll(YEAR_EARLIER)) {
      out.push({ ...at(m as RegExpExecArray), rule: 'period/year-earlier', kind: 'date', value: { y: ref.y - 1 }, relative: true });
    }
    for (const m of s.text.matchAll(SHIFTED_MONTH)) {
      const month = monthOf(m[2]);
      if (month === undefined || !/^[A-Z]/.test(m[2])) continue;
      out.push({ ...at(m as RegExpExecArray), rule: 'period/shifted-month', kind: 'date', value: null, pending: { type: 'month', month, shift: shiftOf(m[1]) } });
    }
    return out;
  },
};
