/** A dyad's relationship over time from its dated events: counts by type, Goldstein sum and mean, tone. */
import { periodOf, type Period } from './dates.js';

/** A row of the store's events: date, type, goldstein, quad, tone. */
export type DyadEvent = Record<string, unknown>;

export interface DyadPeriod {
  period: string;
  events: number;
  byType: Record<string, number>;
  goldsteinSum: number;
  goldsteinMean: number | null;
  /** Mean tone of the events' articles. */
  tone: number | null;
  /** Events of the cooperative (quad 1, 2) and conflictual (quad 3, 4) classes. */
  cooperative: number;
  conflictual: number;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** One row per period, in the order of the (date-sorted) events; an event dated more coarsely than the period is left out. */
export function dyadSeries(events: Iterable<DyadEvent>, by: Period): DyadPeriod[] {
  const out = new Map<string, DyadPeriod & { toneN: number; gN: number }>();
  const need = { day: 10, week: 10, month: 7, quarter: 7, year: 4 }[by];
  for (const r of events) {
    if (String(r.date).length < need) continue;
    const period = periodOf(String(r.date), by);
    let d = out.get(period);
    if (!d) out.set(period, (d = { period, events: 0, byType: {}, goldsteinSum: 0, goldsteinMean: null, tone: null, cooperative: 0, conflictual: 0, toneN: 0, gN: 0 }));
    d.events++;
    d.byType[String(r.type)] = (d.byType[String(r.type)] ?? 0) + 1;
    if (typeof r.goldstein === 'number') {
      d.goldsteinSum += r.goldstein;
      d.gN++;
    }
    if (typeof r.tone === 'number') {
      d.tone = (d.tone ?? 0) + r.tone;
      d.toneN++;
    }
    if (r.quad === 1 || r.quad === 2) d.cooperative++;
    if (r.quad === 3 || r.quad === 4) d.conflictual++;
  }
  return [...out.values()].map(({ toneN, gN, ...d }) => ({
    ...d,
    goldsteinSum: round2(d.goldsteinSum),
    goldsteinMean: gN ? round2(d.goldsteinSum / gN) : null,
    tone: toneN && d.tone != null ? round2(d.tone / toneN) : null,
  }));
}
