/**
 * chrono-node's English casual parser, run once per sentence that can hold a date, as the broad base
 * parser. Its results become candidates: absolute dates keep the granularity the text states (known
 * components only), relative ones ("yesterday", "last year", "two weeks ago") take chrono's arithmetic
 * from the anchor date, and what chrono guesses without evidence (the year of "March 31", the direction
 * of a bare "Friday") is left pending for the news rules downstream.
 *
 * Filters and readings applied here (chrono-node is tuned for chat, not news):
 * - time-of-day alone ("at 10", "3 p.m.") and "now" are not dates;
 * - slash dates without a year ("7/8", "10/20") are fractions and ratios in news copy, and numbers that
 *   belong to a decimal or a code ("1.5400 February 23", "Feb 48.7") are read again without them;
 * - a month word alone must look like a month: capitalised, and "May"/"March" introduced by a
 *   preposition or modifier ("in May", "since March"), not a modal, a verb or a surname;
 * - weekday abbreviations must be capitalised and look like one ("Sat.", not "The Sun rose");
 * - lengths of time are not dates ("for two years", "the first visit in 23 years"), "the past 30
 *   years" / "the next two weeks" become ranges, "this/last/next week" a Monday-Sunday range,
 *   "within three years" a deadline three years on;
 * - what counts from another event ("two days later", "the day before") is left to anaphora.ts.
 */
// the English locale alone: importing the package root loads every locale (about 130 ms more at start)
import { Chrono, configuration } from 'chrono-node/en';
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import type { PartialDate, Ymd } from '../calendar.js';
import { addDays, addMonths, mondayOf } from '../calendar.js';
import { AMBIGUOUS_MONTHS, MONTH_INTRODUCERS, MONTH_PATTERN, WEEKDAYS, WEEKDAY_PATTERN, alternation, monthOf } from '../lexicon.js';
import type { Candidate, SentenceView, Shift, TimeContext, TimeParser } from '../types.js';

const casual = configuration.createCasualConfiguration(false);
const engine = new Chrono(casual);

/**
 * Which chrono-node parsers to run on a sentence, decided in two cheap steps before chrono-node itself.
 *
 * 1. Anchors: what each parser's pattern cannot match without (a digit, a month or weekday name, one of
 *    its key words), matched case-insensitively as a substring, as the patterns are. Parsers not listed
 *    here (a newer chrono-node) always pass this step.
 * 2. The parser's own pattern: chrono-node runs each parser by searching its pattern in the text
 *    (Chrono.executeParser), so a parser whose pattern finds nothing in the sentence adds no result;
 *    nor does one whose extract() rejects every match (RESULT_NEEDS).
 *
 * chrono-node runs its parsers independently over the same text and its refiners only rework what the
 * parsers found, so leaving out parsers that find nothing changes no result. And when the only parser
 * left is the time-of-day one, the sentence is not parsed at all: its results carry a time and no date
 * (no refiner gives a time-only result a certain year, month, day or weekday: the merging ones need a
 * date, a weekday or a relative duration beside it), `take` below drops every result without a date,
 * and a time's text ("at 10:30 a.m. EST", "9-11 pm") holds none of the words the text-based readings
 * there look for ("this morning", "within", "the past 30 days", "week"), nor, when it is read again
 * without a number, anything another parser's pattern needs that the sentence would not have shown.
 */
const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const PARSER_ANCHORS: Record<string, readonly string[]> = {
  ENYearMonthDayParser: DIGITS,
  ISOFormatParser: DIGITS,
  SlashDateFormatParser: DIGITS,
  ENSlashMonthFormatParser: DIGITS,
  ENTimeExpressionParser: DIGITS,
  ENYearMonthNameParser: MONTH_NAMES,
  ENMonthNameLittleEndianParser: MONTH_NAMES,
  ENMonthNameMiddleEndianParser: MONTH_NAMES,
  ENMonthNameParser: MONTH_NAMES,
  ENWeekdayParser: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'week'],
  ENCasualDateParser: ['now', 'today', 'night', 'tomorrow', 'overmorrow', 'tmr', 'yesterday'],
  ENCasualTimeParser: ['morning', 'afternoon', 'evening', 'night', 'noon', 'midday'],
  ENEndOfCurrentMonthParser: ['month'],
  ENRelativeDateFormatParser: ['this', 'last', 'past', 'next'],
  ENTimeUnitCasualRelativeFormatParser: ['this', 'last', 'past', 'next', 'after', '+', '-'],
  ENTimeUnitWithinFormatParser: ['in', 'for'],
  ENTimeUnitAgoFormatParser: ['ago', 'before', 'earlier'],
  ENTimeUnitLaterFormatParser: ['later', 'after', 'from now', 'henceforth', 'forward', 'out'],
};
/** Parsers that read a time of day and never a date. */
const TIME_ONLY = new Set(['ENTimeExpressionParser']);

/** The distinct anchor lists; a sentence's anchors are a bit mask over them. */
const ANCHORS = [...new Set(Object.values(PARSER_ANCHORS))];
/**
 * All anchor words in one search, case-insensitive like chrono-node's patterns (/i, no u flag): a
 * look-ahead finds, at every offset, the longest anchor word starting there. The shorter ones starting
 * at the same offset are its prefixes, so each word stands for the lists of all its prefixes.
 */
const ANCHOR_WORDS = [...new Set(ANCHORS.flat())];
const ANCHOR_SEARCH = new RegExp(`(?=(${alternation(ANCHOR_WORDS)}))`, 'gi');
const ANCHOR_MASK = new Map(
  ANCHOR_WORDS.map((w) => [w, ANCHORS.reduce((mask, list, k) => (list.some((v) => w.startsWith(v)) ? mask | (1 << k) : mask), 0)]),
);

/** The anchor lists (bit mask over ANCHORS) that have a word in `text`. */
function anchorsIn(text: string): number {
  let mask = 0;
  ANCHOR_SEARCH.lastIndex = 0;
  for (let m = ANCHOR_SEARCH.exec(text); m; m = ANCHOR_SEARCH.exec(text)) {
    mask |= ANCHOR_MASK.get(m[1].toLowerCase())!;
    ANCHOR_SEARCH.lastIndex = m.index + 1;
  }
  return mask;
}
/**
 * What a parser's extract() needs beyond its pattern to return anything: chrono-node's
 * SlashDateFormatParser drops a match with neither a year nor a slash ("1.5 percent", "a 3-4 vote").
 */
const RESULT_NEEDS: Record<string, RegExp> = {
  SlashDateFormatParser: /\/|\d[/.-]\d{1,2}[/.-]\d{2}/,
};
/** chrono-node's parsers in their order, with their anchor list (-1: none), their own pattern and what else their results need. */
const PARSERS = casual.parsers.map((parser) => {
  const name = parser.constructor.name;
  const a = PARSER_ANCHORS[name];
  // the patterns of chrono-node 2.10's English parsers depend on no option but `forwardDate` (not used here)
  const pattern = parser.pattern({ option: {} } as Parameters<typeof parser.pattern>[0]);
  return { parser, anchor: a ? ANCHORS.indexOf(a) : -1, pattern, needs: RESULT_NEEDS[name], timeOnly: TIME_ONLY.has(name) };
});
/**
 * The order in which the patterns are tried: those that find a date most often for the least work first,
 * so that most sentences with a date are settled by one or two cheap searches.
 */
const TRY_FIRST = ['ENMonthNameParser', 'SlashDateFormatParser', 'ENCasualDateParser', 'ISOFormatParser', 'ENYearMonthDayParser', 'ENSlashMonthFormatParser', 'ENYearMonthNameParser', 'ENTimeUnitCasualRelativeFormatParser', 'ENTimeUnitWithinFormatParser'];
const TRY_ORDER = PARSERS.map((_, i) => i).sort((a, b) => rank(a) - rank(b));
function rank(i: number): number {
  const k = TRY_FIRST.indexOf(PARSERS[i].parser.constructor.name);
  return k < 0 ? TRY_FIRST.length : k;
}
/** Engines over a subset of the parsers (a bit mask over PARSERS), made on first use. */
const engines = new Map<number, Chrono>();

/**
 * chrono-node restricted to the parsers that can find something in `text`; null when none can find a
 * date. Once one date parser's pattern has matched, the others are kept on their anchors alone.
 */
function engineFor(text: string): Chrono | null {
  const anchors = anchorsIn(text);
  let mask = 0;
  let dates = false;
  for (const i of TRY_ORDER) {
    const p = PARSERS[i];
    if (p.anchor >= 0 && (anchors & (1 << p.anchor)) === 0) continue;
    if (p.needs && !p.needs.test(text)) continue;
    if (p.timeOnly || dates) mask |= 1 << i;
    else if (p.pattern.test(text)) {
      mask |= 1 << i;
      dates = true;
    }
  }
  if (!dates) return null;
  let e = engines.get(mask);
  if (e === undefined) {
    e = new Chrono({ parsers: PARSERS.filter((_, i) => (mask & (1 << i)) !== 0).map((p) => p.parser), refiners: casual.refiners });
    engines.set(mask, e);
  }
  return e;
}

const known = (c: ParsedComponents, k: 'year' | 'month' | 'day' | 'weekday') => c.isCertain(k);
const hasDate = (c: ParsedComponents) => known(c, 'year') || known(c, 'month') || known(c, 'day') || known(c, 'weekday');

function shiftOf(text: string): Shift {
  const t = text.toLowerCase();
  if (/\b(last|past|previous)\b/.test(t)) return 'last';
  if (/\b(next|coming)\b/.test(t)) return 'next';
  if (/\bthis\b/.test(t)) return 'this';
  return null;
}

const isRelative = (c: ParsedComponents, text: string) => {
  const tags = c.tags();
  for (const t of tags) if (t.startsWith('casualReference/') || t === 'result/relativeDate' || t === 'parser/ENCasualDateParser' || t === 'parser/ENEndOfCurrentMonthParser') return true;
  // "this year", "this month" carry no tag in chrono-node 2.10
  return !/\d/.test(text) && /\b(year|month|week|day)\b/i.test(text);
};

/** The value a component states, at its granularity. */
function statedValue(c: ParsedComponents): PartialDate | null {
  if (!known(c, 'year')) return null;
  const v: PartialDate = { y: c.get('year')! };
  if (known(c, 'month') || known(c, 'day')) {
    v.m = c.get('month')!;
    if (known(c, 'day')) v.d = c.get('day')!;
  }
  return v;
}

/** Checks that a month word standing alone is a month ("in May"), not a modal, verb or name. */
function plausibleLoneMonth(ctx: TimeContext, s: SentenceView, start: number, end: number): boolean {
  const word = ctx.text.slice(start, end).match(/[A-Za-z]+/)?.[0] ?? '';
  if (!/^[A-Z]/.test(word)) return false;
  if (!AMBIGUOUS_MONTHS.has(word.toLowerCase())) return true;
  const before = ctx.text.slice(s.start, start).match(/([A-Za-z]+)[\s-]*$/)?.[1]?.toLowerCase();
  const after = ctx.text.slice(end, s.end);
  if (/^,?\s*\d{4}\b/.test(after)) return true;
  return before !== undefined && MONTH_INTRODUCERS.has(before);
}

/**
 * Numbers chrono-node took for a date that are part of something else: a decimal or a thousands group
 * around the span ("1.5400 February 23", "Feb 48.7"), a year outside 1000-2099 ("2400 March 17"), a
 * two-digit year written without an apostrophe or slashes ("Mar 48", "15-April 20"), a slash date that
 * is a fraction ("10-17/32").
 */
function plausibleNumbers(all: string, start: number, end: number, text: string, statedYear: boolean): boolean {
  if (/\d[.,]?$/.test(all.slice(Math.max(0, start - 2), start)) && /^\d/.test(text)) return false;
  if (/^(?:[.,]\d|\/\d)/.test(all.slice(end, end + 2)) && /\d$/.test(text)) return false;
  if (/\//.test(text) && !/^\d{1,2}\/\d{1,2}\/(?:\d{2}|\d{4})$/.test(text)) return false;
  if (statedYear && /\d/.test(text) && !/\//.test(text) && !/^\d{4}-\d{2}-\d{2}/.test(text)) {
    const years = text.match(/(?<![\d'’])\d{4}(?!\d)/g) ?? [];
    if (years.some((y) => +y < 1000 || +y > 2099)) return false;
    if (!years.length && !/['’]\d{2}\b/.test(text) && !/\b(?:ago|later|earlier|years?|months?|weeks?|days?)\b/i.test(text)) return false;
  }
  return true;
}

function plausibleWeekday(text: string): boolean {
  for (const m of text.matchAll(/\b[A-Za-z]+\b/g)) {
    const word = m[0];
    if (WEEKDAYS[word.toLowerCase()] === undefined) continue;
    if (word.length > 5) return /^[A-Z]/.test(word) || word === word.toLowerCase(); // "Monday", "monday"
    // an abbreviation ("Sat.", "Wed, Dec 3") must look like one: capitalised, with a period or a date after it
    return /^[A-Z]/.test(word) && /^(?:\.|,?\s*(?:\d|[A-Z][a-z]{2}))/.test(text.slice(m.index! + word.length));
  }
  return true;
}

const COUNT_WORD = String.raw`(\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|fifty|hundred|several|few)`;
/** "the past 30 years", "the next two weeks": a stretch that ends or starts at the anchor. */
const STRETCH = new RegExp(String.raw`^(?:(?:over|in|during|for|within)\s+)?(?:the\s+)?(past|last|previous|next|coming)\s+${COUNT_WORD}\s+(day|week|month|year)s\b`, 'i');
const COUNTS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, fifty: 50, hundred: 100 };

function moveBy(d: Ymd, k: number, unit: string): Ymd {
  return unit === 'day' ? addDays(d, k) : unit === 'week' ? addDays(d, 7 * k) : addMonths(d, unit === 'month' ? k : 12 * k);
}

function stretch(ref: Ymd, text: string): { length: number; part: Pick<Candidate, 'value' | 'from' | 'until' | 'kind' | 'relative'> } | null {
  const m = STRETCH.exec(text);
  if (!m) return null;
  const n = /^\d+$/.test(m[2]) ? +m[2] : COUNTS[m[2].toLowerCase()];
  if (n === undefined) return null; // "several", "few": no value
  const unit = m[3].toLowerCase();
  const back = /^(past|last|previous)$/i.test(m[1]);
  const other = moveBy(ref, back ? -n : n, unit);
  const at = (d: Ymd): PartialDate => (unit === 'year' ? { y: d.y } : unit === 'month' ? { y: d.y, m: d.m } : d);
  const from = at(back ? other : ref);
  const until = at(back ? ref : other);
  return { length: m[0].length, part: { value: from, from, until, kind: 'range', relative: true } };
}

/** Turns one chrono component into a candidate part (value or pending), or null to drop it. */
function convert(ctx: TimeContext, c: ParsedComponents, relative: boolean, text: string): Pick<Candidate, 'value' | 'pending' | 'relative'> | null {
  if (!hasDate(c)) return null;
  if (known(c, 'weekday') && !known(c, 'day') && !known(c, 'month')) {
    if (!ctx.ref) return null;
    if (/weekend/i.test(text)) return { value: null, pending: { type: 'weekend', shift: shiftOf(text) } };
    return { value: null, pending: { type: 'weekday', weekday: c.get('weekday')!, shift: shiftOf(text) } };
  }
  if (relative) {
    if (!ctx.ref) return null;
    return { value: statedValue(c) ?? { y: c.get('year')!, m: c.get('month')!, d: c.get('day')! }, relative: true };
  }
  const stated = statedValue(c);
  if (stated && (/\d{4}|'\d\d/.test(text) || ctx.ref)) return { value: stated };
  if (!ctx.ref) return null;
  if (known(c, 'month')) {
    return { value: null, pending: { type: 'month', month: c.get('month')!, day: known(c, 'day') ? c.get('day')! : undefined, weekday: known(c, 'weekday') ? c.get('weekday')! : undefined, shift: null } };
  }
  return null;
}

/** Splits "May 25 to June 4" into the end part's offset within the text. */
function endPartOffset(text: string): number {
  const word = [...text.matchAll(/\s+(?:to|until|through|till|thru)\s+/gi)].pop();
  if (word) return word.index! + word[0].length;
  const dash = [...text.matchAll(/\s*[-–—]\s*/g)].pop();
  return dash ? dash.index! + dash[0].length : -1;
}

function weekRange(ref: Ymd, text: string): Pick<Candidate, 'value' | 'from' | 'until' | 'kind' | 'relative'> | null {
  const t = text.toLowerCase();
  let from: Ymd;
  let until: Ymd;
  if (/\bpast\s+week\b/.test(t)) {
    from = addDays(ref, -7);
    until = ref;
  } else {
    const shift = /\b(last|previous)\b/.test(t) ? -1 : /\b(next|coming)\b/.test(t) ? 1 : /\bthis\b/.test(t) ? 0 : null;
    if (shift === null) return null;
    from = addDays(mondayOf(ref), 7 * shift);
    until = addDays(from, 6);
  }
  return { value: from, from, until, kind: 'range', relative: true };
}

/** chrono-node reads these from the anchor date; in news they count from an event in the narrative. */
const ANAPHORIC = /^(?:in\s+the\s+\w+|(?:the\s+)?(?:next|following|previous|same)\s+day|the\s+\w+\s+(?:before|after)|.*\b(?:days?|weeks?|months?|years?)\s+(?:later|earlier|after|before))$/i;

const DURATION = /^(?:for|after)\s+(?:\S+\s+){0,2}(?:days?|weeks?|months?|years?|decades?)$/i;
const IN_UNITS = /^in\s+(?:[a-z]+\s+)?\S+\s+(?:day|week|month|year|decade)s?$/i;
/** "the lowest level in 40 years", "the first time in 36 years": a length of time, whatever the tense. */
const SUPERLATIVE = /\b(?:first|only|lowest|highest|biggest|largest|smallest|worst|best|strongest|weakest|most|least|sharpest|steepest|fastest|slowest|longest|shortest|deepest|greatest|record)\b/i;
const WITHIN = new RegExp(String.raw`^within\s+(?:the\s+next\s+)?${COUNT_WORD}\s+(day|week|month|year)s?$`, 'i');

/** The first month or weekday name after the start of a text (to read "1.5400 February 23" again). */
const NAME_AFTER_START = new RegExp(String.raw`(.*?[\s-])(?:${MONTH_PATTERN}|${WEEKDAY_PATTERN})(?![A-Za-z])`, 'i');

const TRIGGER = /\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|today|tonight|yesterday|tomorrow|ago|week|month|year|day|morning|afternoon|evening|night|later|earlier|within|noon|midnight|last|next|this)/i;

export const chronoParser: TimeParser = {
  name: 'chrono',
  role: 'parser',
  trigger: TRIGGER,
  extract(ctx: TimeContext, s: SentenceView): Candidate[] {
    // chrono reads its reference with local-time getters: a local noon keeps the calendar day in any zone
    const ref = ctx.ref ?? { y: 2000, m: 1, d: 1 };
    const refDate = new Date(ref.y, ref.m - 1, ref.d, 12);
    const out: Candidate[] = [];
    const take = (r: ParsedResult, base: number, depth: number): void => {
      // chrono-node's text may carry the punctuation around a date (", April 13"): keep the words only
      const lead = /^[\s,(]*/.exec(r.text)![0].length;
      // a bare hour after a date ("Jan. 1, 1990 at 1,015 francs") is no time of day: leave it out
      const text = r.text.slice(lead).replace(/[\s,)]+$/, '').replace(/\s+at\s+\d{1,2}$/i, '');
      if (!text) return;
      const start = base + r.index + lead;
      const end = start + text.length;
      if (/\bnow\b/i.test(text) && !/\d/.test(text)) return;
      if (/^this\s+(?:morning|afternoon|evening)$/i.test(text)) {
        // chrono-node gives these a time and no day: the day is the anchor's
        if (ctx.ref) out.push({ start, end, sentence: s.index, rule: 'chrono', kind: 'date', value: ctx.ref, relative: true });
        return;
      }
      if (ANAPHORIC.test(text)) return; // counted from another event, not from the anchor: see anaphora.ts
      if (r.end && /^in\s+the\s+(?:day|week|month|year)s?\b/i.test(text)) {
        // "In the year to January" is no range from "in one year": keep the end alone
        const off = endPartOffset(text);
        const tail = off > 0 ? convert(ctx, r.end, isRelative(r.end, text.slice(off)), text.slice(off)) : null;
        if (tail) out.push({ start: start + off, end, sentence: s.index, rule: 'chrono', kind: 'date', ...tail });
        return;
      }
      if (DURATION.test(text)) return; // "for two years", "after 30 years of ...": a length of time, not a date
      // "in 23 years" is a point ahead only in the future tense ("the first visit in 23 years" is a length)
      if (IN_UNITS.test(text) && (ctx.tense({ start, end, sentence: s.index }) !== 'future' || SUPERLATIVE.test(ctx.text.slice(Math.max(s.start, start - 80), start)))) return;
      if (/\//.test(text) && /[A-Za-z]{3}/.test(text)) return; // "June 9/12" is two days, not 2012
      if (/\b(?:Year|Month|Week|Day)\s+of\b/.test(ctx.text.slice(start, end + 4))) return; // "this Year of Action"
      const within = WITHIN.exec(text);
      if (within && ctx.ref) {
        const n = /^\d+$/.test(within[1]) ? +within[1] : COUNTS[within[1].toLowerCase()];
        if (n !== undefined) {
          // "within three years" of the anchor: that day three years on
          const at = moveBy(ctx.ref, n, within[2].toLowerCase());
          out.push({ start, end, sentence: s.index, rule: 'chrono/within', kind: 'deadline', value: at, due: at, relative: true });
          return;
        }
      }
      const tags = r.tags();
      if (tags.has('parser/SlashDateFormatParser') && !r.start.isCertain('year')) return;
      if (!plausibleWeekday(text)) return;
      if (/\b(?:past|last|previous|next|coming|this)\s+\S+\s+(?:day|week|month|year)s\b/i.test(text)) {
        const st = ctx.ref ? stretch(ctx.ref, text) : null;
        if (st) out.push({ start, end: start + st.length, sentence: s.index, rule: 'chrono/stretch', ...st.part });
        return;
      }
      const off = r.end ? endPartOffset(text) : -1;
      const headText = off > 0 ? text.slice(0, off) : text;
      const relative = isRelative(r.start, headText);
      if (!plausibleNumbers(ctx.text, start, end, text, r.start.isCertain('year') && !relative)) {
        // "1.5400 February 23", "March 15-April 20": read again without the number chrono-node took
        const word = NAME_AFTER_START.exec(text);
        const skip = word ? word.index + word[1].length : /^\S+?[\s-]+(?=\S)/.exec(text)?.[0].length;
        if (depth === 0 && skip) for (const r2 of engine.parse(text.slice(skip), refDate)) take(r2, start + skip, 1);
        return;
      }
      if (/\bweek\b/i.test(text) && !/\d/.test(text) && relative && !/\bago\b/i.test(text) && !r.end) {
        const week = ctx.ref ? weekRange(ctx.ref, text) : null;
        if (week) {
          out.push({ start, end, sentence: s.index, rule: 'chrono/week', ...week });
          return;
        }
      }
      const head = convert(ctx, r.start, relative, headText);
      if (!head) return;
      const onlyMonth = head.pending?.type === 'month' && head.pending.day === undefined;
      if (onlyMonth || (head.value && head.value.m !== undefined && head.value.d === undefined && !/\d/.test(text) && !relative)) {
        // a month word alone (chrono's text may carry a leading preposition): check the word itself
        const m = /[A-Za-z]+\.?\s*$/.exec(text);
        const wStart = m ? start + m.index : start;
        if (monthOf(ctx.text.slice(wStart, end).trim()) !== undefined && !plausibleLoneMonth(ctx, s, wStart, end)) return;
      }
      const cand: Candidate = { start, end, sentence: s.index, rule: 'chrono', kind: 'date', ...head };
      if (r.end && off > 0) {
        // "revision Friday to December's figures" is no range
        const possessive = /^['’]s\b/.test(ctx.text.slice(end, end + 3));
        const tail = off > 0 ? convert(ctx, r.end, isRelative(r.end, text.slice(off)), text.slice(off)) : null;
        cand.end = start + text.slice(0, off).replace(/\s*(?:to|until|through|till|thru|[-–—])\s*$/i, '').length;
        const tailCand: Candidate | null = tail ? { start: start + off, end, sentence: s.index, rule: 'chrono', kind: possessive ? 'date' : 'range', ...tail } : null;
        if (tailCand && !possessive) {
          cand.kind = 'range';
          cand.to = tailCand;
        } else if (tailCand) out.push(tailCand);
      }
      out.push(cand);
    };
    const sentenceEngine = engineFor(s.text);
    if (sentenceEngine) for (const r of sentenceEngine.parse(s.text, refDate)) take(r, s.start, 0);
    return out;
  },
};
