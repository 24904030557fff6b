/**
 * Shallow syntax over the token view: verb groups, noun-phrase extents, clause edges, and the two
 * questions the rules ask: who is the subject of this predicate, and which actors does this marker
 * ("with", "on", the direct object) introduce after it. English closed-class words live here; the
 * domain vocabulary lives in the lexicon.
 */
import { lemmaIn, type Ctx } from './context.js';

const words = (s: string) => new Set(s.split(' '));

export const PREPS = words(
  'of in on at to with for from by about against over during after before between among amongst into onto through throughout toward towards under regarding concerning including like via within without amid amidst despite following upon across around beyond near per alongside behind besides beside below above inside outside until since',
);
export const SUBORD = words('that which who whom whose when while whereas if unless because although though where whether whenever once');
const RELATIVE = words('who whom which that');
const OPENERS = words('when while after before since as once if unless although though because upon');
const CLAUSE_PUNCT = new Set([';', ':', '(', ')', '[', ']', '—', '"', '“', '”', '?', '!']);
export const POSSESSIVE = new Set(["'s", '’s', "'", '’']);
export const POSS_PRON = words('his her its their our my your');
const NP_PUNCT = new Set(['-', '/', '&', '.', '‑']);
const COORD = words('and or &');
const TIME_WORDS = words('today yesterday tomorrow tonight now recently again also');
/** Auxiliaries and modals wink-nlp may tag as something else. */
const AUX_WORDS = words('will would shall should can could may might must do does did is are was were be been being am has have had wo ca');

export const mentionAt = (c: Ctx, i: number) => (i >= 0 && i < c.toks.length ? c.mentionAt[i] : -1);

export function sentenceOf(c: Ctx, i: number) {
  return c.sentences[c.sentOf[i]];
}

/** A VERB-tagged token that is really the head of a noun phrase ("Blinken's Meeting", "the meeting"). */
export function nominalised(c: Ctx, i: number): boolean {
  const p = i - 1;
  if (p < 0 || c.sentOf[p] !== c.sentOf[i]) return false;
  const t = c.toks[p];
  return t.pos === 'DET' || POSSESSIVE.has(t.lower) || POSS_PRON.has(t.lower) || (t.pos === 'ADJ' && !c.toks[i].lower.endsWith('ed'));
}

/** "Soviet-led", "Iran-backed": a participle glued to a hyphen belongs to the noun phrase. */
function hyphenated(c: Ctx, i: number): boolean {
  const p = c.toks[i - 1];
  return !!p && (p.text === '-' || p.text === '‑') && p.end === c.toks[i].start && c.sentOf[i - 1] === c.sentOf[i];
}

export function isVerb(c: Ctx, i: number): boolean {
  const t = c.toks[i];
  return t !== undefined && t.pos === 'VERB' && mentionAt(c, i) < 0 && !nominalised(c, i) && !hyphenated(c, i);
}

export function isAux(c: Ctx, i: number): boolean {
  const t = c.toks[i];
  return t.pos === 'AUX' || (t.pos !== 'NOUN' && t.pos !== 'PROPN' && AUX_WORDS.has(t.lower));
}

export function isNegation(c: Ctx, i: number): boolean {
  return c.lex.modality.negation.has(c.toks[i].lower);
}

/** A participle used as a modifier inside a noun phrase ("newly arrived Afghans", "the planned visit"):
 *  it follows a determiner, an adjective or an adverb, never a noun (then it is the clause's verb). */
function participleModifier(c: Ctx, i: number, end: number): boolean {
  const t = c.toks[i];
  if (t.pos !== 'VERB' || !/(ed|en|ing)$/.test(t.lower)) return false;
  const n = i + 1;
  if (n >= end) return false;
  const next = c.toks[n];
  if (!((next.pos === 'NOUN' || next.pos === 'PROPN' || next.pos === 'ADJ') && !PREPS.has(next.lower))) return false;
  const p = c.toks[i - 1];
  return !!p && c.sentOf[i - 1] === c.sentOf[i] && mentionAt(c, i - 1) < 0 && (p.pos === 'DET' || p.pos === 'ADJ' || p.pos === 'ADV' || p.pos === 'NUM' || POSS_PRON.has(p.lower) || POSSESSIVE.has(p.lower) || p.text === ',');
}

/** Tokens that can sit inside a noun phrase. */
function npToken(c: Ctx, i: number, end: number): boolean {
  if (mentionAt(c, i) >= 0) return true;
  const t = c.toks[i];
  switch (t.pos) {
    case 'DET':
    case 'ADJ':
    case 'NOUN':
    case 'PROPN':
    case 'NUM':
    case 'SYM':
      return !SUBORD.has(t.lower);
    case 'PART':
      return POSSESSIVE.has(t.lower);
    case 'PRON':
      return POSS_PRON.has(t.lower);
    case 'PUNCT':
      return NP_PUNCT.has(t.text) || POSSESSIVE.has(t.text);
    case 'ADV':
      return i + 1 < end && (c.toks[i + 1].pos === 'ADJ' || participleModifier(c, i + 1, end));
    case 'VERB':
      return participleModifier(c, i, end) || nominalised(c, i) || hyphenated(c, i);
    default:
      return false;
  }
}

export function startsNP(c: Ctx, i: number, end: number): boolean {
  if (i >= end) return false;
  if (mentionAt(c, i) >= 0) return true;
  const t = c.toks[i];
  if (t.pos === 'PUNCT' || t.pos === 'PART') return false;
  if (t.pos === 'VERB' && /(ed|en)$/.test(t.lower) && i + 1 < end && (mentionAt(c, i + 1) >= 0 || ['ADJ', 'NOUN', 'PROPN'].includes(c.toks[i + 1].pos))) return true;
  return npToken(c, i, end) || t.pos === 'PRON';
}

/** End (exclusive) of the noun phrase starting at `a`: NP tokens, "of"/"from"/"for" complements and
 *  coordination ("X and Y", "X, Y, and Z", "X as well as Y"). */
export function npEnd(c: Ctx, a: number, end: number): number {
  let i = a;
  let steps = 0;
  while (i < end && steps++ < 60) {
    const m = mentionAt(c, i);
    if (m >= 0) {
      i = c.mentions[m].last;
      continue;
    }
    if (npToken(c, i, end) || (i === a && c.toks[i].pos === 'PRON')) {
      i++;
      continue;
    }
    const w = c.toks[i].lower;
    if (w === '(' && i > a) {
      // "the European Community (EC)": a short parenthetical continues the phrase
      let k = i + 1;
      while (k < end && k < i + 6 && c.toks[k].text !== ')' && c.toks[k].text !== '(') k++;
      if (k < end && c.toks[k].text === ')') {
        i = k + 1;
        continue;
      }
    }
    if (w === 'of' && startsNP(c, i + 1, end)) {
      i++;
      continue;
    }
    if ((w === 'from' || w === 'for') && i + 1 < end && (mentionAt(c, i + 1) >= 0 || c.toks[i + 1].pos === 'PROPN' || c.toks[i + 1].pos === 'DET')) {
      i++;
      continue;
    }
    if (w === 'as' && c.toks[i + 1]?.lower === 'well' && c.toks[i + 2]?.lower === 'as' && startsNP(c, i + 3, end)) {
      i += 3;
      continue;
    }
    if (COORD.has(w) && startsNP(c, i + 1, end) && !isVerb(c, i + 1)) {
      i++;
      continue;
    }
    if ((w === ',' || w === 'and') && i > a && c.toks[i - 1].pos === 'ADJ') {
      // "the premeditated, unprovoked, and unjustified attack"
      let k = i + 1;
      if (c.toks[k]?.lower === 'and') k++;
      if (k < end && c.toks[k].pos === 'ADJ') {
        i = k;
        continue;
      }
    }
    if ((w === 'including' || w === 'especially' || w === 'notably' || w === 'particularly') && startsNP(c, i + 1, end)) {
      i++;
      continue;
    }
    if (w === ',') {
      const n = c.toks[i + 1]?.lower;
      if ((n === 'including' || n === 'especially' || n === 'notably' || n === 'particularly') && startsNP(c, i + 2, end)) {
        i += 2;
        continue;
      }
      if (n !== undefined && (n === 'and' || n === 'or') && i + 2 < end && startsNP(c, i + 2, end)) {
        i += 2;
        continue;
      }
      if (n === 'as' && c.toks[i + 2]?.lower === 'well' && c.toks[i + 3]?.lower === 'as') {
        i += 4;
        continue;
      }
      // a list or an appositive: only when a mention or a determiner follows, never a verb
      if (i + 1 < end && (mentionAt(c, i + 1) >= 0 || c.toks[i + 1].pos === 'DET') && !isVerb(c, i + 1)) {
        i++;
        continue;
      }
    }
    break;
  }
  return i;
}

/** Start of the noun phrase whose last token is `n` (head included). */
export function npStart(c: Ctx, n: number): number {
  const s = sentenceOf(c, n);
  let i = n - 1;
  let a = n;
  while (i >= s.first) {
    const m = mentionAt(c, i);
    if (m >= 0) {
      a = c.mentions[m].first;
      i = a - 1;
      continue;
    }
    const t = c.toks[i];
    if (npToken(c, i, s.last) && !(t.pos === 'PUNCT' && t.text === '.')) {
      a = i;
      i--;
      // a determiner opens the phrase: "granted Thailand | a loan"
      if (t.pos === 'DET') break;
      continue;
    }
    // "the premeditated, unprovoked, and unjustified attack", "the strength and importance of"
    // "the United States' and Canada's resolute support", "Blinken and Lavrov's talks"
    const nominal = (k: number) => c.toks[k].pos === 'ADJ' || c.toks[k].pos === 'NOUN';
    const owner = (k: number) => mentionAt(c, k) >= 0 || POSSESSIVE.has(c.toks[k].lower);
    if (
      (t.text === ',' || t.lower === 'and') &&
      i - 1 >= s.first &&
      a === i + 1 &&
      ((mentionAt(c, i - 1) < 0 && nominal(i - 1) && nominal(a)) || (owner(i - 1) && mentionAt(c, a) >= 0))
    ) {
      a = i;
      i--;
      continue;
    }
    break;
  }
  return a;
}

/** First token of the verb group ending at `h`: auxiliaries, negation and adverbs before it. */
export function vgStart(c: Ctx, h: number): number {
  const s = sentenceOf(c, h);
  let i = h - 1;
  while (i >= s.first) {
    const t = c.toks[i];
    if (isAux(c, i) || isNegation(c, i) || (t.pos === 'ADV' && !SUBORD.has(t.lower)) || t.lower === 'also' || (t.pos === 'PART' && !POSSESSIVE.has(t.lower) && t.lower !== 'to')) {
      i--;
      continue;
    }
    break;
  }
  return i + 1;
}

/** A verb heading a clause of its own: not an infinitive ("to meet") nor a gerund ("enjoying"). */
export function finiteVerb(c: Ctx, i: number): boolean {
  return isVerb(c, i) && c.toks[i - 1]?.lower !== 'to' && !c.toks[i].lower.endsWith('ing');
}

/** Whether the trigger at `h` is a passive participle ("were imposed", "has been indicted"). */
export function isPassive(c: Ctx, h: number): boolean {
  const w = c.toks[h].lower;
  if (!/(ed|en|wn|ght|ld|id|ut|et|ne|de|pt)$/.test(w) || w.endsWith('ing')) return false;
  // a participle with its agent, no auxiliary: "The United States and France, backed by the IMF"
  const p = c.toks[h - 1];
  if (c.toks[h + 1]?.lower === 'by' && p && c.sentOf[h - 1] === c.sentOf[h] && (p.text === ',' || p.pos === 'NOUN') && vgStart(c, h) === h) return true;
  for (let i = h - 1; i >= vgStart(c, h); i--) {
    const x = c.toks[i].lower;
    if (x === 'was' || x === 'were' || x === 'been' || x === 'being' || x === 'is' || x === 'are' || x === 'be' || x === 'got' || x === 'get') return true;
  }
  return false;
}

/** For a comma closing ", who/which ... ,": the index of the comma opening it, else -1. */
function relativeBefore(c: Ctx, comma: number, first: number): number {
  for (let k = comma - 1; k > first && k > comma - 25; k--) {
    const w = c.toks[k].lower;
    if (w === ',' || CLAUSE_PUNCT.has(w)) return -1;
    if ((w === 'who' || w === 'which') && c.toks[k - 1].text === ',') return k - 1;
  }
  return -1;
}

interface Region {
  a: number;
  b: number;
  /** A noun or pronoun that is not an actor heads the region: the subject is someone we do not know. */
  opaque: boolean;
  /** The token that stopped the scan (-1 at sentence start). */
  stop: number;
}

/** The subject region left of a verb group starting at `v`. */
function regionLeft(c: Ctx, v: number): Region {
  const s = sentenceOf(c, v);
  let i = v - 1;
  let a = v;
  let opaque = false;
  let mentioned = false;
  while (i >= s.first) {
    const m = mentionAt(c, i);
    if (m >= 0) {
      a = c.mentions[m].first;
      i = a - 1;
      mentioned = true;
      continue;
    }
    const t = c.toks[i];
    if (t.text === ',') {
      if (mentioned || opaque) break;
      // "Wallis, who is attending a meeting, made the remark": skip the relative clause
      const rel = relativeBefore(c, i, s.first);
      a = i;
      i = rel >= 0 ? rel - 1 : i - 1;
      continue;
    }
    // a short parenthetical inside the phrase: "The Asia-Pacific Economic Cooperation (APEC) forum"
    if (t.text === ')') {
      let k = i - 1;
      while (k > s.first && k > i - 6 && c.toks[k].text !== '(' && c.toks[k].text !== ')') k--;
      if (k > s.first && c.toks[k].text === '(') {
        a = k;
        i = k - 1;
        continue;
      }
    }
    if (CLAUSE_PUNCT.has(t.text) || SUBORD.has(t.lower) || isAux(c, i) || isVerb(c, i)) break;
    // "met with X and urged Y": a conjunction right before the predicate coordinates predicates
    if (COORD.has(t.lower) && a === v) break;
    if (npToken(c, i, s.last) || PREPS.has(t.lower) || COORD.has(t.lower) || t.pos === 'ADV' || t.pos === 'PRON' || t.pos === 'PART') {
      if ((t.pos === 'NOUN' || t.pos === 'PRON' || (t.pos === 'PROPN' && !TIME_WORDS.has(t.lower))) && !PREPS.has(t.lower) && !TIME_WORDS.has(t.lower) && !isTimeNoun(t.lower))
        opaque = true;
      a = i;
      i--;
      continue;
    }
    break;
  }
  return { a, b: v, opaque, stop: i >= s.first ? i : -1 };
}

const TIME_NOUNS = words('time yesterday today tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december week month year morning afternoon evening night weekend');
/** Days, months and other time nouns: adverbials, never parties ("last year", "on Tuesday"). */
export const isTimeNoun = (w: string) => TIME_NOUNS.has(w);

/** Distinct mention indices in [a, b). */
export function mentionsIn(c: Ctx, a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i < b; i++) {
    const m = c.mentionAt[i];
    if (m >= 0 && out[out.length - 1] !== m) out.push(m);
  }
  return out;
}

/** Mentions of the head part of [a, b): an agent "by X" first, then those before the first
 *  preposition, else those of the first prepositional phrase. */
export function headMentions(c: Ctx, a: number, b: number): number[] {
  for (let i = a; i < b; i++)
    if (c.toks[i].lower === 'by' && mentionAt(c, i) < 0) {
      const e = npEnd(c, i + 1, b);
      const ms = mentionsIn(c, i + 1, e);
      if (ms.length) return ms;
    }
  // a leading prepositional phrase ("In Washington, ...") is not the head
  let start = a;
  while (start < b && (PREPS.has(c.toks[start].lower) || c.toks[start].text === ',') && mentionAt(c, start) < 0) start = npEnd(c, start + 1, b);
  if (start >= b) start = a;
  let cut = b;
  for (let i = start; i < b; i++)
    if (PREPS.has(c.toks[i].lower) && mentionAt(c, i) < 0 && c.toks[i].lower !== 'of') {
      cut = i;
      break;
    }
  const head = mentionsIn(c, start, cut);
  if (head.length) return head;
  // "Representatives from Nigeria", "a group of Moroccan diplomats"
  return mentionsIn(c, a, b);
}

/** "entities located in Russia", "a network based in Iran": a participle after a noun, before a
 *  preposition, modifies the noun. */
function reducedRelative(c: Ctx, i: number, end: number): boolean {
  const p = c.toks[i - 1];
  return /(ed|en|wn)$/.test(c.toks[i].lower) && i + 1 < end && PREPS.has(c.toks[i + 1].lower) && c.toks[i + 1].lower !== 'to' && !!p && p.pos === 'NOUN' && mentionAt(c, i - 1) < 0;
}

/** The end of the clause that `h` is in, scanning right (exclusive). */
function clauseEndRight(c: Ctx, h: number): number {
  const s = sentenceOf(c, h);
  for (let i = h + 1; i < s.last; i++) {
    const t = c.toks[i];
    if (mentionAt(c, i) >= 0) continue;
    if (CLAUSE_PUNCT.has(t.text) || t.lower === 'but') return i;
    if (SUBORD.has(t.lower) && t.lower !== 'that') return i;
    if (t.lower === 'that' && (c.toks[i + 1]?.pos === 'PRON' || c.toks[i + 1]?.pos === 'DET' || mentionAt(c, i + 1) >= 0)) return i;
    // "and urged", ", saying": a new predicate; an infinitive or a gerund complement continues the
    // clause ("promised to continue aid to X", "will discuss partnering with X")
    if (isVerb(c, i) && !participleModifier(c, i, s.last) && c.toks[i - 1]?.lower !== 'to' && !(t.lower.endsWith('ing') && (i === h + 1 || PREPS.has(c.toks[i - 1].lower))) && !reducedRelative(c, i, s.last)) return i;
  }
  return s.last;
}

/** The main clause subject after a sentence-initial adjunct ("When meeting with Park ..., Wang said"):
 *  the phrase between the last comma and the first verb that follows the adjunct's first comma. */
export function mainSubjectAfter(c: Ctx, h: number): number[] {
  const s = sentenceOf(c, h);
  let comma = -1;
  for (let i = h + 1; i < s.last; i++)
    if (c.toks[i].text === ',' && mentionAt(c, i) < 0) {
      comma = i;
      break;
    }
  if (comma < 0) return [];
  let last = comma;
  for (let v = comma + 1; v < s.last; v++) {
    const t = c.toks[v];
    if (mentionAt(c, v) >= 0) continue;
    if (t.text === ',') last = v;
    else if (isVerb(c, v) || (isAux(c, v) && t.pos === 'AUX')) {
      let e = v;
      while (e - 1 > last && (c.toks[e - 1].pos === 'ADV' || isAux(c, e - 1) || isNegation(c, e - 1))) e--;
      return e > last + 1 ? headMentions(c, last + 1, e) : [];
    } else if (CLAUSE_PUNCT.has(t.text) || SUBORD.has(t.lower)) return [];
  }
  return [];
}

const PLURAL_ANAPHORS = new Set(['they', 'both', 'both sides', 'the two sides', 'the two', 'the sides', 'the two leaders', 'the two ministers', 'the two officials', 'the leaders', 'the ministers', 'both leaders', 'both ministers', 'both officials']);

/** A plural anaphor the actor stage left unresolved ("They reiterated", "Both sides agreed"). */
function pluralAnaphor(c: Ctx, v: number): boolean {
  const r = regionLeft(c, v);
  if (r.b <= r.a || r.b - r.a > 3) return false;
  for (let i = r.a; i < r.b; i++) if (mentionAt(c, i) >= 0) return false;
  const words: string[] = [];
  for (let i = r.a; i < r.b; i++) if (c.toks[i].pos !== 'ADV' && c.toks[i].text !== ',') words.push(c.toks[i].lower);
  return PLURAL_ANAPHORS.has(words.join(' '));
}

export interface Subject {
  ms: number[];
  /** Taken from another clause (coordination, infinitive, adjunct). */
  inherited: boolean;
  /** An unresolved plural anaphor ("They", "Both sides") stands where the subject is. */
  anaphor?: boolean;
}

export function subjectOf(c: Ctx, v: number, depth = 0): Subject {
  const s0 = sentenceOf(c, v);
  // a gerund after a preposition ("agreed on the importance of continuing to support", "commends
  // Oman for supporting"): the object in between if it names an actor, else the governing subject
  if (depth <= 3 && v - 1 > s0.first && PREPS.has(c.toks[v - 1].lower) && c.toks[v - 1].lower !== 'to' && c.toks[v].lower.endsWith('ing') && mentionAt(c, v - 1) < 0) {
    for (let p = v - 2; p >= s0.first; p--) {
      if (CLAUSE_PUNCT.has(c.toks[p].text)) break;
      if (finiteVerb(c, p)) {
        // "commends Oman for supporting": the object right before the preposition
        const between = p + 1 < v - 1 && startsNP(c, p + 1, v - 1) && npEnd(c, p + 1, v - 1) === v - 1 ? headMentions(c, p + 1, v - 1) : [];
        if (between.length) return { ms: between, inherited: true };
        return { ms: subjectOf(c, vgStart(c, p), depth + 1).ms, inherited: true };
      }
    }
  }
  // a participle right after a noun modifies it: "the resolution condemning X" is the resolution's act
  if (v === vgStart(c, v) && c.toks[v].lower.endsWith('ing') && isVerb(c, v) && v - 1 >= s0.first && (c.toks[v - 1].pos === 'NOUN' || c.toks[v - 1].pos === 'PROPN' || mentionAt(c, v - 1) >= 0)) {
    const a = npStart(c, v - 1);
    return { ms: headMentions(c, a, v), inherited: false };
  }
  // a list of predicates: "noted recent attacks by M23, urged de-escalation, and stressed ..."
  if (depth <= 3 && v - 1 > s0.first && c.toks[v - 1].text === ',' && relativeBefore(c, v - 1, s0.first) < 0) {
    for (let p = v - 2; p >= s0.first; p--) {
      const t = c.toks[p];
      if (CLAUSE_PUNCT.has(t.text) || SUBORD.has(t.lower)) break;
      if (finiteVerb(c, p)) return { ...subjectOf(c, vgStart(c, p), depth + 1), inherited: true };
    }
  }
  const r = regionLeft(c, v);
  const ms = r.b > r.a ? headMentions(c, r.a, r.b) : [];
  if (ms.length) return { ms, inherited: depth > 0 };
  if (r.opaque || depth > 3) return { ms: [], inherited: false, anaphor: r.opaque && pluralAnaphor(c, v) };
  const s = sentenceOf(c, v);
  const stop = r.stop;
  // infinitive: "will travel to Tianjin to meet", "urged X to meet Y"
  if (v - 1 >= s.first && c.toks[v - 1].lower === 'to') {
    for (let g = v - 2; g >= s.first && g >= v - 10; g--) {
      const t = c.toks[g];
      if (CLAUSE_PUNCT.has(t.text) || t.text === ',') break;
      if (isVerb(c, g) || t.pos === 'ADJ' || (isAux(c, g) && g === v - 2)) {
        if (lemmaIn(c, g, c.lex.objectControl)) {
          const obj = headMentions(c, g + 1, v - 1);
          if (obj.length) return { ms: obj, inherited: true };
        }
        const sub = subjectOf(c, vgStart(c, g), depth + 1);
        return { ...sub, inherited: true };
      }
    }
  }
  if (stop < 0) {
    // a participial opener at the start of the sentence ("Meeting with Park, Wang said")
    return { ms: mainSubjectAfter(c, v), inherited: true };
  }
  const w = c.toks[stop].lower;
  if (RELATIVE.has(w)) {
    // "X, who met Y, ..." : the noun phrase before the relative pronoun
    let e = stop;
    if (e - 1 >= s.first && c.toks[e - 1].text === ',') e--;
    const a = e > s.first ? npStart(c, e - 1) : e;
    const rel = headMentions(c, a, e);
    if (rel.length) return { ms: rel, inherited: true };
  }
  if (OPENERS.has(w) && (stop === s.first || c.toks[stop - 1]?.text === ',')) {
    const main = mainSubjectAfter(c, v);
    if (main.length) return { ms: main, inherited: true };
  }
  // coordinated predicate: "met with X and urged Y", "met X, thanked Y"
  if (COORD.has(w) || w === ',' || w === 'but' || isVerb(c, stop) || isAux(c, stop)) {
    for (let p = isVerb(c, stop) ? stop : stop - 1; p >= s.first; p--) {
      if (CLAUSE_PUNCT.has(c.toks[p].text)) break;
      if (finiteVerb(c, p)) return { ...subjectOf(c, vgStart(c, p), depth + 1), inherited: true };
    }
  }
  return { ms: [], inherited: false };
}

/** Skips adverbs, particles and short time phrases after a head ("met today with", "spoke on Tuesday with"). */
function skipAdverbials(c: Ctx, j: number, end: number): number {
  while (j < end) {
    const t = c.toks[j];
    if (mentionAt(c, j) >= 0) break;
    if (t.pos === 'ADV' || TIME_WORDS.has(t.lower) || isTimeNoun(t.lower) || (t.pos === 'PART' && !POSSESSIVE.has(t.lower) && t.lower !== 'to')) {
      j++;
      continue;
    }
    if ((t.lower === 'on' || t.lower === 'last' || t.lower === 'this' || t.lower === 'next') && j + 1 < end && isTimeNoun(c.toks[j + 1].lower)) {
      j += 2;
      continue;
    }
    break;
  }
  return j;
}

export interface Found {
  ms: number[];
  /** The recipients are co-actors ("between X and Y"). */
  joint: boolean;
}

/** Mentions of the noun phrase after a marker at `i`; a phrase with none of its own extends over one
 *  more prepositional phrase ("condolences for the loss of life in Afghanistan"). */
function objectMentions(c: Ctx, i: number, end: number, head: boolean, locative = true): number[] {
  let e = npEnd(c, i, end);
  if (head) {
    // the whole phrase with its prepositional chain: an agent ("the attack against Ukraine by
    // Russia's forces") outranks the head's own mentions, which outrank those of its complements
    let f = e;
    for (let k = 0; k < 4 && f < end && PREPS.has(c.toks[f].lower) && c.toks[f].lower !== 'to' && mentionAt(c, f) < 0; k++) f = npEnd(c, f + 1, end);
    if (f > e) {
      const ms = headMentions(c, i, f);
      if (ms.length) return ms;
    }
  }
  let ms = head ? headMentions(c, i, e) : mentionsIn(c, i, e);
  // "entities located in Russia", "a network based in Iran"
  let p = e;
  if (!ms.length && p + 1 < end && c.toks[p].pos === 'VERB' && /(ed|en)$/.test(c.toks[p].lower) && PREPS.has(c.toks[p + 1].lower)) p++;
  if (!ms.length && p < end && PREPS.has(c.toks[p].lower) && mentionAt(c, p) < 0 && !(c.toks[p].lower === 'to' && isVerb(c, p + 1)) && (locative || !LOCATIVE.has(c.toks[p].lower))) {
    const e2 = npEnd(c, p + 1, end);
    ms = mentionsIn(c, p + 1, e2);
    e = e2;
  }
  return ms;
}

const LOCATIVE = words('in at near inside outside');

/** How far after the head a frame's preposition may stand ("met today in Jerusalem with X"). */
const PREP_WINDOW = 12;

/** In a phrase that names a person, a place in the person's title is a descriptor, not a party:
 *  "UN Special Envoy for Yemen Hans Grundberg" is the UN's envoy, not Yemen. */
function describedPerson(c: Ctx, ms: number[]): number[] {
  const isPerson = (m: number) => c.mentions[m].ids.some((id) => c.actors.get(id)?.type === 'person');
  if (ms.length < 2 || !ms.some(isPerson)) return ms;
  return ms.filter((m, k) => {
    if (isPerson(m)) return true;
    const p = c.toks[c.mentions[m].first - 1]?.lower;
    const nextPerson = ms.slice(k + 1).find(isPerson);
    return !((p === 'for' || p === 'on') && nextPerson !== undefined && c.mentions[nextPerson].first - c.mentions[m].last <= 3);
  });
}

/** Recipients introduced after the head `h` by the frame's markers, within the clause. */
export function recipientsAfter(c: Ctx, h: number, markers: readonly string[], from = h + 1, locative = true): Found {
  const s = sentenceOf(c, h);
  // every marker reads mentions between `from` and the end of the sentence: with none there, no party
  if (!markers.length || !anyMention(c, from, s.last)) return { ms: [], joint: false };
  const end = clauseEndRight(c, from - 1);
  const out: number[] = [];
  let joint = false;
  for (const mk of markers) {
    if (mk === 'dobj') {
      const j = skipAdverbials(c, from, end);
      if (j < end && (mentionAt(c, j) >= 0 || (startsNP(c, j, end) && c.toks[j].pos !== 'PRON'))) out.push(...objectMentions(c, j, end, true));
      continue;
    }
    if (mk === 'that') {
      // "demanded that X ...", "expressed hope that X ...": the subject of the clause after the head
      const j = skipAdverbials(c, from, s.last);
      if (j < s.last && c.toks[j].lower === 'that') out.push(...headMentions(c, j + 1, npEnd(c, j + 1, s.last)));
      continue;
    }
    if (mk === 'xcomp') {
      // "refused to meet X", "threatened to shell X"
      const j = skipAdverbials(c, from, end);
      if (j + 1 < end && c.toks[j].lower === 'to' && isVerb(c, j + 1)) {
        const k = skipAdverbials(c, j + 2, end);
        if (k < end && startsNP(c, k, end)) out.push(...objectMentions(c, k, end, true));
      }
      continue;
    }
    for (let i = from; i < end && i < from + PREP_WINDOW; i++) {
      if (c.toks[i].lower !== mk || mentionAt(c, i) >= 0) continue;
      if (mk === 'to' && isVerb(c, i + 1)) continue;
      const ms = describedPerson(c, objectMentions(c, i + 1, end, false, locative));
      if (ms.length) {
        out.push(...ms);
        if (mk === 'between') joint = true;
      }
      break;
    }
  }
  return { ms: out.length > 1 ? [...new Set(out)] : out, joint };
}

/** Whether a token in [a, b) is part of a mention. */
function anyMention(c: Ctx, a: number, b: number): boolean {
  for (let i = Math.max(a, 0); i < b; i++) if (c.mentionAt[i] >= 0) return true;
  return false;
}

const ADVERBIAL = words('as after because while when although though since once before until whereas if unless where who which whom');

/** How central a predicate is to its sentence: 1 for a main clause, less for an infinitive, a
 *  participial adjunct ("demonstrated, calling for") or a subordinate clause ("as the opposition
 *  threatened"). Scales confidence, so a sentence's main event ranks first. */
export function clauseRank(c: Ctx, pred: number): number {
  const s = sentenceOf(c, pred);
  const v = vgStart(c, pred);
  if (v - 1 >= s.first && c.toks[v - 1].lower === 'to') return 0.85;
  if (isVerb(c, pred) && c.toks[pred].lower.endsWith('ing') && v === pred && v - 1 >= s.first && !isAux(c, v - 1)) return 0.85;
  for (let i = v - 1; i >= s.first; i--) {
    const t = c.toks[i];
    if (t.text === ';' || t.text === ':') break;
    if (ADVERBIAL.has(t.lower) && mentionAt(c, i) < 0) return 0.9;
  }
  return 1;
}
