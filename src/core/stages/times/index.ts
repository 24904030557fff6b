/**
 * The time stage: every temporal expression in an article, resolved against the publication date (or the
 * dateline's date), with its span, a value (YYYY-MM-DD, YYYY-MM or YYYY) and the rule that produced it.
 * Pure: no clock (the only "now" is the publication date), no I/O.
 *
 *   resolveTimes(doc, '2022-07-08')  →  [{ start, end, text: 'on Thursday', value: '2022-07-07', rule, kind }]
 */
import type { Doc } from '../../nlp.js';
import { type PartialDate, type Ymd, formatValue, formatYmd, lastDayOf, parseValue, parseYmd, diffDays } from './calendar.js';
import { datelineYmd } from './rules/dateline.js';
import { TIME_RULES } from './rules.js';
import { type Tense, tenseAt } from './tense.js';
import type { Candidate, SentenceView, TimeContext, TimeResult, TimeRule } from './types.js';

export type { TimeResult, TimeKind, TimeRule, TimeParser, TimeRefiner, Candidate } from './types.js';
export type { Tense } from './tense.js';
export { TIME_RULES } from './rules.js';
export { datelineDate } from './rules/dateline.js';
export { tenseAt } from './tense.js';

export interface ResolveOptions {
  /** Rule names to switch off (e.g. ['chrono'] to see what the news rules find alone). */
  disable?: string[];
}

function createContext(doc: Doc, pubDate: string | null, dateline: string | null | undefined): TimeContext {
  const pub = parseYmd(pubDate);
  let ref: Ymd | null = pub;
  const dl = datelineYmd(dateline, pub);
  if (dl && (!pub || Math.abs(diffDays(pub, dl)) <= 7)) ref = dl;
  const memo = new Map<string, Tense>();
  return {
    doc,
    text: doc.text,
    pubDate: pub,
    ref,
    dateline: dateline ?? null,
    tense(c) {
      const key = `${c.start}:${c.end}`;
      let t = memo.get(key);
      if (t === undefined) {
        t = tenseAt(doc, c.sentence, c.start, c.end);
        memo.set(key, t);
      }
      return t;
    },
  };
}

/**
 * A candidate in the one object shape all candidates share, whichever parser made it: the refiners then
 * read and write the same fields of the same kind of object (V8 keeps their code monomorphic instead of
 * recompiling it for each new shape). Absent fields stay undefined, which every rule reads as absent.
 */
function uniform(c: Candidate): Candidate {
  return {
    start: c.start,
    end: c.end,
    sentence: c.sentence,
    rule: c.rule,
    kind: c.kind,
    value: c.value,
    pending: c.pending,
    to: c.to && uniform(c.to),
    from: c.from,
    until: c.until,
    due: c.due,
    relative: c.relative,
    endOfPeriod: c.endOfPeriod,
  };
}

function toResult(ctx: TimeContext, c: Candidate, range?: { from: PartialDate; until: PartialDate }): TimeResult | null {
  if (!c.value || c.start < 0 || c.end > ctx.text.length || c.end <= c.start) return null;
  // trim the span to its words
  let start = c.start;
  let end = c.end;
  while (start < end && /[\s,(]/.test(ctx.text[start])) start++;
  while (end > start && (/[\s,]/.test(ctx.text[end - 1]) || (ctx.text[end - 1] === ')' && !ctx.text.slice(start, end).includes('(')))) end--;
  // a sentence's full stop is not part of "last April." (but "Sept." keeps its abbreviation point)
  if (ctx.text[end - 1] === '.' && !/\b(?:[A-Z][a-z]{2,3}|[A-Z]\.[A-Z])\.$/.test(ctx.text.slice(Math.max(start, end - 6), end))) end--;
  const out: TimeResult = { start, end, text: ctx.text.slice(start, end), value: formatValue(c.value), rule: c.rule, kind: c.kind };
  const from = range?.from ?? c.from;
  const until = range?.until ?? c.until;
  if (from && until) {
    out.kind = 'range';
    out.from = formatValue(from);
    out.until = formatValue(until);
  }
  if (c.due) out.due = formatYmd(c.due);
  else if (until && out.kind === 'range') out.due = formatYmd(lastDayOf(until));
  else if (c.value.d === undefined) out.due = formatYmd(lastDayOf(c.value));
  return out;
}

/**
 * Every temporal expression of `doc`, in text order. `pubDate` (YYYY-MM-DD) anchors relative expressions;
 * when it is null only absolute ones ("March 3, 1987", "1990") are resolved. `dateline` is the article's
 * dateline field ("MOSCOW, April 13 -"): its date, when it gives one, becomes the anchor.
 */
export function resolveTimes(doc: Doc, pubDate: string | null, dateline?: string | null, options: ResolveOptions = {}): TimeResult[] {
  const ctx = createContext(doc, pubDate, dateline);
  const rules = options.disable?.length ? TIME_RULES.filter((r) => !options.disable!.includes(r.name)) : TIME_RULES;
  const sentences: SentenceView[] = doc.sentences.map((s, index) => ({ index, start: s.start, end: s.end, text: doc.text.slice(s.start, s.end) }));
  let cands: Candidate[] = [];
  for (const rule of rules as TimeRule[]) {
    if (rule.role === 'parser') {
      for (const s of sentences) {
        if (rule.trigger && !rule.trigger.test(s.text)) continue;
        for (const c of rule.extract(ctx, s)) cands.push(uniform(c));
      }
    } else {
      cands = rule.refine(ctx, cands);
    }
  }
  const out: TimeResult[] = [];
  for (const c of cands) {
    if (c.to && c.value && c.to.value) {
      const range = { from: c.value, until: c.to.value };
      const a = toResult(ctx, c, range);
      const b = toResult(ctx, c.to, range);
      if (a) out.push(a);
      if (b) out.push(b);
    } else {
      const a = toResult(ctx, c);
      if (a) out.push(a);
    }
  }
  return out.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * The date by which an expression falls due: a deadline's own value, else the last day of the period it
 * names ("next month" → the month's last day, "2030" → 2030-12-31, a day → itself). For the commitment stage.
 */
export function deadlineOf(expr: { value: string; due?: string }): string | null {
  if (expr.due) return expr.due;
  const v = parseValue(expr.value);
  return v ? formatYmd(lastDayOf(v)) : null;
}
