/** Calendar arithmetic on YYYY-MM-DD / YYYY-MM / YYYY strings, in days since 1970 (UTC). Pure. */

const DAY = 86_400_000;

export function isDay(d: string | null | undefined): d is string {
  return !!d && /^\d{4}-\d{2}-\d{2}$/.test(d);
}

export function dayNumber(d: string): number {
  return Math.floor(Date.parse(d + 'T00:00:00Z') / DAY);
}

export function dayString(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

/** The first and last day a date of any precision covers: "2022-07" → 2022-07-01 .. 2022-07-31. */
export function dateRange(d: string): [number, number] | null {
  if (isDay(d)) {
    const n = dayNumber(d);
    return Number.isNaN(n) ? null : [n, n];
  }
  let m = /^(\d{4})-(\d{2})$/.exec(d);
  if (m) {
    const y = +m[1];
    const mo = +m[2];
    return [Math.floor(Date.UTC(y, mo - 1, 1) / DAY), Math.floor(Date.UTC(y, mo, 1) / DAY) - 1];
  }
  m = /^(\d{4})$/.exec(d);
  if (m) return [Math.floor(Date.UTC(+m[1], 0, 1) / DAY), Math.floor(Date.UTC(+m[1] + 1, 0, 1) / DAY) - 1];
  return null;
}

/** A period key for time series: day, ISO week (YYYY-Www), month, quarter or year. */
export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';

export function periodOf(d: string, by: Period): string {
  switch (by) {
    case 'day':
      return d.slice(0, 10);
    case 'month':
      return d.slice(0, 7);
    case 'year':
      return d.slice(0, 4);
    case 'quarter':
      return `${d.slice(0, 4)}-Q${Math.floor((+d.slice(5, 7) - 1) / 3) + 1}`;
    case 'week': {
      const t = new Date(d.slice(0, 10) + 'T00:00:00Z');
      const dow = (t.getUTCDay() + 6) % 7; // Monday 0
      t.setUTCDate(t.getUTCDate() - dow + 3); // Thursday of this week decides the year
      const year = t.getUTCFullYear();
      const first = new Date(Date.UTC(year, 0, 4));
      const week = 1 + Math.round(((t.getTime() - first.getTime()) / DAY - 3 + ((first.getUTCDay() + 6) % 7)) / 7);
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
  }
}
