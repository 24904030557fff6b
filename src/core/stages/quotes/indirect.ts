/**
 * Indirect quotes: reported speech around a cue.
 * - `pre`: "Wang said (that) CONTENT", "he told reporters CONTENT", "stressed that CONTENT";
 * - `post`: "CONTENT, Wang said." / "CONTENT, said Wang." / "CONTENT, the source added.";
 * - `participle`: "..., adding that CONTENT" (speaker of the main clause) and
 *   "Noting that CONTENT, Wang said ..." (speaker of the clause that follows);
 * - `according`: "According to X, CONTENT" / "CONTENT, according to X";
 * - `called`: "called the anniversary a milestone" (content "the anniversary a milestone");
 * - `expressed`: "expressed (his) hope that CONTENT"; `quoted-as`: "quoted Wallis as saying CONTENT";
 * - `label`: "NAME: CONTENT" opening a paragraph: a transcript turn (kind direct, running on over unlabelled
 *   paragraphs up to the next label) or a headline ("Pence: Flowers won't be at the debate", indirect).
 * A cue with only a noun phrase after it ("stressed the importance of X") is not a quote.
 */
import type { Found } from './candidate.js';
import { afterCue, complementOf, contentEnd, cueAt, isDash, isSentEnd, looksLikeClause, nothingAfter, sentFirst, sentLast, skipAdverbials, trimEnd } from './clause.js';
import type { Ctx } from './context.js';
import { labelAt, mainSubject } from './direct.js';
import { CALLED_FORMS, EXPRESS_FORMS, PARTICIPIAL_OK, SPEECH_NOUNS, type CueForm } from './lexicon.js';
import { headOf, subjectLeft, subjectRight, type SpeakerNP } from './subject.js';

/** Cues that may precede their speaker: "..., said Wang", "..., added the minister". */
const INVERTIBLE = new Set(['say', 'add', 'tell', 'write', 'explain', 'reply', 'respond', 'answer', 'insist', 'argue', 'warn', 'note', 'declare', 'recall', 'comment', 'concede', 'counter', 'retort', 'quip', 'joke', 'boast', 'predict', 'acknowledge', 'admit', 'claim', 'complain', 'confirm', 'observe', 'remark', 'report', 'state', 'tweet']);

/** Verbs of thinking: "I think", "we believe" after a clause are parentheticals, not attributions. */
const COGNITION = new Set(['think', 'believe', 'guess', 'imagine', 'feel', 'hope', 'expect', 'fear', 'doubt', 'assume', 'worry', 'reckon', 'suspect', 'learn', 'find', 'show', 'recognize', 'recognise']);

function make(ctx: Ctx, a: number, b: number, cueTok: number, cueEnd: number, s: SpeakerNP | null, rule: string): Found | null {
  const T = ctx.toks;
  if (b <= a) return null;
  // strip leading punctuation
  while (a < b && (T[a].text === ',' || T[a].text === ':' || isDash(T[a]))) a++;
  if (b - a < 2) return null;
  const cls = cueTok >= 0 ? cueAt(ctx, cueTok, true)?.cls : undefined;
  return { kind: 'indirect', start: T[a].start, end: T[b - 1].end, cue: cueTok >= 0 ? { start: T[cueTok].start, end: T[cueEnd].end } : null, cueTok, cueClass: cls, speaker: s?.span ?? null, head: s?.head ?? null, rule };
}

/** First token of the clause that precedes a post-posed attribution at comma `comma`. */
function clauseStartBefore(ctx: Ctx, comma: number, taken: (i: number) => boolean): number {
  const T = ctx.toks;
  let a = sentFirst(ctx, comma);
  // do not reach back over an earlier attribution in the same sentence
  for (let k = comma - 1; k >= a; k--) {
    if (taken(k)) return k + 1;
  }
  // skip an opening mark left over from a quote that began earlier
  while (a < comma && T[a].mark) a++;
  return a;
}

export function findIndirect(ctx: Ctx, usedCues: Set<number>, cueTaken: (i: number) => boolean): Found[] {
  const T = ctx.toks;
  const out: Found[] = [];
  for (let i = 0; i < T.length; i++) {
    const t = T[i];
    if (!t.reporting || t.inQ >= 0 || usedCues.has(i)) continue; // the rare reporting word first
    const f = indirectAt(ctx, i, cueTaken);
    if (f) out.push(f);
  }
  for (const g of labelTurns(ctx)) out.push(g);
  return out;
}

/** The indirect quote a reporting word at token i opens, or null. */
function indirectAt(ctx: Ctx, i: number, cueTaken: (i: number) => boolean): Found | null {
  const T = ctx.toks;
  const t = T[i];
  // "According to X, ..." / "..., according to X"
  if (t.lower === 'according' && T[i + 1]?.lower === 'to' && T[i + 1].sent === t.sent) return according(ctx, i);
  const f = cueAt(ctx, i);
  // "expressed (his) hope that ...", "voiced confidence that ..."
  if (EXPRESS_FORMS.has(t.lower)) return expressed(ctx, i);
  if (!f) return CALLED_FORMS.has(t.lower) ? called(ctx, i) : null;
  return reportedAt(ctx, i, f, cueTaken);
}

/**
 * The indirect quote a speech cue at token i reports, or null. Apart from the scan over every token in
 * findIndirect: cues are few, and this is where most of the stage's rules are.
 */
function reportedAt(ctx: Ctx, i: number, f: CueForm, cueTaken: (i: number) => boolean): Found | null {
  const T = ctx.toks;
  const t = T[i];
  const prev = T[i - 1];
  // "declined to say", "wants to add", "was told", "is said to"
  if (prev && prev.sent === t.sent && (prev.lower === 'to' || prev.lower === 'not' || prev.lower === "n't" || prev.lower === 'n’t' || prev.lower === 'never')) return null;
  if (prev && prev.sent === t.sent && /^(is|was|were|are|been|being|be|'s|’s|get|got|gets)$/.test(prev.lower) && f.form === 'past') return null;
  const cueEnd = afterCue(ctx, i, f) - 1;
  const comp = complementOf(ctx, i, f);
  const first = sentFirst(ctx, i);
  // inverted after the content: "..., says Paul Rieckhoff, founder of X." / "..." fragment," said Wang.
  if ((f.form === 'past' || f.form === 's') && INVERTIBLE.has(f.lemma) && prev && prev.sent === t.sent && (prev.text === ',' || (prev.mark && T[i - 2]?.text === ','))) {
    const r = subjectRight(ctx, cueEnd, sentLast(ctx, i) - 1);
    if (r && nothingAfter(ctx, r.last + 1)) {
      const g = postPosed(ctx, i, f.form, cueEnd, cueTaken);
      if (g) return g;
    }
  }
  // cues that only attribute an adjacent quote ("she continued", "he asked"): the direct rules use them
  if (f.cls === 'direct') return null;
  // "The spokesman quoted Wallis as saying ...", "Wallis was quoted as saying ..."
  if (f.form === 'ing' && prev && prev.lower === 'as' && (comp.kind === 'that' || comp.kind === 'clause' || comp.kind === 'quote')) {
    const s = quotedAs(ctx, i - 1, first);
    if (s) return make(ctx, comp.start, contentEnd(ctx, comp.start), i, cueEnd, s, 'indirect-quoted-as');
  }
  // participial cues: ", adding that ..." or sentence-initial "Noting that ..., Wang said ..."
  if (f.form === 'ing') {
    if (!PARTICIPIAL_OK.has(f.lemma)) return null;
    const lead = i === first || (i === first + 1 && /^(while|also|after|before|in|when|by)$/.test(T[first].lower));
    // ", adding that ...", "began by saying ...", "after saying ..."
    const afterComma = prev && prev.sent === t.sent && (prev.text === ',' || prev.lower === 'and' || isDash(prev) || /^(by|after|before|while|when|from|without|for)$/.test(prev.lower));
    if (!(lead || afterComma) && !(prev && /^(is|was|were|are|been|be|'s|’s|am)$/.test(prev.lower))) return null;
    if (!(comp.kind === 'that' || comp.kind === 'clause' || comp.kind === 'colon' || comp.kind === 'wh' || comp.kind === 'quote')) return null;
    if (lead) return leadingParticiple(ctx, i, cueEnd, comp.start);
    if (afterComma) {
      const s = mainSubject(ctx, i, first);
      return make(ctx, comp.start, contentEnd(ctx, comp.start), i, cueEnd, s, 'indirect-participle');
    }
    // progressive "is saying that": falls through with its subject
  }
  if (comp.kind === 'that' || comp.kind === 'clause' || comp.kind === 'colon' || comp.kind === 'wh' || comp.kind === 'quote') {
    const s = subjectLeft(ctx, i, first);
    if (s === 'negated') return null;
    let speaker: SpeakerNP | null = s;
    // "Schultz supported Democrats ... and said he did not support Trump": the first verb's subject
    if (!speaker && prev && prev.sent === t.sent && (prev.lower === 'and' || prev.lower === 'but')) speaker = mainSubject(ctx, i - 1, first);
    if (!speaker) return null;
    let end = contentEnd(ctx, comp.start);
    // "The governor added: It's typical ... She knows nothing ...": a colon introduces the rest of the paragraph
    if (comp.kind === 'colon') {
      let e = end;
      while (e < T.length && T[e].para === t.para && !T[e].mark) e++;
      end = trimEnd(ctx, comp.start, e);
    }
    if (comp.kind === 'quote' || T[comp.start]?.mark) {
      // a quotation opening the content runs to its closing mark, even across sentences
      const q = T[comp.start + 1]?.inQ ?? -1;
      if (q >= 0) {
        const p = ctx.passages[q];
        let e = end;
        while (e < T.length && T[e].start < p.after) e++;
        end = Math.max(end, e);
      }
    }
    return make(ctx, comp.start, end, i, cueEnd, speaker, 'indirect-' + comp.kind);
  }
  if ((comp.kind === 'empty' || (comp.kind === 'pp' && circumstantial(ctx, comp.start))) && !COGNITION.has(f.lemma)) {
    // post-posed: "CONTENT, Wang said." / "CONTENT, said Wang." / "The deal, he said, is dead."
    return postPosed(ctx, i, f.form, cueEnd, cueTaken);
  }
  return null;
}

/**
 * Speaker labels opening a paragraph: transcript turns ("MR ICE: Thank you ...") and headlines ("Pence:
 * Gennifer Flowers won't be at the debate"). A turn runs on over unlabelled paragraphs until the next
 * label (at most a few paragraphs), as transcripts do.
 */
function labelTurns(ctx: Ctx): Found[] {
  const T = ctx.toks;
  const out: Found[] = [];
  const labels: { para: number; lab: NonNullable<ReturnType<typeof labelAt>>; first: number }[] = [];
  for (let pi = 0; pi < ctx.paras.length; pi++) {
    const k = firstTok(ctx, ctx.paras[pi].start);
    if (k < 0 || T[k].inQ >= 0 || T[k].mark) continue;
    const lab = labelAt(ctx, k);
    if (lab && !T[lab.colon + 1]?.mark) labels.push({ para: pi, lab, first: k });
  }
  for (let li = 0; li < labels.length; li++) {
    const { para, lab, first } = labels[li];
    const a = lab.colon + 1;
    let lastPara = para;
    const next = labels[li + 1];
    if (next && next.para - para <= 6) {
      let ok = true;
      for (let q = para + 1; q < next.para; q++) if (/^[“"‘'«„]/.test(ctx.text[ctx.paras[q].start])) ok = false;
      if (ok) lastPara = next.para - 1;
    }
    let b = a;
    while (b < T.length && T[b].para <= lastPara && !(b > a && T[b - 1].stop && inlineLabel(ctx, b))) b++;
    const g = make(ctx, a, trimEnd(ctx, a, b), lab.colon, lab.colon, lab.np, 'label');
    if (!g) continue;
    // a transcript turn is verbatim speech; a headline label is a paraphrase
    const caps = T.slice(first, lab.colon).every((x) => !/[a-z]/.test(x.text));
    g.kind = caps || lastPara > para || (labels.length > 1 && para > 0) ? 'direct' : 'indirect';
    g.rule = g.kind === 'direct' ? 'direct-label' : 'indirect-label';
    out.push(g);
  }
  return out;
}

/** A prepositional phrase about the circumstances of speaking ("in Toledo", "at a rally", "on Friday"), not the
 * complement of the verb ("insist on X", "warned of X", "spoke about X"). */
function circumstantial(ctx: Ctx, k: number): boolean {
  const T = ctx.toks;
  const p = T[k].lower;
  if (/^(in|at|during|after|before|from|via|through|over|outside|inside|while|when|as|near|ahead|amid|since)$/.test(p)) return true;
  if (p === 'on') {
    const n = T[k + 1];
    const n2 = T[k + 2];
    return !!n && (/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/i.test(n.text) ||
      (n.pos === 'DET' && !!n2 && (SPEECH_NOUNS.has(n2.lower) || n2.pos === 'PROPN')) || n.pos === 'PROPN');
  }
  return false;
}

/** "QUESTION:", "SECRETARY BLINKEN:" inside a paragraph: the next turn of a transcript run together. */
function inlineLabel(ctx: Ctx, k: number): boolean {
  const T = ctx.toks;
  let m = k;
  while (m < T.length && m - k < 4 && /^[A-Z][A-Z.'’-]+$/.test(T[m].text)) m++;
  return m > k && T[m]?.text === ':';
}

function firstTok(ctx: Ctx, pos: number): number {
  const T = ctx.toks;
  let lo = 0;
  let hi = T.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (T[mid].start >= pos) { ans = mid; hi = mid - 1; } else lo = mid + 1;
  }
  return ans;
}

function postPosed(ctx: Ctx, i: number, form: string, cueEnd: number, cueTaken: (i: number) => boolean): Found | null {
  const T = ctx.toks;
  const first = sentFirst(ctx, i);
  const last = sentLast(ctx, i);
  let speaker: SpeakerNP | null = null;
  let attrStart = -1; // first token of the attribution ("Wang" in ", Wang said"; "said" in ", said Wang")
  let attrEnd = cueEnd; // last token of the attribution
  const s = subjectLeft(ctx, i, first);
  if (s === 'negated') return null;
  if (s) {
    speaker = s;
    attrStart = s.first;
  } else if (form === 'past' || form === 's') {
    // inverted: ", said Wang"
    const r = subjectRight(ctx, cueEnd, last - 1);
    if (!r || !nothingAfter(ctx, r.last + 1)) return null;
    speaker = r;
    attrStart = i;
    attrEnd = r.last;
  } else return null;
  // the attribution must follow a comma (or a dash) closing the content
  let before = T[attrStart - 1];
  let comma = attrStart - 1;
  // '"... fragment," said Wang': the comma sits inside the closing mark (which may be two tokens: '')
  if (before && before.mark) {
    let c = attrStart - 1;
    while (c > 0 && T[c].mark && attrStart - c < 3) c--;
    if (T[c]?.text === ',') {
      comma = c;
      before = T[c];
    }
  }
  if (!before || before.sent !== T[i].sent || !(before.text === ',' || isDash(before))) return null;
  const a = clauseStartBefore(ctx, comma, (k) => cueTaken(k));
  if (comma - a < 1) return null;
  // "The deal, he said, is dead" / "But to prevent problems, he said, officials should be vigilant":
  // the content goes on after the attribution, unless what follows is about the speaking itself
  let k = attrEnd + 1;
  while (k < last && !(T[k].text === ',' || T[k].stop || isDash(T[k]))) k++;
  let end = comma;
  let rule = 'indirect-post';
  if (k < last && T[k].text === ',' && k + 1 < last) {
    const n = k + 1;
    const m = skipAdverbials(ctx, n, last);
    const nt = T[m];
    // "..., he said, referring to X" is about the speaking; "..., he said, replacing her would be hard" is content
    const gerundClause = nt && nt.pos === 'VERB' && /ing$/.test(nt.lower) && looksLikeClause(ctx, m + 1, contentEnd(ctx, m), true);
    const about = !nt || isSentEnd(nt) || (nt.pos === 'VERB' && /ing$/.test(nt.lower) && !gerundClause) || cueAt(ctx, m) !== null ||
      /^(as|when|while|after|before|according|in|at|on|during|referring|speaking|citing|without|with|who|which|whose|where)$/.test(nt.lower);
    if (!about) {
      const e = contentEnd(ctx, n);
      // the tail must be a clause of its own ("..., he said, local officials should be vigilant"),
      // not an appositive of the addressee ("told Saito, Chairman of Keidanren")
      const sub = /^(until|because|since|unless|if|so|but|and|or|yet)$/.test(T[m].lower);
      if ((sub && looksLikeClause(ctx, m + 1, e, false)) || (looksLikeClause(ctx, m, e, false) && !(T[m].pos === 'PROPN' || T[m].pos === 'NOUN' || T[m].pos === 'DET')) || looksLikeClause(ctx, m, e, true)) {
        end = e;
        rule = 'indirect-mid';
      }
    }
  }
  // the content before ", Wang said" is a clause; the tagger misses some verbs ("The accord increases aid ...")
  const verbless = () => comma - a >= 6 && T[a].pos !== 'ADP' && !/^(in|on|at|after|before|during|for|with)$/.test(T[a].lower);
  if (rule === 'indirect-post' && (comma - a < 3 || !(looksLikeClause(ctx, a, comma, false) || verbless()))) return null;
  if (rule === 'indirect-mid' && !looksLikeClause(ctx, a, end, false)) return null;
  const b = trimEnd(ctx, a, end);
  const f = make(ctx, a, b, i, cueEnd, speaker, rule);
  return f;
}

/** The speaker in "quoted X as saying" / "X was quoted as saying"; `as` is the token before the cue. */
function quotedAs(ctx: Ctx, as: number, min: number): SpeakerNP | null {
  const T = ctx.toks;
  const q = as - 1;
  if (q < min) return null;
  if (/^quot(ed|es|ing)$/.test(T[q].lower)) {
    // passive: "Wallis was quoted as saying"
    const s = subjectLeft(ctx, q, min);
    return s && s !== 'negated' ? s : null;
  }
  // active: "quoted Wallis as saying" - the object between "quoted" and "as"
  for (let k = q; k >= min && q - k < 8; k--) {
    if (/^quot(ed|es|ing|e)$/.test(T[k].lower)) {
      if (k === q) return null;
      const h = headOf(ctx, k + 1, q);
      return { span: { start: T[k + 1].start, end: T[q].end }, head: { start: T[h].start, end: T[h].end }, first: k + 1, last: q, how: 'np' };
    }
  }
  return null;
}

const OPINION_NOUNS = new Set(['hope', 'hopes', 'belief', 'confidence', 'view', 'conviction', 'concern', 'concerns', 'fear', 'fears', 'wish', 'expectation', 'optimism', 'worry', 'worries', 'regret', 'satisfaction', 'doubt', 'doubts', 'opinion', 'assurance', 'assurances', 'certainty']);

/** "expressed (his) hope that CONTENT": an opinion noun with a content clause. */
function expressed(ctx: Ctx, i: number): Found | null {
  const T = ctx.toks;
  const last = sentLast(ctx, i);
  let k = i + 1;
  while (k < last && k - i <= 4 && (T[k].pos === 'DET' || T[k].pos === 'ADJ' || (T[k].pos === 'PRON' && /^(his|her|their|its|our)$/.test(T[k].lower)))) k++;
  if (k >= last || !OPINION_NOUNS.has(T[k].lower) || T[k + 1]?.lower !== 'that') return null;
  const first = sentFirst(ctx, i);
  const prev = T[i - 1];
  let s: SpeakerNP | null = null;
  if (T[i].lower.endsWith('ing') && prev && (prev.text === ',' || prev.lower === 'and')) s = mainSubject(ctx, i, first);
  else {
    const l = subjectLeft(ctx, i, first);
    if (l === 'negated') return null;
    s = l ?? (prev && (prev.lower === 'and' || prev.lower === 'but') ? mainSubject(ctx, i - 1, first) : null);
  }
  if (!s) return null;
  const a = k + 2;
  if (a >= last) return null;
  return make(ctx, a, contentEnd(ctx, a), i, k, s, 'indirect-expressed');
}

/** "Noting that CONTENT, Wang said ...": the speaker is the subject of the clause after the comma. */
function leadingParticiple(ctx: Ctx, i: number, cueEnd: number, a: number): Found | null {
  const T = ctx.toks;
  const last = sentLast(ctx, i);
  for (let c = a + 2; c < last; c++) {
    if (T[c].text !== ',') continue;
    // the main clause: a subject phrase then a verb
    for (let v = c + 2; v < last && v - c < 12; v++) {
      if (!(T[v].pos === 'VERB' || T[v].pos === 'AUX' || cueAt(ctx, v))) continue;
      const s = subjectLeft(ctx, v, c + 1);
      if (s && s !== 'negated' && s.first === c + 1) return make(ctx, a, trimEnd(ctx, a, c), i, cueEnd, s, 'indirect-participle-lead');
      break;
    }
  }
  return null;
}

function according(ctx: Ctx, i: number): Found | null {
  const T = ctx.toks;
  const first = sentFirst(ctx, i);
  const last = sentLast(ctx, i);
  const s = subjectRight(ctx, i + 1, last - 1);
  if (!s) return null;
  let a: number;
  let b: number;
  if (i === first || (i === first + 1 && /^(but|and|yet|also|so)$/.test(T[first].lower))) {
    // "According to X, CONTENT."
    let k = s.last + 1;
    while (k < last && T[k].text !== ',') k++;
    a = k + 1;
    if (a >= last) return null; // "according to X" closing the text: no content
    b = contentEnd(ctx, a);
  } else {
    const prev = T[i - 1];
    a = first;
    while (a < i && T[a].mark) a++;
    if (prev.text === ',' || isDash(prev) || prev.text === '(') {
      // "CONTENT, according to X." or "CONTENT, according to X, CONTENT."
      b = trimEnd(ctx, a, i - 1);
      let k = s.last + 1;
      if (k < last && T[k].text === ',' && k + 1 < last && !cueAt(ctx, k + 1)) {
        b = contentEnd(ctx, k + 1);
      }
    } else {
      // "X is Y according to Z"
      b = trimEnd(ctx, a, i);
    }
  }
  if (b - a < 3 || !looksLikeClause(ctx, a, b, false)) return null;
  return make(ctx, a, b, i, i + 1, s, 'indirect-according');
}

/** "called the 30th anniversary a milestone", "described the talks as constructive". */
function called(ctx: Ctx, i: number): Found | null {
  const T = ctx.toks;
  const first = sentFirst(ctx, i);
  const last = sentLast(ctx, i);
  const describe = T[i].lower.startsWith('descri');
  const n = T[i + 1];
  if (!n || n.sent !== T[i].sent) return null;
  if (/^(for|on|upon|off|in|up|back|out|it|to|at|into|by|with|from|over|after)$/.test(n.lower) && !(n.lower === 'it' && !describe)) return null;
  if (T[i - 1] && /^(is|was|were|are|been|being|be|so|also|to|the|a|an)$/.test(T[i - 1].lower) && T[i].lower === 'called') return null;
  // the object: a noun phrase, possibly with "of" phrases
  let k = i + 1;
  let nouns = 0;
  while (k < last && k - i < 14) {
    const t = T[k];
    if (t.pos === 'DET' || t.pos === 'ADJ' || t.pos === 'NUM' || t.pos === 'NOUN' || t.pos === 'PROPN' || (t.pos === 'PRON' && /^(it|them|him|her|this|that|his|their|its)$/.test(t.lower)) || /^['’]s$/.test(t.lower) || t.text === '-') {
      if (t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'PRON') nouns++;
      if (k > i + 1 && nouns > 0 && (t.lower === 'a' || t.lower === 'an')) break;
      if (t.pos === 'PRON' && !/^(his|their|its)$/.test(t.lower)) { k++; break; }
      k++;
      continue;
    }
    if (t.lower === 'of' && nouns > 0) { k++; continue; }
    break;
  }
  if (nouns === 0 || k >= last) return null;
  const x = T[k];
  if (describe) {
    if (x.lower !== 'as') return null;
  } else if (!(x.lower === 'a' || x.lower === 'an' || x.mark || (x.pos === 'ADJ' && k + 1 < last && (T[k + 1].pos === 'NOUN' || isSentEnd(T[k + 1]) || T[k + 1].text === ',')))) return null;
  const s = subjectLeft(ctx, i, first);
  if (s === 'negated' || !s) return null;
  const end = contentEnd(ctx, i + 1);
  return make(ctx, i + 1, end, i, i, s, describe ? 'indirect-described' : 'indirect-called');
}

