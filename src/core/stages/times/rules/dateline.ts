/**
 * A dateline's own date ("MOSCOW, April 13 -", "TOKYO, March 3 (Reuters) -"): the day the report was
 * filed, which can differ from the publication date by a day or two. It becomes the anchor for the
 * article's relative expressions ("today", "on Monday"), as the guide's Reuters articles require.
 */
import { type Ymd, formatYmd, isValidYmd, parseYmd, diffDays } from '../calendar.js';
import { MONTH_PATTERN, monthOf } from '../lexicon.js';
import type { Candidate, SentenceView, TimeContext, TimeParser } from '../types.js';

const DATE_IN_DATELINE = new RegExp(String.raw`(?:^|,\s*)(${MONTH_PATTERN})\s+(\d{1,2})(?:,?\s+(\d{4}))?(?=\s*(?:\([^)]*\)\s*)?(?:[-–—_:]|$))`, 'i');
/** At the start of a text: an upper-case place, a comma, a date, then a dash. */
const DATELINE_IN_TEXT = new RegExp(String.raw`^\s*([A-Z][A-Z.'’ -]+(?:,\s*[A-Z][A-Za-z.'’ -]+)?),\s*(${MONTH_PATTERN})\s+(\d{1,2})(?:,?\s+(\d{4}))?\s*(?:\([^)]*\)\s*)?[-–—_]`, 'i');

/** The day of month `m`/`d` nearest to the anchor (a dateline is filed within days of publication). */
function nearest(m: number, d: number, anchor: Ymd): Ymd | null {
  let best: Ymd | null = null;
  for (const y of [anchor.y - 1, anchor.y, anchor.y + 1]) {
    if (!isValidYmd(y, m, d)) continue;
    const c = { y, m, d };
    if (!best || Math.abs(diffDays(anchor, c)) < Math.abs(diffDays(anchor, best))) best = c;
  }
  return best;
}

function resolve(monthWord: string, day: string, year: string | undefined, pubDate: Ymd | null): Ymd | null {
  const m = monthOf(monthWord);
  const d = +day;
  if (m === undefined) return null;
  if (year) return isValidYmd(+year, m, d) ? { y: +year, m, d } : null;
  return pubDate ? nearest(m, d, pubDate) : null;
}

/**
 * The date a dateline string gives ("BRUSSELS, March 17 -" with publication 1987-03-16 → 1987-03-17),
 * or null. The event and place stages can use it too.
 */
export function datelineDate(dateline: string | null | undefined, pubDate: string | null): string | null {
  const ymd = datelineYmd(dateline, parseYmd(pubDate));
  return ymd ? formatYmd(ymd) : null;
}

export function datelineYmd(dateline: string | null | undefined, pubDate: Ymd | null): Ymd | null {
  if (!dateline) return null;
  const m = DATE_IN_DATELINE.exec(dateline.trim());
  return m ? resolve(m[1], m[2], m[3], pubDate) : null;
}

/** A dateline at the very start of the text; it also moves the anchor to its date. */
export const datelineParser: TimeParser = {
  name: 'dateline',
  role: 'parser',
  extract(ctx: TimeContext, s: SentenceView): Candidate[] {
    if (s.index !== 0) return [];
    const m = DATELINE_IN_TEXT.exec(ctx.text.slice(0, 200));
    // the place is written in capitals ("MOSCOW", "NEWARK, N.J."), the month as a name
    if (!m || !/^[A-Z]/.test(m[2]) || m[1].split(',')[0] !== m[1].split(',')[0].toUpperCase()) return [];
    const ymd = resolve(m[2], m[3], m[4], ctx.pubDate);
    if (!ymd) return [];
    const start = m.index + m[0].indexOf(m[2], m[1].length);
    const end = start + m[0].slice(start - m.index).replace(/\s*(?:\([^)]*\)\s*)?[-–—_]$/, '').length;
    if (!ctx.pubDate || Math.abs(diffDays(ctx.pubDate, ymd)) <= 7) ctx.ref = ymd;
    return [{ start, end, sentence: s.index, rule: 'dateline', kind: 'date', value: ymd }];
  },
};
