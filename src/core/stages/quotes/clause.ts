/**
 * What follows a cue: where its content starts, whether that content is a clause (a quote) or only a
 * noun phrase (an event, not a quote), and where it ends.
 */
import type { Ctx, Tok } from './context.js';
import { ADDRESSEE_NOUNS, SPEECH_NOUNS, TIME_WORDS, WH_WORDS, type CueForm } from './lexicon.js';
import { subjectLeft, subjectRight } from './subject.js';

const SUBJECT_PRONOUNS_C = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'there', 'this']);
const OBJECT_PRONOUNS = new Set(['him', 'her', 'them', 'us', 'me', 'you', 'it']);
const WEEKDAYS = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight)$/;
const MONTHS = /^(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?$/;
const SENT_END = /^[.!?…]+$/;
const DASHES = new Set(['—', '–', '―', '--']);

const CUT_WORDS = /^(although|though|whereas|despite|even|while)$/;

export const isSentEnd = (t: Tok) => SENT_END.test(t.text);
export const isDash = (t: Tok) => DASHES.has(t.text);

/** The cue entry of token i (with its particle checked), or null. */
export function cueAt(ctx: Ctx, i: number, loose = false): CueForm | null {
  const t = ctx.toks[i];
  const f = t.cue;
  if (!f) return null;
  if (loose) return f.particle && ctx.toks[i + 1]?.lower !== f.particle ? null : f;
  const next = ctx.toks[i + 1];
  if (t.pos === 'NOUN' && !['says', 'said', 'told', 'added', 'noted', 'stressed'].includes(t.lower) && f.form !== 'past' && !(next && next.lower === 'that' && f.form === 's' && i > 0 && /^(NOUN|PROPN|PRON)$/.test(ctx.toks[i - 1].pos))) {
    // "the state", "a note", "the report": nouns, unless the tagger is plainly wrong about a verb form
    return null;
  }
  if (t.pos === 'PROPN' && /^[A-Z]/.test(t.text) && !/^(Says|Said|Tells|Told|Adds|Warns|Claims|Insists|Argues)$/.test(t.text)) return null;
  if (f.particle) {
    const n = ctx.toks[i + 1];
    if (!n || n.lower !== f.particle) return null;
  }
  return f;
}

/** Index after the cue word(s). */
export const afterCue = (_ctx: Ctx, i: number, f: CueForm) => (f.particle ? i + 2 : i + 1);

/** The last token index (exclusive) of token i's sentence. */
export const sentLast = (ctx: Ctx, i: number) => ctx.sents[ctx.toks[i].sent].last;
export const sentFirst = (ctx: Ctx, i: number) => ctx.sents[ctx.toks[i].sent].first;

/** Skip an addressee after "told"/"reminded": "reporters", "Reuters", "the BBC", "a news conference", "him". */
function skipAddressee(ctx: Ctx, k: number, lim: number): number {
  const T = ctx.toks;
  if (k >= lim) return k;
  if (OBJECT_PRONOUNS.has(T[k].lower) && T[k].lower !== 'it') return k + 1;
  let m = k;
  if (T[m].pos === 'DET' && T[m].lower !== 'that') m++;
  let seenNoun = false;
  let lastWasLowerNoun = false;
  while (m < lim) {
    const t = T[m];
    if (t.pos === 'PROPN' || (/^[A-Z]/.test(t.text) && (t.pos === 'NOUN' || t.pos === 'X'))) {
      if (lastWasLowerNoun) break; // "reporters Japan will ..."
      seenNoun = true;
      m++;
      continue;
    }
    if (t.pos === 'NOUN') {
      seenNoun = true;
      lastWasLowerNoun = true;
      m++;
      if (ADDRESSEE_NOUNS.has(t.lower)) break;
      continue;
    }
    if (t.pos === 'ADJ' || t.pos === 'NUM' || /^['’]s$/.test(t.lower)) {
      if (seenNoun && t.pos === 'ADJ') break;
      m++;
      continue;
    }
    break;
  }
  return seenNoun ? m : k;
}

/** Skip adverbials between a cue and its content: "on Thursday", "in a statement", "at a news conference in Tokyo". */
export function skipAdverbials(ctx: Ctx, k: number, lim: number): number {
  const T = ctx.toks;
  for (let guard = 0; guard < 6 && k < lim; guard++) {
    const t = T[k];
    if ((WEEKDAYS.test(t.lower) || MONTHS.test(t.lower)) && k + 1 < lim && /^(morning|afternoon|evening|night)$/.test(T[k + 1].lower)) {
      k += 2;
      continue;
    }
    if (WEEKDAYS.test(t.lower) || (t.pos === 'ADV' && /^(also|again|repeatedly|recently|earlier|later|previously|then|now|once|separately|publicly|privately|here|there|simply|flatly|bluntly|firmly|repeatedly|frequently|often)$/.test(t.lower))) {
      k++;
      continue;
    }
    if ((t.lower === 'last' || t.lower === 'this' || t.lower === 'next' || t.lower === 'earlier' || t.lower === 'later') && k + 1 < lim && TIME_WORDS.has(T[k + 1].lower)) {
      k += 2;
      continue;
    }
    if (t.pos === 'ADP' && ['in', 'at', 'on', 'during', 'after', 'before', 'via', 'through', 'over', 'from'].includes(t.lower)) {
      // a prepositional phrase whose noun is a speech event or a time
      let m = k + 1;
      let ok = false;
      while (m < lim && m - k < 12 && (T[m].pos === 'DET' || T[m].pos === 'ADJ' || T[m].pos === 'NOUN' || T[m].pos === 'PROPN' || T[m].pos === 'NUM' || /^['’]s$/.test(T[m].lower) || T[m].text === '-')) {
        if (SPEECH_NOUNS.has(T[m].lower) || WEEKDAYS.test(T[m].lower) || MONTHS.test(T[m].lower) || TIME_WORDS.has(T[m].lower)) ok = true;
        m++;
      }
      if (!ok) break;
      k = m;
      // "with CNN", "to parliament", "in Tokyo" after the speech noun
      while (k < lim && T[k].pos === 'ADP' && ['with', 'to', 'in', 'on', 'at', 'for', 'by', 'of'].includes(T[k].lower)) {
        let n = k + 1;
        while (n < lim && n - k < 14 && (T[n].pos === 'DET' || T[n].pos === 'ADJ' || T[n].pos === 'PROPN' || (T[n].pos === 'NOUN') || /^['’]s$/.test(T[n].lower))) n++;
        if (n === k + 1) break;
        // stop before a clause subject: "in Tokyo Japan would" is not worth the risk
        k = n;
      }
      continue;
    }
    break;
  }
  return k;
}

export type ComplementKind = 'that' | 'clause' | 'colon' | 'wh' | 'empty' | 'quote' | 'np' | 'to' | 'pp';

export interface Complement {
  kind: ComplementKind;
  /** First token of the content (after "that"). */
  start: number;
}

/** Does the range [a, b) read as a clause? `strict` wants a subject then a verb (for "stressed X"). */
export function looksLikeClause(ctx: Ctx, a: number, b: number, strict: boolean): boolean {
  const T = ctx.toks;
  if (b - a < 2) return false;
  const first = T[a];
  if (first.pos === 'ADP' || first.lower === 'to') return false;
  if (!strict) {
    for (let k = a; k < Math.min(b, a + 40); k++) {
      const t = T[k];
      if (t.pos === 'AUX') return true;
      if (t.pos === 'VERB' && !(k === a && /ing$/.test(t.lower))) return true;
    }
    return false;
  }
  // strict: a subject then a finite verb ("stressed China is ready", "noted Reagan's invitation ... was
  // still on the table"); "stressed the importance of X" has no finite verb of its own
  const t0 = T[a];
  if (t0.pos === 'PRON' && SUBJECT_PRONOUNS_C.has(t0.lower)) {
    let k = a + 1;
    while (k < b && T[k].pos === 'ADV') k++;
    return k < b && (T[k].pos === 'AUX' || T[k].pos === 'VERB');
  }
  let nouns = 0;
  for (let k = a; k < b && k - a < 30; k++) {
    const t = T[k];
    if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM') nouns++;
    if (/^(which|who|whom|whose|that|as|because|while|if|when|since|although|though|after|before|until|unless|whether|where)$/.test(t.lower) && k > a) return false;
    if (t.pos === 'AUX') {
      if (T[k - 1]?.lower === 'to') continue;
      // "the readiness to impose costs, should it pursue ...": an inverted conditional, not the content's verb
      if (T[k - 1]?.text === ',' && /^(PRON|DET|PROPN)$/.test(T[k + 1]?.pos ?? '')) return false;
      // "adds X and will entitle Y": a second verb of the main clause, not a content clause
      if (/^(and|or|but)$/.test(T[k - 1]?.lower ?? '')) return false;
      return nouns > 0;
    }
    if (t.pos === 'VERB') {
      if (nouns === 0) return false;
      const p = T[k - 1];
      if (p.lower === 'to' || p.pos === 'ADP' || p.pos === 'DET' || /ing$/.test(t.lower)) continue;
      // a finite verb: present tense -s or a past form after its subject ("Russia plays", "the talks ended")
      if (/[^s]s$/.test(t.lower) && (p.pos === 'NOUN' || p.pos === 'PROPN' || p.pos === 'ADV')) return true;
      if (/ed$/.test(t.lower) && (p.pos === 'NOUN' || p.pos === 'PROPN') && T[k + 1] && (T[k + 1].pos === 'DET' || T[k + 1].pos === 'PRON' || T[k + 1].pos === 'ADV' || T[k + 1].pos === 'PROPN' || T[k + 1].pos === 'NUM' || T[k + 1].lower === 'that' || (T[k + 1].lower === 'to' && /^(VERB|AUX)$/.test(T[k + 2]?.pos ?? '')))) return true;
      continue;
    }
    // tagger slips: "marks", "remains" tagged as nouns after a noun phrase
    if (t.pos === 'NOUN' && /[^s]s$/.test(t.lower) && nouns > 1 && T[k + 1] && (T[k + 1].pos === 'DET' || T[k + 1].pos === 'NUM') && (T[k - 1].pos === 'NOUN' || T[k - 1].pos === 'PROPN')) return true;
    if (t.text === ';' || t.text === ':' || t.stop) return false;
  }
  return false;
}

/** Where the content of the cue at `i` starts and what it is. */
export function complementOf(ctx: Ctx, i: number, f: CueForm): Complement {
  const T = ctx.toks;
  const lim = sentLast(ctx, i);
  let k = afterCue(ctx, i, f);
  if (k >= lim) return { kind: 'empty', start: k };
  if (f.cls === 'tell' || f.lemma === 'tell' || ['remind', 'assure', 'inform', 'warn'].includes(f.lemma)) {
    const m = skipAddressee(ctx, k, lim);
    if (f.lemma === 'warn' && m > k && !(T[m] && (T[m].lower === 'that' || T[m].lower === ','))) {
      // "warned Japan of consequences", "warned Japan to stop": not speech content
      if (T[m] && (T[m].lower === 'of' || T[m].lower === 'to' || T[m].lower === 'against')) return { kind: 'np', start: m };
    }
    k = m;
  }
  k = skipAdverbials(ctx, k, lim);
  // "said in a statement on its website that": look ahead for "that" over adverbials
  if (k < lim && T[k].lower !== 'that') {
    for (let m = k; m < lim && m - k < 12; m++) {
      const t = T[m];
      if (t.lower === 'that' && m > k) {
        const between = T.slice(k, m);
        if (between.some((x) => x.pos === 'ADP' || x.text === ',' || WEEKDAYS.test(x.lower)) && !between.some((x) => x.pos === 'VERB' || x.pos === 'AUX')) k = m;
        break;
      }
      if (t.pos === 'VERB' || t.pos === 'AUX' || t.mark || t.pos === 'SCONJ') break;
    }
  }
  if (k >= lim) return { kind: 'empty', start: k };
  let t = T[k];
  if (t.text === ',' || t.text === ';' || isSentEnd(t) || isDash(t) || t.text === ')') {
    // "said, however, that ..." / "said, adding" / "said."
    if (t.text === ',' && k + 1 < lim && T[k + 1].lower === 'however') {
      let m = k + 2;
      if (T[m]?.text === ',') m++;
      if (T[m]?.lower === 'that') return { kind: 'that', start: m + 1 };
    }
    return { kind: 'empty', start: k };
  }
  if (t.text === ':') {
    if (k + 1 < lim && T[k + 1].mark) return { kind: 'quote', start: k + 1 };
    return k + 1 < T.length && T[k + 1].para === t.para ? { kind: 'colon', start: k + 1 } : { kind: 'empty', start: k };
  }
  if (t.mark) return { kind: 'quote', start: k };
  if (t.lower === 'that' && (t.pos === 'SCONJ' || t.pos === 'PRON' || t.pos === 'DET' || t.pos === 'ADP')) {
    let m = k + 1;
    if (m < lim && T[m].mark) return { kind: 'quote', start: m };
    // "that, in the face of X, Y": fine, the content starts after "that"
    return m < lim ? { kind: 'that', start: m } : { kind: 'empty', start: k };
  }
  if (t.lower === 'to') return { kind: 'to', start: k };
  if (WH_WORDS.has(t.lower) && t.lower !== 'which' && t.lower !== 'who') return { kind: 'wh', start: k };
  if (t.pos === 'ADP') return { kind: 'pp', start: k };
  if (t.lower === 'so' || t.lower === 'nothing' || t.lower === 'yes' || t.lower === 'no' || t.lower === 'goodbye' || t.lower === 'thanks' || t.lower === 'otherwise') {
    if (k + 1 >= lim || isSentEnd(T[k + 1]) || T[k + 1].text === ',') return { kind: 'np', start: k };
  }
  const strict = f.cls === 'that';
  // end of the candidate content for the clause test
  const end = contentEnd(ctx, k);
  if (looksLikeClause(ctx, k, end, strict)) return { kind: 'clause', start: k };
  // "officials warn could spark ...": a gapped subject, the content starts with a modal
  if (t.pos === 'AUX' && !strict) return { kind: 'clause', start: k };
  void t;
  t = T[k];
  return { kind: 'np', start: k };
}

/**
 * Where a content starting at token `a` ends (exclusive token index): the end of its sentence, or
 * before a following attribution (", adding that", ", Park said ...", ", according to").
 */
export function contentEnd(ctx: Ctx, a: number): number {
  const T = ctx.toks;
  const lim = sentLast(ctx, a);
  let depth = 0;
  for (let k = a; k < lim; k++) {
    const t = T[k];
    if (t.text === '(') depth++;
    if (t.text === ')') depth = Math.max(0, depth - 1);
    if (depth) continue;
    if (t.text === ',' || t.text === ';' || isDash(t) || (t.pos === 'CCONJ' && k > a + 2)) {
      const n = k + 1;
      if (n >= lim) break;
      const nt = T[n];
      // "said X and urged Y": a second verb of the main clause (no subject of its own) ends the content
      if (t.pos === 'CCONJ' && /^(and|but)$/.test(t.lower) && nt.pos === 'VERB' && (/ed$/.test(nt.lower) || cueAt(ctx, n)?.form === 'past') && !/ing$/.test(nt.lower)) return trimEnd(ctx, a, k);
      // ", adding that", ", saying", ", noting that"
      const f = cueAt(ctx, n);
      if (f && f.form === 'ing') return trimEnd(ctx, a, k);
      if (nt.lower === 'according' && T[n + 1]?.lower === 'to') return trimEnd(ctx, a, k);
      // the narrator's own concessive or circumstantial clause: ", although he again refused ..."
      if (t.text === ',' && k > a + 2 && CUT_WORDS.test(nt.lower) && !(nt.lower === 'as' && T[n + 1]?.lower === 'well')) return trimEnd(ctx, a, k);
      // ", said Wang" (inverted) or ", Wang said" / ", he added" (with nothing after the cue)
      if (f && (f.form === 'past' || f.form === 's')) {
        const subj = subjectRight(ctx, n, lim - 1);
        if (subj && nothingAfter(ctx, subj.last + 1)) return trimEnd(ctx, a, k);
      }
      for (let c = n + 1; c < lim && c - n < 10; c++) {
        const cf = cueAt(ctx, c);
        if (!cf || cf.form === 'ing' || cf.form === 'base') continue;
        const s = subjectLeft(ctx, c, n);
        if (s && s !== 'negated' && s.first === n) {
          // a new attribution: either closing this content (", he said.") or opening another (", and Park said ...")
          if (t.pos === 'CCONJ' || nothingAfter(ctx, afterCue(ctx, c, cf)) || T[k].text === ',' || T[k].text === ';') return trimEnd(ctx, a, k);
        }
        break;
      }
    }
  }
  return trimEnd(ctx, a, lim);
}

/** Nothing but adverbials and the sentence end (or a comma) after token k? */
export function nothingAfter(ctx: Ctx, k: number): boolean {
  const T = ctx.toks;
  if (k >= T.length) return true;
  const lim = sentLast(ctx, Math.min(k, T.length - 1));
  if (k >= lim) return true;
  const m = skipAdverbials(ctx, k, lim);
  if (m >= lim) return true;
  const t = T[m];
  return t.text === ',' || isSentEnd(t) || t.text === ';' || isDash(t) || t.mark || t.text === ':' || (t.lower === 'as' || t.lower === 'when' || t.lower === 'while' || t.lower === 'after' || t.lower === 'before' || t.lower === 'in' || t.lower === 'at' || t.lower === 'on' || t.lower === 'during' || t.lower === 'to' || t.lower === 'from' || t.lower === 'for' || t.lower === 'with' || t.lower === 'of' || t.lower === 'about' || t.lower === 'by');
}

/** Exclusive end index with trailing punctuation dropped (but a closing mark of a quoted part kept). */
export function trimEnd(ctx: Ctx, a: number, b: number): number {
  const T = ctx.toks;
  while (b > a) {
    const t = T[b - 1];
    if (t.text === ',' || t.text === ';' || t.text === ':' || isSentEnd(t) || isDash(t)) { b--; continue; }
    if (t.mark) {
      // keep a closing mark whose opener is inside the content
      let opens = 0;
      for (let k = a; k < b - 1; k++) if (T[k].mark) opens++;
      if (opens % 2 === 1) break;
      b--;
      continue;
    }
    break;
  }
  return b;
}
