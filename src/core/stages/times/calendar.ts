/**
 * Pure calendar arithmetic on plain year/month/day numbers (proleptic Gregorian, no time zones, no clock).
 * Months are 1-12, weekdays 0 (Sunday) - 6 (Saturday) as in chrono-node.
 */

export interface Ymd {
  y: number;
  m: number;
  d: number;
}

/** A value at the granularity the text states: a year, a month or a day. */
export interface PartialDate {
  y: number;
  m?: number;
  d?: number;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fromUtc(ms: number): Ymd {
  const dt = new Date(ms);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

function toUtc(a: Ymd): number {
  const dt = new Date(Date.UTC(2000, a.m - 1, a.d));
  dt.setUTCFullYear(a.y); // years below 100 must not be mapped to 19xx
  return dt.getTime();
}

export function addDays(a: Ymd, n: number): Ymd {
  return fromUtc(toUtc(a) + n * 86400000);
}

/** Adds months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(a: Ymd, n: number): Ymd {
  const idx = a.y * 12 + (a.m - 1) + n;
  const y = Math.floor(idx / 12);
  const m = idx - y * 12 + 1;
  return { y, m, d: Math.min(a.d, daysInMonth(y, m)) };
}

export function weekday(a: Ymd): number {
  return new Date(toUtc(a)).getUTCDay();
}

/** Days from a to b (positive when b is later). */
export function diffDays(a: Ymd, b: Ymd): number {
  return Math.round((toUtc(b) - toUtc(a)) / 86400000);
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export function isValidYmd(y: number, m: number, d: number): boolean {
  return Number.isInteger(y) && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** "YYYY-MM-DD" → Ymd, or null when the string is not a valid calendar day. */
export function parseYmd(s: string | null | undefined): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(s ?? '');
  if (!m) return null;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  return isValidYmd(y, mo, d) ? { y, m: mo, d } : null;
}

/** "YYYY", "YYYY-MM" or "YYYY-MM-DD" → PartialDate, or null. */
export function parseValue(s: string | null | undefined): PartialDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s ?? '');
  if (!m) return null;
  const out: PartialDate = { y: +m[1] };
  if (m[2]) out.m = +m[2];
  if (m[3]) out.d = +m[3];
  return out;
}

export function formatValue(p: PartialDate): string {
  let s = pad(p.y, 4);
  if (p.m !== undefined) {
    s += '-' + pad(p.m);
    if (p.d !== undefined) s += '-' + pad(p.d);
  }
  return s;
}

export function formatYmd(a: Ymd): string {
  return formatValue(a);
}

/** The last day of the period a value names: 2030 → 2030-12-31, 2022-02 → 2022-02-28, a day → itself. */
export function lastDayOf(p: PartialDate): Ymd {
  if (p.m === undefined) return { y: p.y, m: 12, d: 31 };
  if (p.d === undefined) return { y: p.y, m: p.m, d: daysInMonth(p.y, p.m) };
  return { y: p.y, m: p.m, d: p.d };
}

/** The first day of the period a value names. */
export function firstDayOf(p: PartialDate): Ymd {
  return { y: p.y, m: p.m ?? 1, d: p.d ?? 1 };
}

/** Monday of the ISO week holding the day. */
export function mondayOf(a: Ymd): Ymd {
  return addDays(a, -((weekday(a) + 6) % 7));
}

/**
 * The weekday `wd` nearest to `ref` in a direction: -1 the most recent on or before ref, +1 the next on or
 * after ref. `strict` excludes ref itself ("last Friday" said on a Friday is a week ago).
 */
export function weekdayFrom(ref: Ymd, wd: number, direction: -1 | 1, strict = false): Ymd {
  const cur = weekday(ref);
  let delta = direction < 0 ? -((cur - wd + 7) % 7) : (wd - cur + 7) % 7;
  if (strict && delta === 0) delta = 7 * direction;
  return addDays(ref, delta);
}
