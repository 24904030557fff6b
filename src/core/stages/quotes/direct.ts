/**
 * Direct quotes: quoted passages with their attribution.
 * - after the passage: `"...," Wang said` / `"...," said Wang` / `"..." ― Name` / `"...," according to X`;
 * - before it: `Wang said: "..."` / `Wang said, "..."` / `he replied "..."` (to the sentence end);
 * - a speaker label: `WANG: ...` in transcripts, `Pence: ...` in headlines;
 * - interrupted: `"...," Wang said. "..."` is one entry; a passage with no attribution of its own that
 *   follows an attributed one continues it (same speaker).
 * A passage inside a sentence with no attribution of its own (a scare quote, a quoted phrase inside
 * reported speech) is not a direct quote; the indirect rules cover the sentence around it.
 */
import type { Span } from '../../types.js';
import type { Found } from './candidate.js';
import { afterCue, complementOf, cueAt, isDash, isSentEnd, nothingAfter } from './clause.js';
import { tokenAt, tokenBefore, type Ctx, type Tok } from './context.js';
import type { Passage } from './marks.js';
import { headOf, subjectLeft, subjectRight, type SpeakerNP } from './subject.js';

interface Attr {
  how: 'label' | 'before' | 'after' | 'dash' | 'according';
  cueTok: number;
  cue: Span | null;
  speaker: SpeakerNP | null;
  /** The speaker was taken from the clause the participle hangs on ("..., adding: "). */
  inherited: boolean;
}

interface Unit {
  parts: Passage[];
  attr: Attr | null;
  /** Content start override when a label ("WANG:") opens the passage. */
  labelEnd?: number;
}

const LABEL_STOP = new Set(['note', 'update', 'updated', 'editor', 'editors', 'source', 'sources', 'photo', 'photos', 'related', 'watch', 'read', 'correction', 'breaking', 'exclusive', 'warning', 'q', 'a', 'question', 'answer', 'transcript', 'video', 'audio', 'image', 'caption', 'credit', 'ps', 'p.s', 'listen', 'tags', 'topics', 'see', 'also', 'more', 'full', 'text', 'abstract', 'summary', 'background', 'disclosure', 'advertisement', 'subscribe', 'follow', 'share', 'contact', 'email', 'location', 'date', 'time', 'where', 'when', 'what', 'why', 'how', 'who', 'here', 'this', 'the', 'a', 'an', 'today', 'now', 'live', 'the latest', 'day', 'part', 'chapter', 'step', 'rule', 'lesson', 'reason', 'fact', 'myth', 'verdict', 'bottom', 'line', 'result', 'results', 'conclusion', 'poll', 'opinion', 'analysis', 'commentary', 'review', 'interview', 'pictured', 'above', 'below', 'left', 'right', 'top', 'file']);

const nameLike = (t: Tok) => (/^[A-Z]/.test(t.text) && (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'X' || t.pos === 'VERB')) || (/^[A-Z]\.?$/.test(t.text)) || t.text === '.' || t.text === '-';

/**
 * A speaker label at token k: 1–4 capitalised words (a name: "Pence", "Mike Pence", "WALLACE") and a colon.
 * Returns the label phrase and the colon token.
 */
export function labelAt(ctx: Ctx, k: number): { np: SpeakerNP; colon: number } | null {
  const T = ctx.toks;
  if (k < 0 || k >= T.length) return null;
  let m = k;
  while (m < T.length && m - k < 5 && T[m].para === T[k].para && nameLike(T[m]) && T[m].text !== ':') m++;
  if (m === k || m - k > 4 || m >= T.length || T[m].text !== ':' || T[m].para !== T[k].para) return null;
  const words = T.slice(k, m).filter((t) => /[A-Za-z]/.test(t.text));
  if (!words.length) return null;
  if (words.some((t) => LABEL_STOP.has(t.lower))) return null;
  const allCaps = words.every((t) => t.text === t.text.toUpperCase() && t.text.length > 1);
  const propn = words.every((t) => t.pos === 'PROPN');
  // one ordinary capitalised word ("Refugees:") is a heading; a name or a transcript label is not
  if (!allCaps && !(propn && (words.length >= 2 || (words.length === 1 && words[0].text.length > 2)))) return null;
  // something must follow the colon in the paragraph
  if (m + 1 >= T.length || T[m + 1].para !== T[k].para) return null;
  const h = headOf(ctx, k, m - 1);
  return { np: { span: { start: T[k].start, end: T[m - 1].end }, head: { start: T[h].start, end: T[h].end }, first: k, last: m - 1, how: 'np' }, colon: m };
}

/** The subject of the clause a participle at `c` hangs on ("Hatakeyama told reporters, adding: ..."). */
export function mainSubject(ctx: Ctx, c: number, min: number): SpeakerNP | null {
  const T = ctx.toks;
  for (let v = c - 1; v >= min; v--) {
    if (T[v].para !== T[c].para) break;
    if (T[v].stop) break;
    if (T[v].pos === 'VERB' || T[v].pos === 'AUX' || cueAt(ctx, v)) {
      if (/ing$/.test(T[v].lower) && T[v].pos === 'VERB') continue;
      const s = subjectLeft(ctx, v, min);
      if (s && s !== 'negated') return s;
    }
  }
  return null;
}

const tokSpan = (t: Tok): Span => ({ start: t.start, end: t.end });

/** The token starting at or after char `pos`, if it is in paragraph `para`. */
function firstTokFrom(ctx: Ctx, pos: number, para: number): number {
  const k = tokenAt(ctx.toks, pos);
  if (k < 0) return -1;
  const t = ctx.toks[k];
  if (t.start < pos) return k + 1 < ctx.toks.length && ctx.toks[k + 1].para === para ? k + 1 : -1;
  return t.para === para ? k : -1;
}

function attributionAfter(ctx: Ctx, p: Passage): Attr | null {
  const T = ctx.toks;
  let k = firstTokFrom(ctx, p.after, p.para);
  if (k < 0) return null;
  // skip a closing mark token that is part of the passage's own mark
  while (k < T.length && T[k].mark && T[k].start < p.after) k++;
  if (k >= T.length || T[k].para !== p.para) return null;
  if (T[k].text === ',') k++;
  if (k >= T.length || T[k].para !== p.para) return null;
  const t = T[k];
  // "..." ― Sonya Herridge
  if (isDash(t) || t.text === '-' || t.text === '―') {
    let m = k + 1;
    while (m < T.length && T[m].para === p.para && m - k <= 6 && (nameLike(T[m]) || /^[a-z]/.test(T[m].text) && ['de', 'da', 'van', 'von', 'al', 'bin', 'la', 'le', 'del', 'di'].includes(T[m].text))) m++;
    while (m - 1 > k && (T[m - 1].text === '.' || T[m - 1].text === '-')) m--;
    const end = m < T.length && T[m].para === p.para ? T[m] : null;
    if (m > k + 1 && (!end || end.text === '.' || end.text === ',' || end.mark || end.text === '(')) {
      const h = headOf(ctx, k + 1, m - 1);
      return { how: 'dash', cueTok: k, cue: tokSpan(t), speaker: { span: { start: T[k + 1].start, end: T[m - 1].end }, head: tokSpan(T[h]), first: k + 1, last: m - 1, how: 'np' }, inherited: false };
    }
    return null;
  }
  // "...," according to the ministry
  if (t.lower === 'according' && T[k + 1]?.lower === 'to') {
    const s = subjectRight(ctx, k + 1, ctx.sents[T[k].sent].last - 1);
    return { how: 'according', cueTok: k, cue: { start: t.start, end: T[k + 1].end }, speaker: s, inherited: false };
  }
  // "...," said Wang
  const f = cueAt(ctx, k);
  if (f && f.form !== 'ing') {
    const s = subjectRight(ctx, afterCue(ctx, k, f) - 1, ctx.sents[T[k].sent].last - 1);
    if (s && nothingAfter(ctx, s.last + 1)) return { how: 'after', cueTok: k, cue: tokSpan(t), speaker: s, inherited: false };
    if (!s && nothingAfter(ctx, k + 1)) return { how: 'after', cueTok: k, cue: tokSpan(t), speaker: null, inherited: false };
    return null;
  }
  // "...," Wang said / the ministry said in a statement / he told reporters
  const commaEnded = /,/.test(ctx.text.slice(p.end, p.close ?? p.end)) || T[k - 1]?.text === ',';
  for (let c = k + 1; c < T.length && c - k <= 45; c++) {
    const tc = T[c];
    if (tc.para !== p.para || tc.mark || tc.stop) break;
    const cf = cueAt(ctx, c);
    if (!cf) {
      if (tc.pos === 'VERB' && !/^[A-Z]/.test(tc.text) && c > k + 1 && T[c - 1].text !== ',') {
        // another verb first: "... ," he told reporters is fine, "... ," the minister emerged and said is not
        const s = subjectLeft(ctx, c, k);
        if (s && s !== 'negated' && s.first === k) break;
      }
      continue;
    }
    if (cf.form === 'ing' && T[c - 1].text === ',') break;
    const s = subjectLeft(ctx, c, k);
    if (s === 'negated') return null;
    if (!s || s.first !== k) {
      if (s === null) continue;
      break;
    }
    const comp = complementOf(ctx, c, cf);
    if (comp.kind === 'empty' || comp.kind === 'quote' || comp.kind === 'colon' || comp.kind === 'pp' || commaEnded) {
      return { how: 'after', cueTok: c, cue: { start: tc.start, end: T[afterCue(ctx, c, cf) - 1].end }, speaker: s, inherited: false };
    }
    break;
  }
  return null;
}

function attributionBefore(ctx: Ctx, p: Passage, minPos: number): Attr | null {
  const T = ctx.toks;
  let j = tokenBefore(T, p.open);
  if (j < 0 || T[j].start < minPos) return null;
  // "He said:" closing the paragraph before a quote paragraph
  if (T[j].para !== p.para) {
    if (T[j].text !== ':' || T[j].para !== p.para - 1 || p.open !== ctx.paras[p.para].start) return null;
  }
  const para = T[j].para;
  let stop = j;
  while (stop - 1 >= 0 && T[stop - 1].para === para && T[stop - 1].start >= minPos && !T[stop - 1].stop && j - stop < 40) stop--;
  const tj = T[j];
  if (tj.text === ':') {
    for (let c = j - 1; c >= stop; c--) {
      const cf = cueAt(ctx, c, true);
      if (!cf) continue;
      if (T[c].inQ >= 0) continue;
      const cue: Span = { start: T[c].start, end: T[afterCue(ctx, c, cf) - 1].end };
      if (cf.form === 'ing' && (c === stop || T[c - 1].text === ',' || T[c - 1].lower === 'and')) {
        const s = mainSubject(ctx, c, stop);
        return { how: 'before', cueTok: c, cue, speaker: s, inherited: true };
      }
      const s = subjectLeft(ctx, c, stop);
      if (s === 'negated') return null;
      if (s) return { how: 'before', cueTok: c, cue, speaker: s, inherited: false };
      const r = subjectRight(ctx, afterCue(ctx, c, cf) - 1, j - 1);
      return { how: 'before', cueTok: c, cue, speaker: r, inherited: false };
    }
    const lab = labelAt(ctx, stop);
    if (lab && lab.colon === j) return { how: 'label', cueTok: j, cue: tokSpan(tj), speaker: lab.np, inherited: false };
    return null;
  }
  // "Wang said, "..."" / "said Wang, "..."" / "he replied "..."" / "said that "...""
  let c = -1;
  if (tj.text === ',') {
    for (let m = j - 1; m >= stop && j - m <= 4; m--) if (cueAt(ctx, m, true)) { c = m; break; }
    // "said in Bali, "..."" is fine; "said the talks were good, "..."" is not
    const kind = c >= 0 ? complementOf(ctx, c, cueAt(ctx, c, true)!).kind : 'empty';
    if (kind !== 'empty' && kind !== 'quote' && kind !== 'pp') c = -1;
  } else if (cueAt(ctx, j, true)) c = j;
  else if (tj.lower === 'that' && j - 1 >= stop && cueAt(ctx, j - 1, true)) c = j - 1;
  if (c < 0) return null;
  if (tj.text !== ',') {
    // without a colon or comma the quote must run to the end of its sentence
    const k = firstTokFrom(ctx, p.after, p.para);
    if (k >= 0 && !(isSentEnd(T[k]) || T[k].mark || T[k].text === ')')) {
      if (T[k].sent === T[j].sent && !(k + 1 < T.length && isSentEnd(T[k + 1]) && T[k].mark)) return null;
    }
  }
  const cf = cueAt(ctx, c, true)!;
  const cue: Span = { start: T[c].start, end: T[afterCue(ctx, c, cf) - 1].end };
  if (cf.form === 'ing' && (c === stop || T[c - 1].text === ',')) {
    return { how: 'before', cueTok: c, cue, speaker: mainSubject(ctx, c, stop), inherited: true };
  }
  const s = subjectLeft(ctx, c, stop);
  if (s === 'negated') return null;
  if (s) return { how: 'before', cueTok: c, cue, speaker: s, inherited: false };
  const r = subjectRight(ctx, afterCue(ctx, c, cf) - 1, j - 1);
  return { how: 'before', cueTok: c, cue, speaker: r, inherited: false };
}

/** Is the passage at the start of its sentence (not a phrase quoted inside a sentence)? */
function opensSentence(ctx: Ctx, p: Passage): boolean {
  const T = ctx.toks;
  const j = tokenBefore(T, p.open);
  if (j < 0 || T[j].para !== p.para) return true;
  const t = T[j];
  return isSentEnd(t) || t.text === ':' || isDash(t) || t.mark || t.text === '(' || t.text === ';';
}

const words = (s: string) => s.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

export function findDirect(ctx: Ctx): { found: Found[]; orphans: Found[] } {
  const P = ctx.passages;
  const T = ctx.toks;
  // 1. chain multi-paragraph passages; split transcripts at speaker labels
  const units: Unit[] = [];
  for (let i = 0; i < P.length; i++) {
    const p = P[i];
    const prev = units[units.length - 1];
    const last = prev?.parts[prev.parts.length - 1];
    const chained = last && last.continues && p.para === last.para + 1 && p.open === ctx.paras[p.para].start;
    const lab = labelAt(ctx, firstTokFrom(ctx, p.start, p.para));
    if (chained && !lab) {
      prev.parts.push(p);
      continue;
    }
    const u: Unit = { parts: [p], attr: null };
    if (lab && !p.single) {
      u.attr = { how: 'label', cueTok: lab.colon, cue: tokSpan(T[lab.colon]), speaker: lab.np, inherited: false };
      u.labelEnd = T[lab.colon].end;
    }
    units.push(u);
  }
  // 2. attribution of each unit
  for (let ui = 0; ui < units.length; ui++) {
    const u = units[ui];
    if (u.attr) continue;
    const first = u.parts[0];
    const last = u.parts[u.parts.length - 1];
    const prevUnit = units[ui - 1];
    const prevLastPart = prevUnit ? prevUnit.parts[prevUnit.parts.length - 1] : null;
    const paraFloor = first.para > 0 ? ctx.paras[first.para - 1].start : 0;
    const prevEnd = prevLastPart && prevLastPart.after > paraFloor ? prevLastPart.after : paraFloor;
    const before = attributionBefore(ctx, first, prevEnd);
    const after = opensSentence(ctx, first) || (before !== null) ? attributionAfter(ctx, last) : null;
    // "Wang said: "..."" introduces the passage; otherwise an attribution after it comes first
    const colonBefore = ctx.text[charBefore(ctx, first.open)] === ':';
    u.attr = before && (before.how === 'label' || colonBefore) ? before : after ?? before;
  }
  // 3. an unattributed passage right before an attributed one joins it ("“A” workers. “B,” Warren said.")
  for (let ui = units.length - 2; ui >= 0; ui--) {
    const u = units[ui];
    const v = units[ui + 1];
    const ul = u.parts[u.parts.length - 1];
    const vf = v.parts[0];
    if (u.attr || ul.single || vf.single || !v.attr || v.attr.how === 'label' || v.attr.how === 'before' || ul.para !== vf.para) continue;
    const gap = gapTokens(ctx, ul.after, vf.open);
    if (gap.length > 4 || gap.some((_, i) => cueAt(ctx, gap.first! + i) !== null)) continue;
    v.parts = [...u.parts, ...v.parts];
    units.splice(ui, 1);
  }
  // 4. merge interrupted quotes, carry speakers to continuing passages, emit
  const out: Found[] = [];
  const orphans: Found[] = [];
  let prevOut: { f: Found; unit: Unit; speaker: SpeakerNP | null } | null = null;
  for (const u of units) {
    const first = u.parts[0];
    const start = u.labelEnd !== undefined ? skipSpace(ctx.text, u.labelEnd) : first.start;
    const partSpans: Span[] = u.parts.map((p, i) => ({ start: i === 0 ? start : p.start, end: p.end }));
    if (partSpans[0].end <= partSpans[0].start) continue;
    const prevLast = prevOut ? prevOut.unit.parts[prevOut.unit.parts.length - 1] : null;
    const samePara = prevLast !== null && prevLast.para === first.para;
    // only the previous passage's attribution between the two: "...," Wang said. "..."
    const interrupted = (): boolean => {
      if (!prevOut || !samePara || !prevOut.unit.attr) return false;
      const pa = prevOut.unit.attr;
      if (!(pa.how === 'after' || pa.how === 'according' || (pa.how === 'before' && pa.inherited))) return false;
      if (!opensSentence(ctx, first) && !/^[,:]$/.test(ctx.toks[tokenBefore(ctx.toks, first.open)]?.text ?? '')) return false;
      const gap = gapTokens(ctx, prevLast!.after, first.open);
      if (gap.length > 40 || !gap.length) return false;
      const gi0 = gap.first!;
      if (pa.cueTok < gi0 || pa.cueTok > gi0 + gap.length - 1) return false;
      // a second cue in between ("..., suggesting a few questions, including ...") starts another quote
      for (let i = 0; i < gap.length; i++) {
        const gi = gi0 + i;
        if (gi !== pa.cueTok && cueAt(ctx, gi) && !gap[i].mark) return false;
        if (gap[i].stop && gap.slice(i + 1).some((t) => !t.mark)) return false;
      }
      return true;
    };
    // "...," Wang said, "...": both passages hang on the same cue
    if (u.attr && prevOut && samePara && prevOut.unit.attr && prevOut.unit.attr.cueTok === u.attr.cueTok) {
      extend(prevOut.f, partSpans);
      prevOut.unit = { ...prevOut.unit, parts: [...prevOut.unit.parts, ...u.parts] };
      continue;
    }
    // a passage introduced by "adding:" after an attributed one in the same sentence continues it
    if (u.attr && u.attr.inherited && MERGE_PARTICIPLE && prevOut && samePara && prevOut.unit.attr && prevOut.unit.attr.how === 'after' && first.open - prevLast!.after < 200) {
      extend(prevOut.f, partSpans);
      prevOut.unit = { ...prevOut.unit, parts: [...prevOut.unit.parts, ...u.parts] };
      continue;
    }
    if (!u.attr) {
      if (first.single) continue;
      if (interrupted()) {
        extend(prevOut!.f, partSpans);
        prevOut!.unit = { ...prevOut!.unit, parts: [...prevOut!.unit.parts, ...u.parts] };
        continue;
      }
      // a quote paragraph continuing the previous speaker
      const paraStart = first.open === ctx.paras[first.para].start;
      if (prevOut && prevOut.unit.attr && paraStart && prevLast && first.para - prevLast.para <= 2 && prevOut.speaker && allQuoteParas(ctx, prevLast.para + 1, first.para) && endsParagraph(ctx, prevLast)) {
        if (MERGE_CONTINUED) {
          extend(prevOut.f, partSpans, '+continued');
          prevOut.unit = { ...prevOut.unit, parts: [...prevOut.unit.parts, ...u.parts] };
          continue;
        }
        const f: Found = { kind: 'direct', start: partSpans[0].start, end: partSpans[partSpans.length - 1].end, cue: null, cueTok: -1, speaker: prevOut.speaker.span, head: prevOut.speaker.head, rule: 'direct-continued' };
        if (partSpans.length > 1) f.parts = partSpans;
        out.push(f);
        prevOut = { f, unit: { ...u, attr: prevOut.unit.attr }, speaker: prevOut.speaker };
        continue;
      }
      // an unattributed quoted sentence: the caller may attach it to the quote before it
      if (opensSentence(ctx, first) && /^[\p{Lu}\p{N}\p{P}]/u.test(ctx.text[partSpans[0].start]) && words(ctx.text.slice(partSpans[0].start, partSpans[partSpans.length - 1].end)) >= 2) {
        const f: Found = { kind: 'direct', start: partSpans[0].start, end: partSpans[partSpans.length - 1].end, cue: null, cueTok: -1, speaker: null, head: null, rule: 'direct-orphan' };
        if (partSpans.length > 1) f.parts = partSpans;
        orphans.push(f);
      }
      continue;
    }
    if (first.single && u.attr.how === 'label') continue;
    const a = u.attr;
    const f: Found = { kind: 'direct', start: partSpans[0].start, end: partSpans[partSpans.length - 1].end, cue: a.cue, cueTok: a.cueTok, speaker: a.speaker?.span ?? null, head: a.speaker?.head ?? null, rule: `direct-${a.how}${a.inherited ? '-participle' : ''}` };
    if (partSpans.length > 1) f.parts = partSpans;
    out.push(f);
    prevOut = { f, unit: u, speaker: a.speaker };
  }
  return { found: out, orphans };
}

/** Tokens strictly between char offsets a and b, with the index of the first. */
function gapTokens(ctx: Ctx, a: number, b: number): Tok[] & { first?: number } {
  const T = ctx.toks;
  let i = tokenAt(T, a);
  const out: Tok[] & { first?: number } = [];
  if (i < 0) return out;
  while (i < T.length && T[i].start < a) i++;
  out.first = i;
  for (; i < T.length && T[i].end <= b; i++) out.push(T[i]);
  return out;
}

/** "..., adding: "..."" continues the quote before it (one entry, as the guide's gold does) rather than starting a new one. */
const MERGE_PARTICIPLE = true;

function extend(f: Found, parts: Span[], how = '+interrupted') {
  const all = [...(f.parts ?? [{ start: f.start, end: f.end }]), ...parts];
  f.parts = all;
  f.end = parts[parts.length - 1].end;
  if (!f.rule.endsWith(how)) f.rule += how;
}

/** A quote paragraph continuing the previous speaker's quote extends it (one entry) rather than adding one. */
const MERGE_CONTINUED = true;

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

/** Offset of the last non-space character before `pos`. */
function charBefore(ctx: Ctx, pos: number): number {
  let i = pos - 1;
  while (i >= 0 && /\s/.test(ctx.text[i])) i--;
  return Math.max(0, i);
}

/** Does the passage end its paragraph, but for its attribution ("..." he said.)? */
function endsParagraph(ctx: Ctx, p: Passage): boolean {
  if (p.continues) return true;
  const gap = gapTokens(ctx, p.after, ctx.paras[p.para].end);
  if (gap.length > 30) return false;
  return gap.every((t, i) => !t.stop || gap.slice(i + 1).every((x) => x.mark || x.stop));
}

/** Are paragraphs [a, b) all quote paragraphs (opening with a mark)? */
function allQuoteParas(ctx: Ctx, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = ctx.text[ctx.paras[i].start];
    if (!/[“"‘'«„]/.test(c)) return false;
  }
  return true;
}
