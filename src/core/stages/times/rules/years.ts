/**
 * Years chrono-node leaves alone: bare years ("in 1990", "1990 and beyond"), fiscal years ("fiscal 1989",
 * "FY2021"), year ranges ("1985-90", "from 1990 to 1995"), and years in words ("nineteen ninety-six",
 * "the year two thousand"). TimeBank codes "fiscal 1989" as 1989, so we do.
 */
import { COUNT_NOUNS, WORD_NUMBER_99, wordNumber } from '../lexicon.js';
import type { Candidate, SentenceView, TimeContext, TimeParser } from '../types.js';

/** Words before a number that make it an identifier, not a year ("Resolution 1973", "Flight 2000"). */
const ID_WORDS = new Set(
  ('no nos number resolution resolutions flight route highway section article rule form model boeing airbus page ' +
    'pages room unit code version chapter item bill decree act law paragraph clause grade level opcode isbn issn ' +
    'windows office vol volume tel phone fax ext box suite apartment apt lot exit gate platform track bus ' +
    'division regiment brigade battalion squadron').split(' '),
);
/** Words before a pre-1900 number that make it a year ("in 1815"). */
const YEAR_PREPOSITIONS = new Set('in since from until till by before after of year around circa c during between to through'.split(' '));
const TIME_ZONES = /^\s*(?:gmt|utc|hrs|hours|h\b|local|est|edt|cet|cest|bst|ist|jst)/i;

const PREFIX = String.raw`(?:(fiscal(?:\s+year)?|fy|calendar(?:\s+year)?|the\s+year|model\s+year|mid-)\s*)?`;
const YEAR = String.raw`((?:1[0-9]|20)\d\d)`;
const SECOND = String.raw`(?:\s*([-–—/])\s*(\d{2}|(?:1[0-9]|20)\d\d)(?!\d)|\s+(to|through|until|till|and)\s+((?:1[0-9]|20)\d\d))?`;
const YEAR_RE = new RegExp(String.raw`(?<![\w$£€¥#@&/.,:-]|\d[.,])` + PREFIX + YEAR + SECOND + String.raw`(?![\w%°]|[.,]\d|/\d|-\d|'s\b)`, 'gi');

function prevWord(text: string, at: number): string | undefined {
  return /([A-Za-z.]+)\W*$/.exec(text.slice(Math.max(0, at - 40), at))?.[1]?.toLowerCase().replace(/\.$/, '');
}

function nextWord(text: string, at: number): string | undefined {
  return /^\s*([A-Za-z]+)/.exec(text.slice(at, at + 40))?.[1]?.toLowerCase();
}

export const yearParser: TimeParser = {
  name: 'year',
  role: 'parser',
  trigger: /\d{4}/,
  extract(ctx: TimeContext, s: SentenceView): Candidate[] {
    const out: Candidate[] = [];
    YEAR_RE.lastIndex = 0;
    for (let m = YEAR_RE.exec(s.text); m; m = YEAR_RE.exec(s.text)) {
      const prefix = m[1];
      const y = +m[2];
      const start = s.start + m.index;
      const end = start + m[0].length;
      const yearEnd = s.start + m.index + m[0].indexOf(m[2]) + 4;
      const before = prevWord(ctx.text, s.start + m.index);
      const after = nextWord(ctx.text, m[3] || m[5] ? end : yearEnd);
      if (!prefix && before && ID_WORDS.has(before)) continue;
      if (after && COUNT_NOUNS.has(after)) continue;
      if (TIME_ZONES.test(ctx.text.slice(yearEnd, yearEnd + 8))) continue;
      if (y < 1900 && !prefix && !(before && YEAR_PREPOSITIONS.has(before))) continue;
      // a year range "1985-90", "1990/91", "from 1990 to 1995", "between 1990 and 1995"
      let y2: number | undefined;
      if (m[4]) y2 = m[4].length === 2 ? Math.floor(y / 100) * 100 + +m[4] : +m[4];
      else if (m[6] && (m[5].toLowerCase() !== 'and' || before === 'between')) y2 = +m[6];
      const rule = prefix && /^(?:fiscal|fy|calendar|model)/i.test(prefix) ? 'year/fiscal' : 'year';
      if (/\([A-Z]{2,6}\s*$/.test(ctx.text.slice(Math.max(0, start - 8), start))) continue; // a wire code "(NRKX 2024)"
      if (y2 !== undefined && y2 > y && y2 - y < 100) {
        const second = (m[4] ?? m[6]) as string;
        const head: Candidate = { start, end: yearEnd, sentence: s.index, rule: 'year/range', kind: 'range', value: { y } };
        head.to = { start: end - second.length, end, sentence: s.index, rule: 'year/range', kind: 'range', value: { y: y2 } };
        out.push(head);
        continue;
      }
      if (m[5] || m[3]) {
        // "1990 and 1991": keep the first year alone, the second matches on its own
        out.push({ start, end: yearEnd, sentence: s.index, rule, kind: 'date', value: { y } });
        YEAR_RE.lastIndex = yearEnd - s.start;
        continue;
      }
      out.push({ start, end, sentence: s.index, rule, kind: 'date', value: { y } });
    }
    return out;
  },
};

const CENTURY = String.raw`(eighteen|nineteen|twenty)[\s-]+(${WORD_NUMBER_99}|hundred|oh[\s-]+\w+)`;
const THOUSAND = String.raw`two[\s-]+thousand(?:(?:\s+and)?[\s-]+(${WORD_NUMBER_99}))?`;
const SPELLED_RE = new RegExp(String.raw`\b(the\s+year\s+)?(?:${CENTURY}|${THOUSAND})\b`, 'gi');
const SPELLED_CONTEXT = new Set('year in since from until till by before after of through to around early late mid during'.split(' '));

/** Years in words, as broadcast transcripts write them. */
export const spelledYearParser: TimeParser = {
  name: 'year/spelled',
  role: 'parser',
  trigger: /\b(?:nineteen|twenty|eighteen|thousand)\b/i,
  extract(ctx: TimeContext, s: SentenceView): Candidate[] {
    const out: Candidate[] = [];
    SPELLED_RE.lastIndex = 0;
    for (let m = SPELLED_RE.exec(s.text); m; m = SPELLED_RE.exec(s.text)) {
      let y: number | undefined;
      if (m[2]) {
        const cent = m[2].toLowerCase() === 'eighteen' ? 1800 : m[2].toLowerCase() === 'nineteen' ? 1900 : 2000;
        const rest = m[3].toLowerCase();
        if (rest === 'hundred') y = cent;
        else if (rest.startsWith('oh')) {
          const n = wordNumber(rest.replace(/^oh[\s-]+/, ''));
          y = n !== undefined && n < 10 ? cent + n : undefined;
        } else {
          const n = wordNumber(rest);
          y = n !== undefined && n >= 10 ? cent + n : undefined;
        }
      } else {
        const n = m[4] ? wordNumber(m[4]) : 0;
        y = n !== undefined ? 2000 + n : undefined;
      }
      if (y === undefined) continue;
      const start = s.start + m.index;
      const end = start + m[0].length;
      const before = prevWord(ctx.text, start);
      const after = nextWord(ctx.text, end);
      if (after && COUNT_NOUNS.has(after)) continue;
      // "two thousand" and "twenty twenty" are numbers unless something says year
      const needsContext = !m[1] && (!m[2] || m[2].toLowerCase() === 'twenty');
      const monthBefore = /(?:january|february|march|april|may|june|july|august|september|october|november|december)\s*,?\s*$/i.test(ctx.text.slice(Math.max(0, start - 12), start));
      if (needsContext && !monthBefore && !(before && SPELLED_CONTEXT.has(before))) continue;
      out.push({ start, end, sentence: s.index, rule: 'year/spelled', kind: 'date', value: { y } });
    }
    return out;
  },
};
