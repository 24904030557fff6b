/**
 * Commitments checked against later events: kept, overdue or open. Pure: commitments and linked
 * events in, statuses out; "now" is passed in (the store uses the latest publication date it holds).
 *
 * The rule, written down (tested in test/link.test.ts). A linked event carries out a commitment when:
 * 1. It is asserted (it happened), it has a day for a date, and it is not the event the commitment's
 *    own article reports.
 * 2. Its type is one the commitment calls for: the type of the commitment's own event when that event
 *    is a future action ("will visit" → CONSULT); otherwise the types its action words name
 *    (`ACTION_TYPES`: "visit", "talks" → CONSULT; "provide", "aid" → AID; ...). A commitment whose
 *    action names no type cannot be checked: it stays open, then overdue.
 * 3. Every party is among its participants (actors and recipients, as codes). The parties are the
 *    commitment's own and the participants of its own event ("will send aid to Peru" adds PER). A
 *    promise with a single party cannot be checked (any later act of that party would do): it stays
 *    open, then overdue.
 * 4. It happened after the day the commitment was published (a commitment is not kept by the meeting
 *    that made it) and by the due date; with no due date, within `OPEN_ENDED_DAYS` (a year). An event
 *    up to `GRACE_DAYS` (31) after the due date keeps it late.
 * Status: `kept` when such an event exists (the earliest one is the evidence; `late` when it came after
 * the due date); else `overdue` when the due date is before `asOf`; else `open`.
 */
import { dateRange, dayNumber, isDay } from './dates.js';
import type { LinkedEvent } from './events.js';
import type { CommitmentRecord } from './mentions.js';

export type CommitmentStatus = 'kept' | 'overdue' | 'open';

/** Action words → the PLOVER types of the events that would carry them out. Lower case, word prefixes. */
export const ACTION_TYPES: Array<[RegExp, string[]]> = [
  [/\b(visit|meet|meeting|talks?|summit|dialogue|consult|negotiat|call|trip|travel|host)/, ['CONSULT']],
  [/\b(sign|agreement|treaty|accord|deal|memorandum)/, ['AGREE']],
  [/\b(aid|assistance|provide|deliver|donat|loan|grant|vaccin|fund|\$)/, ['AID']],
  [/\b(exercise|cooperat|partnership|programme|program|launch|joint|exchange)/, ['COOPERATE']],
  [/\b(withdraw|release|ceasefire|cease-fire|pull out|disarm)/, ['RETREAT']],
  [/\b(ease|lift|reduce tariff|open (its|the) market)/, ['CONCEDE']],
  [/\b(sanction|tariff|expel|suspend)/, ['SANCTION']],
  [/\b(deploy|troops to|station)/, ['MOBILIZE']],
];

export const OPEN_ENDED_DAYS = 365;
export const GRACE_DAYS = 31;

export interface CommitmentCheck {
  status: CommitmentStatus;
  /** Set when kept: the linked event and its first mention. */
  keptBy: { event: string; date: string | null; articleId: string; eventId: string } | null;
  late: boolean;
  /** The event types looked for. */
  types: string[];
}

export function typesFor(c: Pick<CommitmentRecord, 'action' | 'eventType' | 'eventModality'>): string[] {
  if (c.eventType && c.eventModality === 'future' && c.eventType !== 'AGREE') return [c.eventType];
  const action = c.action.toLowerCase();
  const types = new Set<string>();
  for (const [re, ts] of ACTION_TYPES) if (re.test(action)) ts.forEach((t) => types.add(t));
  // "exchange of visits": a visit is the act, the exchange only says it goes both ways
  if (types.has('CONSULT')) types.delete('COOPERATE');
  return [...types];
}

function lastDay(d: string): number | null {
  const r = dateRange(d);
  return r ? r[1] : null;
}

/** The codes a commitment binds: its parties and its own event's participants. */
export function partiesOf(c: Pick<CommitmentRecord, 'parties' | 'eventParticipants'>): string[] {
  return [...new Set([...c.parties, ...(c.eventParticipants ?? [])])].sort();
}

export function checkCommitment(c: CommitmentRecord, events: LinkedEvent[], asOf: string | null): CommitmentCheck {
  const types = typesFor(c);
  const made = isDay(c.articleDate) ? dayNumber(c.articleDate) : null;
  const due = c.due ? lastDay(c.due) : null;
  const until = due != null ? due + GRACE_DAYS : made != null ? made + OPEN_ENDED_DAYS : null;
  const parties = partiesOf(c);
  let best: { e: LinkedEvent; day: number } | null = null;
  if (types.length && parties.length >= 2 && made != null) {
    for (const e of events) {
      if (e.modality !== 'asserted' || !types.includes(e.type) || !isDay(e.date)) continue;
      if (e.mentions.some((m) => m.articleId === c.articleId && m.eventId === c.eventId)) continue;
      const parts = new Set([...e.actors, ...e.recipients]);
      if (!parties.every((p) => parts.has(p))) continue;
      const day = dayNumber(e.date);
      if (day <= made || (until != null && day > until)) continue;
      if (!best || day < best.day || (day === best.day && e.id < best.e.id)) best = { e, day };
    }
  }
  if (best) {
    const m = best.e.mentions[0];
    return { status: 'kept', keptBy: { event: best.e.id, date: best.e.date, articleId: m.articleId, eventId: m.eventId }, late: due != null && best.day > due, types };
  }
  const now = asOf && isDay(asOf) ? dayNumber(asOf) : null;
  return { status: due != null && now != null && due < now ? 'overdue' : 'open', keptBy: null, late: false, types };
}

/** Checks every commitment; events are indexed by participant so each commitment looks at few. */
export function checkCommitments(commitments: CommitmentRecord[], events: LinkedEvent[], asOf: string | null): CommitmentCheck[] {
  const byCode = new Map<string, LinkedEvent[]>();
  for (const e of events) {
    if (e.modality !== 'asserted') continue;
    for (const code of new Set([...e.actors, ...e.recipients])) {
      let l = byCode.get(code);
      if (!l) byCode.set(code, (l = []));
      l.push(e);
    }
  }
  return commitments.map((c) => {
    const first = partiesOf(c)[0];
    const pool = first ? (byCode.get(first) ?? []) : [];
    return checkCommitment(c, pool, asOf);
  });
}
