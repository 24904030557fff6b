/**
 * The time stage: each news rule on sentences of our own, negative cases, and the TimeBank evaluation
 * in-process (the same parsing and matching as ../shared/tools/score.mjs timeml) with floors that only rise.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../src/core/nlp.js';
import { TIME_RULES, datelineDate, deadlineOf, resolveTimes, type TimeResult } from '../src/core/stages/times/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)); // dist/test → project root
const TIMEBANK = join(ROOT, '../shared/gold/timebank');

const analyze = createAnalyzer();
const run = (text: string, pub: string | null, dateline?: string | null) => resolveTimes(analyze(text), pub, dateline);

/** The result whose text contains `phrase` (its own span, not a neighbour's). */
function at(results: TimeResult[], text: string, phrase: string): TimeResult | undefined {
  const i = text.indexOf(phrase);
  assert.ok(i >= 0, `test bug: "${phrase}" not in text`);
  return results.find((r) => r.start < i + phrase.length && r.end > i);
}

function valueOf(text: string, pub: string | null, phrase: string, dateline?: string | null): string | undefined {
  return at(run(text, pub, dateline), text, phrase)?.value;
}

// 2022-07-08 is a Friday (the seed article's date); 2022-07-11 a Monday.
const FRIDAY = '2022-07-08';
const MONDAY = '2022-07-11';

test('seed article: "on Thursday", "this year", "within this year"', () => {
  const raw = readFileSync(join(ROOT, '../shared/seed/seed-article.txt'), 'utf8');
  const body = raw.replace(/^\s*date\s+\d{4}-\d{2}-\d{2}\s+[^-]+-\s*/, '');
  const rs = run(body, FRIDAY, 'Bali');
  assert.equal(at(rs, body, 'on Thursday')?.value, '2022-07-07');
  assert.equal(at(rs, body, 'this year marks')?.value, '2022');
  const within = at(rs, body, 'within this year');
  assert.equal(within?.value, '2022-12-31');
  assert.equal(within?.kind, 'deadline');
  assert.equal(within?.text, 'within this year');
  for (const r of rs) assert.equal(body.slice(r.start, r.end), r.text);
});

test('bare weekday: past tense looks back, future tense looks forward, the anchor weekday is the anchor', () => {
  assert.equal(valueOf('The ministers met on Monday in Jakarta.', FRIDAY, 'Monday'), '2022-07-04');
  assert.equal(valueOf('The ministers will meet on Monday in Jakarta.', FRIDAY, 'Monday'), '2022-07-11');
  assert.equal(valueOf('The ministers are going to meet Monday.', FRIDAY, 'Monday'), '2022-07-11');
  assert.equal(valueOf('The talks are scheduled to resume Tuesday.', FRIDAY, 'Tuesday'), '2022-07-12');
  assert.equal(valueOf('The spokesman said Friday that talks had ended.', FRIDAY, 'Friday'), FRIDAY);
  assert.equal(valueOf('The spokesman said Thursday that talks had ended.', FRIDAY, 'Thursday'), '2022-07-07');
  // the verb the date attaches to, not the infinitive after it
  assert.equal(valueOf('Wang and Park agreed here on Thursday to expand cooperation.', FRIDAY, 'Thursday'), '2022-07-07');
  // the governing clause's tense when the infinitive is no plan
  assert.equal(valueOf('The index shed 47 points to close at 2082 on Wednesday.', FRIDAY, 'Wednesday'), '2022-07-06');
  // a possessive weekday reports what happened
  assert.equal(valueOf("Friday's vote surprised observers.", MONDAY, 'Friday'), FRIDAY);
  // a modal perfect looks back
  assert.equal(valueOf('The chip may have been responsible for a decline on Wednesday.', FRIDAY, 'Wednesday'), '2022-07-06');
});

test('shifted weekdays: "last Friday", "next Monday", "this Tuesday", weekends', () => {
  assert.equal(valueOf('He resigned last Friday.', FRIDAY, 'last Friday'), '2022-07-01');
  assert.equal(valueOf('He resigned last Friday.', MONDAY, 'last Friday'), FRIDAY);
  assert.equal(valueOf('He will resign next Monday.', FRIDAY, 'next Monday'), '2022-07-11');
  assert.equal(valueOf('He will resign this Tuesday.', FRIDAY, 'this Tuesday'), '2022-07-12');
  // a weekday after a date confirms it and picks its year
  assert.equal(valueOf('The court resumed on April 8 (Monday).', '2019-04-04', 'April 8'), '2019-04-08');
  assert.equal(at(run('The court resumed on April 8 (Monday).', '2019-04-04'), 'The court resumed on April 8 (Monday).', 'April 8')?.text, 'April 8 (Monday)');
  const weekend = at(run('They met over the weekend.', MONDAY), 'They met over the weekend.', 'weekend');
  assert.equal(weekend?.kind, 'range');
  assert.equal(weekend?.from, '2022-07-09');
  assert.equal(weekend?.until, '2022-07-10');
});

test('months without a year: tense, "last", "this", and the current calendar year', () => {
  const pub = '2022-03-10';
  assert.equal(valueOf('The two sides met in December.', pub, 'December'), '2021-12');
  assert.equal(valueOf('The two sides will meet in January.', pub, 'January'), '2023-01');
  assert.equal(valueOf('The two sides will meet in May.', pub, 'May'), '2022-05');
  assert.equal(valueOf('Prices rose 12.53% in February.', pub, 'February'), '2022-02');
  assert.equal(valueOf('They signed the accord last April.', pub, 'last April'), '2021-04');
  assert.equal(valueOf('Elections are due this September.', pub, 'this September'), '2022-09');
  // a date a few days ahead stays in this year even when the verb is past ("extended to")
  assert.equal(valueOf('The offer was extended to March 20.', pub, 'March 20'), '2022-03-20');
  assert.equal(valueOf('The dividend is payable April 15 to holders of record.', pub, 'April 15'), '2022-04-15');
  assert.equal(valueOf('No inspection had been allowed since Jan. 13.', pub, 'Jan. 13'), '2022-01-13');
  // a weekday with the date picks the year in which they agree
  assert.equal(valueOf('Shares fell on Friday Oct. 13.', '1989-10-27', 'Friday Oct. 13'), '1989-10-13');
  // month and year read apart
  assert.equal(valueOf('It was founded in June last year.', pub, 'June last year'), '2021-06');
  assert.equal(valueOf('It was founded in January nineteen ninety-seven.', pub, 'January nineteen'), '1997-01');
});

test('ranges: both ends get a span, a value, and the range', () => {
  const text = 'The Secretary will travel to Jakarta from May 25 to June 4.';
  const rs = run(text, '2022-05-10');
  const a = at(rs, text, 'May 25');
  const b = at(rs, text, 'June 4');
  assert.deepEqual([a?.value, a?.kind, a?.from, a?.until], ['2022-05-25', 'range', '2022-05-25', '2022-06-04']);
  assert.deepEqual([b?.value, b?.kind, b?.from, b?.until], ['2022-06-04', 'range', '2022-05-25', '2022-06-04']);
  assert.equal(a?.text, 'May 25');
  assert.equal(b?.text, 'June 4');
  const days = run('Envoy Lenderking will travel to Riyadh on June 15-17.', '2021-06-14');
  assert.deepEqual(days.map((r) => r.value), ['2021-06-15', '2021-06-17']);
  const years = run('Output grew from 1985 to 1990 and again in 1991-93.', FRIDAY);
  assert.deepEqual(years.map((r) => r.value), ['1985', '1990', '1991', '1993']);
  const week = at(run('The index fell last week.', FRIDAY), 'The index fell last week.', 'last week');
  assert.deepEqual([week?.kind, week?.from, week?.until], ['range', '2022-06-27', '2022-07-03']);
  const stretch = at(run('Relations grew over the past 30 years.', FRIDAY), 'Relations grew over the past 30 years.', 'past 30');
  assert.deepEqual([stretch?.kind, stretch?.from, stretch?.until], ['range', '1992', '2022']);
});

test('deadlines: the value is the last day of the period', () => {
  const by = at(run('The plant will close by 2030.', FRIDAY), 'The plant will close by 2030.', '2030');
  assert.deepEqual([by?.text, by?.value, by?.kind, by?.due], ['by 2030', '2030-12-31', 'deadline', '2030-12-31']);
  assert.equal(valueOf('They pledged to finish by the end of the month.', FRIDAY, 'end of the month'), '2022-07-31');
  assert.equal(valueOf('They will decide before the end of the year.', FRIDAY, 'end of the year'), '2022-12-31');
  // "the" left out of the expression's own span still belongs to the deadline
  for (const [text, part, value] of [
    ['They agreed to free the crew before the end of February.', 'end of February', '2023-02-28'],
    ['They pledged to finish by the end of the month.', 'end of the month', '2022-07-31'],
  ]) {
    const d = at(run(text, text.includes('February') ? '2023-02-01' : FRIDAY), text, part);
    assert.deepEqual([d?.kind, d?.value, d?.text.split(' ')[0]], ['deadline', value, text.includes('before') ? 'before' : 'by'], text);
  }
  assert.equal(valueOf('A deal is expected no later than March.', '2022-01-10', 'March'), '2022-03-31');
  assert.equal(valueOf('Japan should lift the controls within three years.', '1987-03-03', 'within three years'), '1990-03-03');
  const next = at(run('He will visit Seoul next month.', FRIDAY), 'He will visit Seoul next month.', 'next month');
  assert.deepEqual([next?.value, next?.due], ['2022-08', '2022-08-31']);
  assert.equal(deadlineOf({ value: '2022-08' }), '2022-08-31');
  assert.equal(deadlineOf({ value: '2024-02' }), '2024-02-29');
  assert.equal(deadlineOf({ value: '2030' }), '2030-12-31');
  assert.equal(deadlineOf({ value: '2022-07-07' }), '2022-07-07');
  assert.equal(deadlineOf({ value: 'soon' }), null);
});

test('today, yesterday, tomorrow, last/this/next month and year, ago', () => {
  const text = 'He spoke today, met Wang yesterday and leaves tomorrow. Sales fell last month and rose last year, two weeks ago, five months ago and this month.';
  const rs = run(text, FRIDAY);
  const v = (p: string) => at(rs, text, p)?.value;
  assert.equal(v('today'), FRIDAY);
  assert.equal(v('yesterday'), '2022-07-07');
  assert.equal(v('tomorrow'), '2022-07-09');
  assert.equal(v('last month'), '2022-06');
  assert.equal(v('last year'), '2021');
  assert.equal(v('two weeks ago'), '2022-06-24');
  assert.equal(v('five months ago'), '2022-02');
  assert.equal(v('this month'), '2022-07');
  assert.equal(valueOf('Earlier this month, the bank cut rates.', FRIDAY, 'Earlier this month'), '2022-07');
  assert.equal(at(run('Earlier this month, the bank cut rates.', FRIDAY), 'Earlier this month, the bank cut rates.', 'month')?.text, 'Earlier this month');
  assert.equal(valueOf('Construction will begin in early 1991.', '1989-10-26', 'early 1991'), '1991');
  assert.equal(valueOf('The draft will be handed over this afternoon.', FRIDAY, 'this afternoon'), FRIDAY);
  assert.equal(valueOf('He will return in two years.', FRIDAY, 'two years'), '2024');
  assert.equal(valueOf('It was the first visit by a president in 23 years.', FRIDAY, '23 years'), undefined);
  assert.equal(valueOf('The mark rose to 1.5870 from 1.5400 February 23.', '1987-03-06', 'February 23'), '1987-02-23');
  assert.equal(valueOf('Results are due in mid-November.', '1989-10-27', 'mid-November'), '1989-11');
});

test('years: bare, fiscal, spelled out, with modifiers; counts and identifiers are not years', () => {
  assert.equal(valueOf('The company earned $5 million in fiscal 1989.', FRIDAY, 'fiscal 1989'), '1989');
  assert.equal(valueOf('The group began to fall apart in mid-1996.', FRIDAY, 'mid-1996'), '1996');
  assert.equal(valueOf('Rates fell in nineteen ninety-six.', FRIDAY, 'nineteen'), '1996');
  assert.equal(valueOf('They hope to finish before the year two thousand.', '1998-02-05', 'two thousand'), '2000');
  assert.equal(valueOf('He was born in 1815.', FRIDAY, '1815'), '1815');
  assert.equal(valueOf('Sales rose in the current fiscal year.', '1989-11-02', 'current fiscal year'), '1989');
  assert.equal(valueOf('Net income rose from year-earlier levels.', '1989-11-02', 'year-earlier'), '1988');
  assert.equal(valueOf('The percentage change is since year-end.', '1989-10-30', 'year-end'), '1988-12-31');
  assert.equal(run('2000 troops landed, Resolution 1973 passed and 1,990 members voted at 1930 GMT.', FRIDAY).length, 0);
  assert.equal(run('The 1990s were hard; in recent years it improved.', FRIDAY).length, 0);
});

test('anaphora: counted from the time the narrative last mentioned', () => {
  assert.equal(valueOf('In 1995, sales fell. The following year they rose.', FRIDAY, 'following year'), '1996');
  assert.equal(valueOf('In March, it received an offer. The following month, it put itself up for sale.', '1989-10-27', 'following month'), '1989-04');
  assert.equal(valueOf('For the quarter ended Sept. 30, it earned $5, up from $4 a year earlier.', '1989-10-26', 'a year earlier'), '1988-09-30');
  assert.equal(valueOf('He arrived in Philadelphia later in the day.', FRIDAY, 'later in the day'), FRIDAY);
  assert.equal(valueOf('Sales rose, compared with a year earlier.', FRIDAY, 'a year earlier'), '2021');
  // "that year" with nothing to refer to is not guessed
  assert.equal(valueOf('Nobody knew what happened that year.', FRIDAY, 'that year'), undefined);
});

test('datelines: the date, the year from publication, and the anchor it sets', () => {
  const text = 'MOSCOW, April 13 - Russia said today it would respond on Friday.';
  const rs = run(text, '2022-04-14');
  const d = at(rs, text, 'April 13');
  assert.deepEqual([d?.value, d?.rule, d?.text], ['2022-04-13', 'dateline', 'April 13']);
  assert.equal(at(rs, text, 'today')?.value, '2022-04-13');
  // the dateline field moves the anchor too (filed the day after the publication date given)
  assert.equal(valueOf('EC ministers met today in Brussels.', '1987-03-16', 'today', 'BRUSSELS, March 17 -'), '1987-03-17');
  assert.equal(valueOf('EC ministers met today in Brussels.', '1987-03-16', 'today', 'Bali'), '1987-03-16');
  assert.equal(datelineDate('TOKYO, March 3 -', '1987-03-03'), '1987-03-03');
  assert.equal(datelineDate('UNITED NATIONS, Oct 19 -', '1987-10-20'), '1987-10-19');
  assert.equal(datelineDate('WASHINGTON, Dec. 31 -', '1990-01-01'), '1989-12-31');
  assert.equal(datelineDate('Bali', '2022-07-08'), null);
  assert.equal(datelineDate(null, '2022-07-08'), null);
});

test('negative cases: not dates', () => {
  const none = (text: string) => assert.deepEqual(run(text, FRIDAY).map((r) => r.text), [], text);
  none('Prices rose 12.53% to 3.45.');
  none('It may rain. Theresa May said so.');
  none('Protesters will march on Washington. They march again.');
  none('Protesters March To Capitol');
  none('The ratio was 10/20 and the shares rose 7/8.');
  none('The meeting is at 10 a.m.');
  none('The Sun rose over the sea.');
  none('Now the time has come.');
  none('The talks lasted for two years after 30 years of silence.');
  none('She was named Person of the Year during this Year of Action.');
  none('Sales in the year ahead look weak.');
  assert.equal(valueOf('He left in May.', FRIDAY, 'May'), '2022-05');
});

test('no publication date: only absolute expressions', () => {
  const text = 'It happened on March 3, 1987, in 1990, yesterday, on Monday and last year. In 1995 sales fell; the following year they rose.';
  const rs = run(text, null);
  assert.deepEqual(rs.map((r) => [r.text, r.value]), [
    ['March 3, 1987', '1987-03-03'],
    ['1990', '1990'],
    ['1995', '1995'],
    ['the following year', '1996'],
  ]);
});

test('every result has a span into the text, a well-formed value and a listed rule', () => {
  const text = 'MOSCOW, April 13 - Officials met on Monday, will meet again May 25 to June 4, and hope for a deal by the end of the year, before 2030, within this year; sales fell last week, in fiscal 1989 and since year-end.';
  const names = new Set(TIME_RULES.map((r) => r.name.split('/')[0]));
  const rs = run(text, '2022-04-14');
  assert.ok(rs.length >= 10);
  for (const r of rs) {
    assert.equal(text.slice(r.start, r.end), r.text);
    assert.match(r.value, /^\d{4}(-\d{2}(-\d{2})?)?$/);
    assert.ok(names.has(r.rule.split('/')[0]) || names.has(r.rule.split('/')[1] ?? ''), r.rule);
    if (r.until) assert.match(r.until, /^\d{4}(-\d{2}(-\d{2})?)?$/);
  }
  // pure: the same input gives the same output
  assert.deepEqual(run(text, '2022-04-14'), rs);
});

// ---------- TimeBank, in-process (the scorer's timeml mode) ----------


/** Floors a little under the figures reached; raise them when the rules improve, never lower them. */
const FLOORS = { found: 0.98, valueCorrect: 0.915, dayValueCorrect: 0.92 };

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

interface Timex {
  type?: string;
  value?: string;
  start: number;
  end: number;
}

function parseTml(xml: string): { dct: string | null; text: string; timexes: Timex[] } {
  const dct = (xml.match(/<DCT>\s*<TIMEX3[^>]*value="([^"]+)"/) || [])[1] || null;
  const body = (xml.match(/<TEXT>([\s\S]*)<\/TEXT>/) || [])[1] || '';
  let text = '';
  let i = 0;
  const timexes: Timex[] = [];
  let open: Timex | null = null;
  const re = /<[^>]+>/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    text += decode(body.slice(i, m.index));
    i = m.index + m[0].length;
    const tag = m[0];
    if (tag.startsWith('<TIMEX3')) {
      open = { type: (tag.match(/type="([^"]+)"/) || [])[1], value: (tag.match(/value="([^"]+)"/) || [])[1], start: text.length, end: -1 };
    } else if (tag.startsWith('</TIMEX3') && open) {
      open.end = text.length;
      timexes.push(open);
      open = null;
    }
  }
  text += decode(body.slice(i));
  return { dct: dct && dct.slice(0, 10), text, timexes: timexes.filter((t) => t.type === 'DATE' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(t.value || '')) };
}

function findTml(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).sort()) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...findTml(p));
    else if (f.endsWith('.tml') && !f.startsWith('._')) out.push(p);
  }
  return out;
}

test('TimeBank (183 news documents): resolved DATE values stay above their floors', { skip: !existsSync(TIMEBANK) && 'no ../shared/gold/timebank' }, () => {
  let total = 0;
  let found = 0;
  let correct = 0;
  let dayTotal = 0;
  let dayCorrect = 0;
  for (const path of findTml(TIMEBANK)) {
    const d = parseTml(readFileSync(path, 'utf8'));
    const times = resolveTimes(analyze(d.text), d.dct, null);
    for (const t of d.timexes) {
      total++;
      const s = times.find((x) => x.start < t.end && x.end > t.start);
      const ok = s !== undefined && s.value === t.value;
      if (s) found++;
      if (ok) correct++;
      if (/^\d{4}-\d{2}-\d{2}$/.test(t.value!)) {
        dayTotal++;
        if (ok) dayCorrect++;
      }
    }
  }
  assert.ok(total > 600, `expected the TimeBank DATE expressions, got ${total}`);
  const scores = { found: found / total, valueCorrect: correct / total, dayValueCorrect: dayCorrect / dayTotal };
  for (const [k, floor] of Object.entries(FLOORS)) {
    const v = scores[k as keyof typeof scores];
    assert.ok(v >= floor, `${k} ${v.toFixed(3)} fell below its floor ${floor}`);
  }
});
