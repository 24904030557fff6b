/**
 * Expressions counted from the time the narrative last mentioned rather than from the publication date:
 * "that year", "the same day", "the following month", "the previous year", "two days later", "a week
 * earlier", "later in the day". The parser marks them; the refiner, run once the other candidates are
 * resolved, counts from the nearest earlier candidate of fine enough granularity in the same or the two
 * previous sentences, else from the anchor date ("later in the day" in a report is the report's day).
 * "that year" with nothing to refer to is dropped rather than guessed.
 */
import { type PartialDate, type Ymd, addDays, addMonths, mondayOf } from '../calendar.js';
import { wordNumber } from '../lexicon.js';
import type { Candidate, SentenceView, TimeContext, TimeParser, TimeRefiner } from '../types.js';

type Unit = 'day' | 'week' | 'month' | 'year';
const UNIT = String.raw`(day|week|month|year)`;
const COUNT = String.raw`(a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d{1,2})`;

type Reading = { unit: Unit; offset: number; same: boolean; form: 'named' | 'count' | 'within' };
const PATTERNS: { re: RegExp; read: (m: RegExpExecArray) => Reading | null }[] = [
  { re: new RegExp(String.raw`\b(?:that|the\s+same)\s+${UNIT}\b`, 'gi'), read: (m) => ({ unit: unit(m[1]), offset: 0, same: true, form: 'named' }) },
  { re: new RegExp(String.raw`\bthe\s+(following|next|subsequent|previous|preceding|prior)\s+${UNIT}\b`, 'gi'), read: (m) => ({ unit: unit(m[2]), offset: /^(previous|preceding|prior)$/i.test(m[1]) ? -1 : 1, same: false, form: 'named' }) },
  { re: new RegExp(String.raw`\bthe\s+${UNIT}\s+(before|after|earlier|later)(?=\s*[,.;:)]|\s*$)`, 'gi'), read: (m) => ({ unit: unit(m[1]), offset: /^(before|earlier)$/i.test(m[2]) ? -1 : 1, same: false, form: 'named' }) },
  {
    re: new RegExp(String.raw`\b${COUNT}\s+${UNIT}s?\s+(earlier|later|(?:before|after)(?=\s*[,.;:)]|\s*$|\s+(?:when|as|in|on|at|and|but)\b))`, 'gi'),
    read: (m) => {
      const n = /^\d+$/.test(m[1]) ? +m[1] : /^an?$/i.test(m[1]) ? 1 : wordNumber(m[1]);
      return n === undefined ? null : { unit: unit(m[2]), offset: /^(earlier|before)/i.test(m[3]) ? -n : n, same: false, form: 'count' };
    },
  },
  { re: new RegExp(String.raw`\b(?:earlier|later)\s+(?:in\s+)?(?:the|that)\s+${UNIT}\b`, 'gi'), read: (m) => ({ unit: unit(m[1]), offset: 0, same: false, form: 'within' }) },
];

function unit(w: string): Unit {
  return w.toLowerCase() as Unit;
}

export const anaphoraParser: TimeParser = {
  name: 'anaphora',
  role: 'parser',
  trigger: /\b(?:day|week|month|year)s?\b/i,
  extract(_ctx: TimeContext, s: SentenceView): Candidate[] {
    const out: Candidate[] = [];
    for (const { re, read } of PATTERNS) {
      re.lastIndex = 0;
      for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
        const a = read(m);
        if (!a) continue;
        out.push({ start: s.start + m.index, end: s.start + m.index + m[0].length, sentence: s.index, rule: 'anaphora', kind: 'date', value: null, pending: { type: 'anaphor', ...a } });
      }
    }
    return out;
  },
};

const fine = (v: PartialDate, u: Unit) => (u === 'year' ? true : u === 'month' ? v.m !== undefined : v.d !== undefined);

export const anaphoraResolver: TimeRefiner = {
  name: 'anaphora/resolve',
  role: 'refiner',
  refine(ctx: TimeContext, cands: Candidate[]): Candidate[] {
    const out: Candidate[] = [];
    for (const c of cands) {
      const p = c.pending;
      if (!p || p.type !== 'anaphor') {
        out.push(c);
        continue;
      }
      // the antecedent: the nearest earlier date, not itself an anaphor, in a window that grows with the unit
      const window = p.form === 'within' ? 0 : p.unit === 'day' || p.unit === 'week' ? 2 : 4;
      let ante: Candidate | null = null;
      for (let i = out.length - 1; i >= 0; i--) {
        const a = out[i];
        if (a.sentence < c.sentence - window) break;
        if (a.value && a.kind !== 'deadline' && !a.rule.startsWith('anaphora') && fine(a.value, p.unit)) {
          ante = a;
          break;
        }
      }
      let base: PartialDate | null = ante?.value ?? null;
      c.rule = base ? 'anaphora/antecedent' : 'anaphora/anchor';
      if (!base) {
        if (p.same || !ctx.ref) continue;
        base = ctx.ref;
      }
      const day: Ymd = { y: base.y, m: base.m ?? 1, d: base.d ?? 1 };
      // "a year earlier" than a stated day ("the quarter ended Sept. 30") is that day a year before
      const exactDay = p.form === 'count' && ante && base.d !== undefined && !ante.relative && !ante.rule.startsWith('resolve/weekday');
      if (p.unit === 'year') c.value = exactDay ? addMonths(day, 12 * p.offset) : { y: base.y + p.offset };
      else if (p.unit === 'month') {
        const m = addMonths(day, p.offset);
        c.value = { y: m.y, m: m.m };
      } else if (p.unit === 'day') c.value = addDays(day, p.offset);
      else {
        const from = addDays(mondayOf(day), 7 * p.offset);
        c.value = from;
        c.from = from;
        c.until = addDays(from, 6);
        c.kind = 'range';
      }
      c.pending = undefined;
      out.push(c);
    }
    return out;
  },
};
