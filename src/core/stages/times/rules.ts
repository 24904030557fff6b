/**
 * The time stage's rules, in the order they run: parsers first (each over every sentence that matches
 * its trigger), then refiners over the whole candidate list. On overlapping candidates of equal length
 * the parser listed first wins, so the news parsers precede chrono-node's broad one.
 */
import { anaphoraParser, anaphoraResolver } from './rules/anaphora.js';
import { chronoParser } from './rules/chrono.js';
import { datelineParser } from './rules/dateline.js';
import { deadlineRefiner } from './rules/deadlines.js';
import { monthYearMerge } from './rules/merge.js';
import { modifierRefiner } from './rules/modifiers.js';
import { overlapRemoval } from './rules/overlap.js';
import { periodParser } from './rules/periods.js';
import { tenseResolver } from './rules/resolve.js';
import { spelledYearParser, yearParser } from './rules/years.js';
import type { TimeRule } from './types.js';

export const TIME_RULES: readonly TimeRule[] = [
  datelineParser, // "MOSCOW, April 13 -": a date, and the anchor for the rest
  periodParser, // "the current year", "year-end", "year-earlier", "last April"
  anaphoraParser, // "that year", "the following month", "two days later"
  yearParser, // "1990", "fiscal 1989", "1985-90"
  spelledYearParser, // "nineteen ninety-six", "the year two thousand"
  chronoParser, // everything chrono-node reads, filtered
  monthYearMerge, // "January nineteen ninety-seven", "June last year"
  overlapRemoval, // longest span wins
  tenseResolver, // bare weekdays and months by tense; range ends
  anaphoraResolver, // anaphors from the nearest earlier date
  modifierRefiner, // "early", "mid-", "the end of"
  deadlineRefiner, // "by 2030", "within this year", "by the end of the month"
];
