/**
 * Word lists the time rules share: typed dictionaries, compiled to regular expressions longest-first
 * (chrono-node's habit), so a rule reads `MONTH_PATTERN` rather than spelling months again.
 */

export const MONTHS: Record<string, number> = {
  january: 1, jan: 1, february: 2, feb: 2, march: 3, mar: 3, april: 4, apr: 4, may: 5, june: 6, jun: 6,
  july: 7, jul: 7, august: 8, aug: 8, september: 9, sept: 9, sep: 9, october: 10, oct: 10, november: 11,
  nov: 11, december: 12, dec: 12,
};

export const WEEKDAYS: Record<string, number> = {
  sunday: 0, sun: 0, monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4,
  thu: 4, thur: 4, thurs: 4, friday: 5, fri: 5, saturday: 6, sat: 6,
};

/** Month words that are also ordinary English words ("may" the modal, "march" the verb). */
export const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'mar', 'jan', 'dec', 'sep', 'jun', 'jul', 'aug', 'apr', 'oct', 'nov', 'feb']);

export const UNITS: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19,
};

export const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};

/** Longest-first alternation of a dictionary's keys, for use inside a RegExp. */
export function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

export const MONTH_PATTERN = `(?:${alternation(Object.keys(MONTHS))})\\.?`;
export const WEEKDAY_PATTERN = `(?:${alternation(Object.keys(WEEKDAYS))})\\.?`;
const UNIT_PATTERN = alternation(Object.keys(UNITS).filter((w) => w !== 'zero'));
const TENS_PATTERN = alternation(Object.keys(TENS));
/** "ninety-six", "ninety six", "ninety", "twelve": a number from 1 to 99 in words. */
export const WORD_NUMBER_99 = `(?:(?:${TENS_PATTERN})(?:[\\s-](?:${UNIT_PATTERN}))?|${UNIT_PATTERN})`;

export function monthOf(word: string): number | undefined {
  return MONTHS[word.toLowerCase().replace(/\.$/, '')];
}

export function weekdayOf(word: string): number | undefined {
  return WEEKDAYS[word.toLowerCase().replace(/\.$/, '')];
}

/** 1-99 from words: "ninety-six" → 96, "twelve" → 12; undefined if not a number word. */
export function wordNumber(s: string): number | undefined {
  const parts = s.toLowerCase().split(/[\s-]+/).filter(Boolean);
  if (parts.length === 1) return UNITS[parts[0]] ?? TENS[parts[0]];
  if (parts.length === 2 && TENS[parts[0]] !== undefined && UNITS[parts[1]] !== undefined && UNITS[parts[1]] < 10) return TENS[parts[0]] + UNITS[parts[1]];
  return undefined;
}

/**
 * Words that, right after a 4-digit number, show it counts things rather than naming a year
 * ("2000 troops", "1990 tonnes"). A year can modify plural nouns too ("1989 results"), so the list holds
 * only countable units.
 */
export const COUNT_NOUNS = new Set(
  ('people persons troops soldiers police policemen officers workers employees staff members jobs tons tonnes ' +
    'shares units vehicles cars trucks tanks aircraft planes ships barrels acres hectares miles km kilometres ' +
    'kilometers metres meters feet ft yards dollars dlrs usd marks yen francs pounds euros rupees yuan points ' +
    'votes seats delegates students cases deaths dead refugees prisoners detainees residents copies homes houses ' +
    'rounds rockets missiles hours hrs gmt bpd families children women men civilians families pct percent ' +
    'times kg kilograms lbs calories words pages items rooms beds patients visitors tourists participants ' +
    'companies firms banks villages schools mw megawatts mln bln billion million thousand').split(' '),
);

/** Prepositions and modifiers that may introduce a bare month name ("in May", "since March", "early May"). */
export const MONTH_INTRODUCERS = new Set(
  ('in on since by until till through thru from to during before after of early late mid last this next ' +
    'between and or around about beginning end start middle into throughout ending starting until since ' +
    'following past coming than').split(' '),
);
