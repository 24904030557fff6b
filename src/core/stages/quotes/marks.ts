/**
 * Quotation marks → quoted passages. Character level, paragraph by paragraph:
 * - double marks “ ” „ " « » `` '' and single marks ‘ ’ ' ‹ › (apostrophes told apart by context);
 * - the direction of a mark comes from what flanks it (a ” opening a paragraph opens), then from its shape;
 * - a quote still open at the end of a paragraph continues when the next paragraph opens with a mark
 *   (the newspaper convention for multi-paragraph quotes), otherwise it is unclosed and ends with its
 *   sentence: an unclosed quote never runs past its paragraph;
 * - quotes inside a quote are nested and stay part of the outer passage.
 */
import type { Span } from '../../types.js';

export interface Passage extends Span {
  /** Offset of the opening mark (or of the paragraph start when the opener is missing). */
  open: number;
  /** Offset of the closing mark, or null when unclosed or continued into the next paragraph. */
  close: number | null;
  /** The offset right after the closing mark (or `end` when unclosed). */
  after: number;
  para: number;
  single: boolean;
  /** The passage continues in the next paragraph (multi-paragraph quote). */
  continues: boolean;
  unclosed: boolean;
}

export interface Paragraph extends Span {}

const DOUBLE_OPEN = new Set(['“', '„', '‟', '«', '〝']);
const DOUBLE_CLOSE = new Set(['”', '»', '〞']);
const DOUBLE_AMBI = new Set(['"', '＂']);
const SINGLE_OPEN = new Set(['‘', '‹', '‚', '‛']);
const SINGLE_CLOSE = new Set(['’', '›']);
const SINGLE_AMBI = new Set(["'"]);
const MARK_CHARS = new Set([...DOUBLE_OPEN, ...DOUBLE_CLOSE, ...DOUBLE_AMBI, ...SINGLE_OPEN, ...SINGLE_CLOSE, ...SINGLE_AMBI, '`']);
/** Any character of MARK_CHARS (all are single UTF-16 code units), to find them in a text natively. */
const MARK_CHAR_RE = new RegExp(`[${[...MARK_CHARS].join('')}]`, 'g');

/** Offsets of the characters of the text that may be quotation marks, in order. */
function markCharOffsets(text: string): number[] {
  const out: number[] = [];
  MARK_CHAR_RE.lastIndex = 0;
  while (MARK_CHAR_RE.test(text)) out.push(MARK_CHAR_RE.lastIndex - 1);
  return out;
}

const isWs = (c: string | undefined) => c === undefined || /\s/.test(c);
const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const OPEN_PUNCT = /[(\[{\u2014\u2013\-\/:;,\u2015]/;
const CLOSE_PUNCT = /[.,;:!?)\]}\u2014\u2013\-\u2026\u2015]/;

export function paragraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let s = m.index;
    let e = m.index + m[0].length;
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

interface Mark {
  pos: number;
  len: number;
  kind: 'double' | 'single';
  role: 'open' | 'close' | 'ambi';
  /** Glyph family: a quote opened with one kind of mark is closed by the same kind. */
  fam: 'ascii' | 'curly' | 'guil' | 'tex' | 'single';
}

const family = (c: string, len: number): Mark['fam'] =>
  len === 2 ? 'tex' : c === '"' || c === '＂' ? 'ascii' : c === '«' || c === '»' ? 'guil' : DOUBLE_OPEN.has(c) || DOUBLE_CLOSE.has(c) ? 'curly' : 'single';

function classify(text: string, i: number, p: Paragraph): Mark | null {
  const c = text[i];
  let len = 1;
  let kind: 'double' | 'single';
  let shape: 'open' | 'close' | 'ambi';
  if (c === '`' && text[i + 1] === '`') { kind = 'double'; shape = 'open'; len = 2; }
  else if (c === "'" && text[i + 1] === "'") { kind = 'double'; shape = 'close'; len = 2; }
  else if (DOUBLE_OPEN.has(c)) { kind = 'double'; shape = 'open'; }
  else if (DOUBLE_CLOSE.has(c)) { kind = 'double'; shape = 'close'; }
  else if (DOUBLE_AMBI.has(c)) { kind = 'double'; shape = 'ambi'; }
  else if (SINGLE_OPEN.has(c)) { kind = 'single'; shape = 'open'; }
  else if (SINGLE_CLOSE.has(c)) { kind = 'single'; shape = 'close'; }
  else if (SINGLE_AMBI.has(c)) { kind = 'single'; shape = 'ambi'; }
  else return null;
  const fam = family(c, len);
  const prev = i > p.start ? text[i - 1] : undefined;
  const next = i + len < p.end ? text[i + len] : undefined;
  const prevMark = prev !== undefined && MARK_CHARS.has(prev);
  const nextMark = next !== undefined && MARK_CHARS.has(next);
  const left = !isWs(next) && (isWs(prev) || prevMark || OPEN_PUNCT.test(prev!));
  const right = !isWs(prev) && (isWs(next) || nextMark || CLOSE_PUNCT.test(next!));
  if (kind === 'single') {
    // apostrophes: letters on both sides (don't, Clinton’s), elisions (’90s, ’em) and plural possessives
    if (isLetter(prev) && isLetter(next)) return null;
    if (left && !right && next !== undefined && /\d/.test(next)) return null;
    if (left && !right) return { pos: i, len, kind, fam, role: shape === 'close' && !isWs(prev) ? 'ambi' : 'open' };
    if (right && !left) return { pos: i, len, kind, fam, role: 'close' };
    return null;
  }
  if (c === '«' || c === '»') return { pos: i, len, kind, fam, role: shape }; // guillemets are often spaced
  if (left && !right) return { pos: i, len, kind, fam, role: 'open' };
  if (right && !left) return { pos: i, len, kind, fam, role: 'close' };
  return { pos: i, len, kind, fam, role: shape };
}

function trimSpan(text: string, s: number, e: number): [number, number] {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /[\s,]/.test(text[e - 1])) e--;
  return [s, e];
}

/** Top-level quoted passages of the text, in order. `sentenceEnd(pos)` bounds unclosed quotes. */
export function findPassages(text: string, paras: Paragraph[], sentenceEnd: (pos: number) => number): Passage[] {
  const out: Passage[] = [];
  // does the paragraph open with a double mark (continuation of a multi-paragraph quote)?
  const opensWithMark = (p: Paragraph) => {
    const m = classify(text, p.start, p);
    return m !== null && m.kind === 'double' && m.role !== 'close';
  };
  const offsets = markCharOffsets(text);
  let next = 0; // the first offset not yet read
  for (let pi = 0; pi < paras.length; pi++) {
    const p = paras[pi];
    const stack: Mark[] = [];
    const push = (open: Mark, closeAt: number | null, endAt: number, after: number, flags: { continues?: boolean; unclosed?: boolean } = {}) => {
      const [s, e] = trimSpan(text, open.pos + open.len, endAt);
      if (e <= s) return;
      out.push({ start: s, end: e, open: open.pos, close: closeAt, after, para: pi, single: open.kind === 'single', continues: !!flags.continues, unclosed: !!flags.unclosed });
    };
    while (next < offsets.length && offsets[next] < p.start) next++;
    for (; next < offsets.length && offsets[next] < p.end; next++) {
      const m = classify(text, offsets[next], p);
      if (!m) continue;
      if (m.len === 2 && next + 1 < offsets.length && offsets[next + 1] === m.pos + 1) next++; // `` and '' are one mark
      let lastDouble = -1;
      for (let k = stack.length - 1; k >= 0; k--) if (stack[k].kind === 'double') { lastDouble = k; break; }
      if (m.kind === 'double') {
        const role = m.role === 'ambi' ? (lastDouble >= 0 ? 'close' : 'open') : m.role;
        if (role === 'open') {
          if (lastDouble >= 0 && stack[lastDouble].fam === m.fam) {
            // the same kind of mark opened again: the earlier quote was never closed
            if (lastDouble === 0) {
              const bottom = stack[0];
              const e = Math.min(sentenceEnd(bottom.pos + 1), m.pos);
              push(bottom, null, e, e, { unclosed: true });
              stack.length = 0;
            } else stack.length = lastDouble;
          }
          // otherwise a quote inside a quote ("... “Shark Tank.” ...") or a new top-level quote
          stack.push(m);
        } else {
          // close the nearest quote opened with the same kind of mark, else the nearest one (mixed glyphs)
          let idx = -1;
          for (let k = stack.length - 1; k >= 0; k--) if (stack[k].kind === 'double' && stack[k].fam === m.fam) { idx = k; break; }
          if (idx < 0) idx = lastDouble;
          if (idx < 0) continue; // stray closer
          const open = stack[idx];
          stack.length = idx;
          if (idx === 0) push(open, m.pos, m.pos, m.pos + m.len);
        }
      } else {
        const topSingle = stack.length ? stack[stack.length - 1] : null;
        if (m.role === 'close' || (m.role === 'ambi' && topSingle?.kind === 'single')) {
          if (topSingle?.kind !== 'single') continue; // apostrophe (plural possessive)
          stack.pop();
          if (stack.length === 0) push(topSingle, m.pos, m.pos, m.pos + m.len);
        } else {
          stack.push(m);
        }
      }
    }
    // end of paragraph: an open double continues or is unclosed; open singles are apostrophes
    if (stack.length && stack[0].kind === 'double') {
      const open = stack[0];
      const next = paras[pi + 1];
      if (next && opensWithMark(next)) push(open, null, p.end, p.end, { continues: true });
      else {
        const e = Math.min(sentenceEnd(open.pos + 1), p.end);
        push(open, null, e, e, { unclosed: true });
      }
    }
  }
  return out;
}
