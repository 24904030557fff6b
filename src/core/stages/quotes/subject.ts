/**
 * The speaker expression of a cue: the subject noun phrase to its left ("Wang said", "the ministry
 * said", "A senior official, who declined to be named, told"), or after an inverted cue ("said Wang").
 * Text level only: which actor the phrase refers to is the actors stage's business.
 */
import type { Span } from '../../types.js';
import type { Ctx, Tok } from './context.js';
import { NEGATORS, NP_OPENERS, SUBJECT_GAP, SUBJECT_PRONOUNS } from './lexicon.js';

export interface SpeakerNP {
  span: Span;
  /** The head word: the name or noun the phrase is about ("Hatakeyama", "official", "he"). */
  head: Span;
  /** Token range [first, last] of the phrase. */
  first: number;
  last: number;
  how: 'np' | 'appositive' | 'relative';
}

const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight']);
const POSSESSIVE_PRON = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);
const NP_BREAKERS = new Set(['that', 'which', 'who', 'whom', 'whose', 'what', 'when', 'where', 'while', 'because', 'if', 'as', 'than', 'but', 'or', 'nor', 'so', 'not', 'to']);
const NON_SPEAKER_HEADS = new Set(['there', 'this', 'that', 'what', 'which', 'one', 'nothing', 'anything', 'everything', 'something', 'all', 'some', 'time', 'year', 'week', 'day', 'month', 'lot']);

const isName = (t: Tok) => t.pos === 'PROPN' || (/^[A-Z]/.test(t.text) && (t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'X' || t.pos === 'VERB'));
const isNounish = (t: Tok) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM' || (t.pos === 'PRON' && SUBJECT_PRONOUNS.has(t.lower)) || isName(t);

/** Can `t` be inside a speaker noun phrase? */
function npWord(t: Tok): boolean {
  if (t.mark) return false;
  if (NP_BREAKERS.has(t.lower)) return false;
  switch (t.pos) {
    case 'PROPN':
    case 'NOUN':
    case 'ADJ':
    case 'NUM':
      return true;
    case 'DET':
      return NP_OPENERS.has(t.lower);
    case 'PRON':
      return SUBJECT_PRONOUNS.has(t.lower) || POSSESSIVE_PRON.has(t.lower);
    case 'PART':
      return /^['’]s$/.test(t.lower) || t.lower === "'" || t.lower === '’';
    case 'PUNCT':
      return t.text === '-' || t.text === '&' || t.text === '(' || t.text === ')';
    case 'VERB':
      // participles used as adjectives inside a name ("United Nations", "Retired General") are capitalised
      return /^[A-Z]/.test(t.text) && t.lower !== 'said';
    default:
      return /^[A-Z]/.test(t.text) && t.pos !== 'AUX' && t.pos !== 'ADP' && t.pos !== 'CCONJ' && t.pos !== 'SCONJ';
  }
}

/** Skip the words between a subject and its cue, leftwards from `j`. Returns the new j, or -2 when negated. */
function skipGapLeft(ctx: Ctx, j: number, min: number): number {
  const T = ctx.toks;
  while (j >= min) {
    const t = T[j];
    if (NEGATORS.has(t.lower)) return -2;
    if (SUBJECT_GAP.has(t.lower) && !(t.pos === 'PRON')) { j--; continue; }
    if (t.pos === 'ADV' && !/^(so|as|too|how|why|when|where|there|here|not)$/.test(t.lower)) { j--; continue; }
    if (t.pos === 'AUX' && !/^['’]s$/.test(t.lower)) { j--; continue; }
    // "Wells Fargo this month announced"
    if (/^(week|month|year|morning|afternoon|evening|night|weekend)$/.test(t.lower) && j - 1 >= min && /^(this|last|next|earlier|later)$/.test(T[j - 1].lower)) {
      j -= 2;
      continue;
    }
    // "Wang on Thursday said", "Wang, Thursday, said"
    if (WEEKDAYS.has(t.lower)) {
      j--;
      if (j >= min && (T[j].lower === 'on' || T[j].lower === 'late' || T[j].lower === 'early')) j--;
      continue;
    }
    break;
  }
  return j;
}

const QUANTIFIERS = new Set(['some', 'many', 'most', 'all', 'none', 'each', 'several', 'both', 'one', 'few', 'any', 'half', 'majority', 'number', 'group']);
const NP_INNER_ADP = new Set(['of', 'for', 'at', 'in', 'on', 'with', 'from']);

/** The noun phrase ending at token j (inclusive), not starting before `min`. */
function npEndingAt(ctx: Ctx, j: number, min: number): { first: number; last: number } | null {
  const T = ctx.toks;
  const last = j;
  let first = -1;
  let k = j;
  let depth = 0;
  // trailing parenthetical "(R-IN)", "(MITI)"
  if (T[k] && T[k].text === ')') {
    let m = k;
    while (m > min && T[m].text !== '(' && k - m < 8) m--;
    if (T[m].text === '(') {
      k = m - 1;
    } else return null;
  }
  for (; k >= min && last - k < 16; k--) {
    const t = T[k];
    if (t.sent !== T[last].sent) break;
    if (t.text === ')') depth++;
    if (t.text === '(') { if (depth === 0) break; depth--; }
    if (depth > 0) { first = k; continue; }
    const left = k > min ? T[k - 1] : null;
    if (first >= 0 && left && (left.pos === 'NOUN' || left.pos === 'PROPN' || (t.lower === 'of' && (left.pos === 'NUM' || left.pos === 'ADJ' || QUANTIFIERS.has(left.lower)))) && NP_INNER_ADP.has(t.lower) && (t.lower === 'of' || isNounish(T[first]) || T[first].pos === 'DET' || T[first].pos === 'ADJ')) { first = k; continue; }
    // participles modifying a noun: "elected officials", "restructuring experts"
    if (first >= 0 && t.pos === 'VERB' && /(ed|ing)$/.test(t.lower) && T[k + 1] && (T[k + 1].pos === 'NOUN' || T[k + 1].pos === 'PROPN') && k === first - 1 && left && (clauseBoundary(left) || left.pos === 'DET' || left.pos === 'ADJ' || left.pos === 'NOUN' || left.pos === 'PROPN')) { first = k; continue; }
    // "Wang and Park", "Developers and supporters in Congress", "The Deputy Secretary and the Foreign Minister"
    if ((t.lower === 'and' || t.text === '&') && first >= 0 && left && isNounish(left) && left.pos !== 'PRON' && (isNounish(T[k + 1]) && T[k + 1].pos !== 'PRON' || (T[k + 1].pos === 'DET' && k + 1 === first))) { first = k; continue; }
    // hyphenated compounds are one word: "Under-Secretary", "three-day"
    if (t.text === '-' && first === k + 1 && left && left.end === t.start && t.end === T[k + 1].start) { first = k - 1; k--; continue; }
    if (!npWord(t)) break;
    // a subject pronoun is a whole phrase
    if (t.pos === 'PRON' && SUBJECT_PRONOUNS.has(t.lower)) {
      if (first < 0) first = k;
      break;
    }
    first = k;
    if (t.pos === 'DET' || POSSESSIVE_PRON.has(t.lower)) {
      // "the ministry", "his spokesman": the opener ends the phrase, unless it opens the object of an
      // inner preposition ("president of the United Federation of Teachers")
      const l1 = k - 1 >= min ? T[k - 1] : null;
      const l2 = k - 2 >= min ? T[k - 2] : null;
      if (l1 && l2 && l1.lower === 'and' && isNounish(l2) && l2.pos !== 'PRON') continue;
      if (l1 && l2 && NP_INNER_ADP.has(l1.lower) && (l2.pos === 'NOUN' || l2.pos === 'PROPN' || (l1.lower === 'of' && (l2.pos === 'NUM' || l2.pos === 'ADJ' || QUANTIFIERS.has(l2.lower))))) continue;
      break;
    }
  }
  if (first < 0) return null;
  // trim leading punctuation, prepositions and conjunctions left dangling
  while (first <= last && (T[first].pos === 'PUNCT' || /^['’]s$/.test(T[first].text) || NP_INNER_ADP.has(T[first].lower) || T[first].lower === 'and')) first++;
  if (first > last) return null;
  const words = T.slice(first, last + 1);
  if (!words.some((t) => isNounish(t))) return null;
  return { first, last };
}

/** The shortest trailing part of the phrase: after its last preposition or conjunction ("the Post Trump" → "Trump"). */
function npTail(ctx: Ctx, np: { first: number; last: number }): { first: number; last: number } | null {
  const T = ctx.toks;
  let f = np.last;
  while (f - 1 >= np.first && isName(T[f - 1]) && T[f - 1].pos === 'PROPN') f--;
  if (!isName(T[np.last]) && !(T[np.last].pos === 'PRON')) return null;
  return { first: f, last: np.last };
}

/** The head of the phrase [first, last]: first conjunct; the noun before "of" unless the phrase ends in a name. */
export function headOf(ctx: Ctx, first: number, last: number): number {
  const T = ctx.toks;
  // drop a trailing parenthetical
  let end = last;
  if (T[end].text === ')') {
    while (end > first && T[end].text !== '(') end--;
    end--;
  }
  for (let k = first; k <= end; k++) if (T[k].lower === 'and' || T[k].text === '&') { end = k - 1; break; }
  // a name run at the end wins: "MITI director general Noboru Hatakeyama", but not "a spokesman for Keidanren"
  if (isName(T[end]) && T[end].pos !== 'ADJ') {
    let r = end;
    while (r - 1 >= first && isName(T[r - 1]) && T[r - 1].pos !== 'ADJ') r--;
    const before = r - 1 >= first ? T[r - 1] : null;
    if (end - r >= 1 || !before || !NP_INNER_ADP.has(before.lower)) return end;
  }
  for (let k = first; k <= end; k++) {
    if (T[k].lower === 'of' && k > first) {
      // the word before "of" heads the phrase, whatever the tagger thinks ("chief/ADJ of staff")
      for (let m = k - 1; m >= first; m--) if (/[\p{L}\p{N}]/u.test(T[m].text) && T[m].pos !== 'PART' && T[m].pos !== 'DET') return m;
    }
  }
  for (let m = end; m >= first; m--) if (isNounish(T[m])) return m;
  return end;
}

function result(ctx: Ctx, first: number, last: number, headFirst: number, headLast: number, how: SpeakerNP['how']): SpeakerNP | null {
  const T = ctx.toks;
  const h = headOf(ctx, headFirst, headLast);
  if (NON_SPEAKER_HEADS.has(T[h].lower) && !(T[h].pos === 'PRON')) return null;
  if (T[h].pos === 'PRON' && !SUBJECT_PRONOUNS.has(T[h].lower)) return null;
  return { span: { start: T[first].start, end: T[last].end }, head: { start: T[h].start, end: T[h].end }, first, last, how };
}

/** A segment between commas that may sit between a subject and its cue. */
function insertable(t: Tok): boolean {
  return t.pos === 'DET' || t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'ADP' || t.pos === 'ADV' ||
    /^(who|which|whose|where|whom)$/.test(t.lower) || (t.pos === 'VERB' && /(ing|ed)$/.test(t.lower)) || (t.pos === 'PRON' && POSSESSIVE_PRON.has(t.lower));
}

/**
 * The subject of the cue at token `cue`, looking left but not before token `min`.
 * null when there is none; 'negated' when a negation stands between ("did not say").
 */
export function subjectLeft(ctx: Ctx, cue: number, min: number): SpeakerNP | 'negated' | null {
  const T = ctx.toks;
  let j = skipGapLeft(ctx, cue - 1, min);
  if (j === -2) return 'negated';
  if (j < min) return null;
  if (T[j].sent !== T[cue].sent && !(T[j].mark && T[j].para === T[cue].para)) return null;
  // relative subject: "Wang, who said ...", "the ministry, which said ..."
  if ((T[j].lower === 'who' || T[j].lower === 'which') && j - 1 >= min) {
    let k = j - 1;
    if (T[k].text === ',' || /^(--|—|–)$/.test(T[k].text)) k--;
    const np = k >= min ? npEndingAt(ctx, k, min) : null;
    if (!np) return null;
    return result(ctx, np.first, np.last, np.first, np.last, 'relative');
  }
  // appositives, relative and participial clauses between commas (or dashes):
  // "Maslen, head of the EC delegation, told", "Kuroski, deputy director of Comecon, who heads X, told"
  const SEP = /^(,|--|—|–)$/;
  if (SEP.test(T[j].text) && j - 1 >= min) {
    const isDashSep = T[j].text !== ',';
    const sentStart = Math.max(min, ctx.sents[T[cue].sent].first);
    // segments right to left: [start, end] token ranges between separators
    const segs: { start: number; end: number }[] = [];
    let right = j;
    for (let n = 0; n < 4; n++) {
      let k = right - 1;
      let depth = 0;
      for (; k >= sentStart && right - k < 30; k--) {
        const t = T[k];
        if (t.mark) break;
        if (t.text === ')') depth++;
        if (t.text === '(') depth--;
        if (depth === 0 && (isDashSep ? /^(--|—|–)$/.test(t.text) : t.text === ',')) break;
      }
      if (k === right - 1) break;
      if (k >= sentStart && !(isDashSep ? /^(--|—|–)$/.test(T[k].text) : T[k].text === ',')) {
        // hit a quotation mark or the length limit: the segment has no clean start
        segs.push({ start: k + 1, end: right - 1 });
        break;
      }
      segs.push({ start: k + 1, end: right - 1 });
      if (k < sentStart) break;
      right = k;
    }
    if (segs.length < 2 || !insertable(T[segs[0].start])) return null;
    // the subject: the leftmost segment that is exactly a noun phrase starting a clause, with only
    // insertions (appositives, relative or participial clauses) between it and the cue
    let best: SpeakerNP | null = null;
    for (let i = 1; i < segs.length; i++) {
      const sg = segs[i];
      const np = npEndingAt(ctx, sg.end, sg.start);
      const lead = np && np.first === sg.start + 1 && /^(but|and|so|yet|however|meanwhile|still|also|now|then)$/.test(T[sg.start].lower);
      const okNp = np && (np.first === sg.start || lead) && (sg.start === sentStart || clauseBoundary(T[sg.start - 1]));
      if (okNp) {
        const rel = /^(who|which|whose|where|whom)$/.test(T[segs[i - 1].start].lower);
        // head: a name given in an appositive wins over a title ("The U.N. spokesman, Francois Giuliani, said")
        let hf = np!.first;
        let hl = np!.last;
        if (!isName(T[headOf(ctx, hf, hl)])) {
          for (let m = i - 1; m >= 0; m--) {
            const a = segs[m];
            if (a.end - a.start <= 3 && T.slice(a.start, a.end + 1).every((t) => t.pos === 'PROPN' || t.text === '.')) { hf = a.start; hl = a.end; break; }
          }
        }
        const r = result(ctx, np!.first, rel && i === 1 ? np!.last : j - 1, hf, hl, rel ? 'relative' : 'appositive');
        if (r) best = r;
      }
      if (!insertable(T[sg.start]) && !okNp) break;
    }
    return best;
  }
  let np = npEndingAt(ctx, j, min);
  if (!np) return null;
  // a reduced relative between the subject and the cue: "An EC negotiator taking part in the talks said",
  // "A joint statement issued after the talks said"
  for (let v = np.first - 1; v >= min && v >= np.first - 4; v--) {
    const tv = T[v];
    if (tv.pos === 'PUNCT' || tv.pos === 'AUX' || tv.mark || SUBJECT_PRONOUNS.has(tv.lower) || tv.lower === 'that') break;
    if (!(tv.pos === 'VERB' && /(ing|ed)$/.test(tv.lower))) continue;
    if (v - 1 >= min) {
      const np2 = npEndingAt(ctx, v - 1, min);
      if (np2 && (np2.first === min || clauseBoundary(T[np2.first - 1])) && T.slice(np2.first, np2.last + 1).some((t) => t.pos === 'NOUN' || t.pos === 'PROPN')) {
        return result(ctx, np2.first, np.last, np2.first, np2.last, 'np');
      }
    }
  }
  if (np.first > min && !clauseBoundary(T[np.first - 1])) {
    // "the sanctions that officials warn could ..." and "X and Y said" are fine; "with the Post Trump said" keeps "Trump"
    const b = T[np.first - 1];
    if (!(b.pos === 'SCONJ' || b.pos === 'CCONJ' || b.lower === 'that' || b.pos === 'ADV')) {
      const tail = npTail(ctx, np);
      if (!tail) return null;
      np = tail;
    }
  }
  return result(ctx, np.first, np.last, np.first, np.last, 'np');
}

/** The subject after an inverted cue: "said Wang", "said the ministry's spokesman Zhao Lijian". */
export function subjectRight(ctx: Ctx, cue: number, max: number): SpeakerNP | null {
  const T = ctx.toks;
  let k = cue + 1;
  if (k > max || k >= T.length || T[k].sent !== T[cue].sent) return null;
  const first = k;
  let last = -1;
  let depth = 0;
  for (; k <= max && k < T.length && k - first < 14; k++) {
    const t = T[k];
    if (t.sent !== T[cue].sent) break;
    if (t.text === '(') { depth++; continue; }
    if (t.text === ')') { depth--; last = k; continue; }
    if (depth > 0) continue;
    if (t.lower === 'of' && last >= 0 && k + 1 <= max && npWord(T[k + 1])) continue;
    if ((t.lower === 'and' || t.text === '&') && last >= 0 && isName(T[k - 1]) && k + 1 <= max && isName(T[k + 1])) continue;
    // "exit polls": a verb-looking noun modifier at the start of the phrase
    if (!npWord(t) && !(k === first && t.pos === 'VERB' && T[k + 1]?.pos === 'NOUN')) break;
    if (k > first && (t.pos === 'DET' || (t.pos === 'PRON' && SUBJECT_PRONOUNS.has(t.lower)))) break;
    last = k;
    if (t.pos === 'PRON' && SUBJECT_PRONOUNS.has(t.lower)) break;
  }
  if (last < 0) return null;
  // the phrase must be followed by an end: punctuation, a preposition or the end of the sentence
  const after = T[last + 1];
  if (after && after.sent === T[cue].sent && !(after.pos === 'PUNCT' || after.pos === 'ADP' || after.mark || after.pos === 'SCONJ' || after.pos === 'ADV' || after.lower === 'who')) return null;
  const words = T.slice(first, last + 1);
  if (!words.some((t) => isNounish(t))) return null;
  // the head is in the first phrase before any comma
  return result(ctx, first, last, first, last, 'np');
}

/** A token that may precede a clause's subject. */
export function clauseBoundary(t: Tok): boolean {
  return t.pos === 'PUNCT' || t.mark || t.pos === 'SCONJ' || t.pos === 'CCONJ' || t.lower === 'that' || t.lower === 'as' || t.lower === 'while' || t.lower === 'when' || t.lower === 'but' || t.lower === 'and' || t.lower === 'because' || t.lower === 'where' || t.lower === 'since' || t.lower === 'though' || t.lower === 'although' || t.lower === 'after' || t.lower === 'before' || t.lower === 'if' || t.lower === 'so' || t.lower === 'then' || t.lower === 'meanwhile' || t.lower === 'also'
    || t.pos === 'ADV';
}
