/**
 * The two small interfaces that run the time stage (after chrono-node's Parser/Refiner): a parser finds
 * candidates in one sentence, a refiner rewrites the whole candidate list. `rules.ts` lists them in order.
 */
import type { Doc } from '../../nlp.js';
import type { TimeExpression } from '../../types.js';
import type { PartialDate, Ymd } from './calendar.js';
import type { Tense } from './tense.js';

export type TimeKind = 'date' | 'range' | 'deadline';

/** What the time stage emits: a parley.article/1 time plus the evidence of how it was resolved. */
export interface TimeResult extends TimeExpression {
  /** The rule that produced the value (see TIME_RULES). */
  rule: string;
  kind: TimeKind;
  /** For ranges ("May 25 to June 4", "last week"): both ends, each at its stated granularity. */
  from?: string;
  until?: string;
  /** YYYY-MM-DD, the last day of the period when it can serve as a deadline ("next month", "by 2030"). */
  due?: string;
}

/** Parts a parser could not resolve alone: a refiner settles them with the tense of the sentence. */
export type Pending =
  /** "Friday", "last Friday", "this Friday", "next Friday". */
  | { type: 'weekday'; weekday: number; shift: Shift }
  /** "March", "March 31", "last April", "this September" (no year given). */
  | { type: 'month'; month: number; day?: number; weekday?: number; shift: Shift }
  /** "the weekend", "this weekend", "last weekend". */
  | { type: 'weekend'; shift: Shift }
  /**
   * Counted from the time the narrative last mentioned: "that year", "the following month", "two days
   * later", "later in the day". `same` marks "that/the same X", which needs an antecedent; `form` is
   * 'count' for "a year earlier" (exact: a day stays a day), 'within' for "later in the day" (the
   * narrative's own period), 'named' otherwise.
   */
  | { type: 'anaphor'; unit: 'day' | 'week' | 'month' | 'year'; offset: number; same: boolean; form: 'named' | 'count' | 'within' };

export type Shift = 'last' | 'this' | 'next' | null;

export interface Candidate {
  /** Character offsets into doc.text. */
  start: number;
  end: number;
  sentence: number;
  rule: string;
  kind: TimeKind;
  /** The resolved value; null while `pending` waits for a refiner. */
  value: PartialDate | null;
  pending?: Pending;
  /** The end point of a range, with its own span ("June 4" in "May 25 to June 4"). */
  to?: Candidate;
  /** Ranges that have no parts of their own ("last week"): both ends. */
  from?: PartialDate;
  until?: PartialDate;
  due?: Ymd;
  /** Set by parsers whose value came from the anchor date ("yesterday", "last year"), for later refiners. */
  relative?: boolean;
  /** A parser's claim that the expression names the end of a period ("the end of 1990", "year-end"). */
  endOfPeriod?: boolean;
}

export interface SentenceView {
  index: number;
  start: number;
  end: number;
  text: string;
}

export interface TimeContext {
  doc: Doc;
  text: string;
  /** The publication date, or null. */
  pubDate: Ymd | null;
  /** The date relative expressions count from: the dateline's date when it gives one, else pubDate. */
  ref: Ymd | null;
  /** The article's dateline field ("MOSCOW, April 13 -"), if any. */
  dateline: string | null;
  /** Tense of the verb group a span attaches to (memoised per span). */
  tense(c: { start: number; end: number; sentence: number }): Tense;
}

export interface TimeParser {
  name: string;
  role: 'parser';
  /** A cheap test on the sentence text; the parser runs only where it matches. */
  trigger?: RegExp;
  extract(ctx: TimeContext, sentence: SentenceView): Candidate[];
}

export interface TimeRefiner {
  name: string;
  role: 'refiner';
  refine(ctx: TimeContext, candidates: Candidate[]): Candidate[];
}

export type TimeRule = TimeParser | TimeRefiner;
