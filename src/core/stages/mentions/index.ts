/**
 * Stage `mentions`: finds every span that may refer to an actor, without deciding yet who it is.
 *   - KB names (states, their adjectives and capitals; organisations; persons' full names) by a word trie
 *   - titles and the chains they form before a name ("Chinese State Councillor and Foreign Minister Wang Yi")
 *     or after it as an appositive ("Nazmi Akiman, Turkey's ambassador"), with their complements
 *     ("Minister of Foreign Affairs", "Special Envoy on Myanmar")
 *   - capitalised name runs, with the evidence that they are persons
 *   - role nouns ("the Secretary"), pronouns, group references ("the two sides"), state bodies ("the South Korean side")
 */
import type { KbTitle } from '../../../knowledge/types.js';
import { matchAt, validAt, type CompiledKb, type NameEntry, type TrieMatch } from '../../kb/compile.js';
import type { Doc } from '../../nlp.js';
import { isTightGap, scanWords, WordMap, WordSet, type Word } from '../../text/words.js';
import { BODY_NOUNS, COMPANY_SUFFIXES, COMPLEMENT_HEADS, FEATURE_HEADS, LOCATIVE_PREPOSITIONS, MONTHS, MOTION_WORDS, GROUP_NOUNS, HONORIFICS, NAME_PARTICLES, NOT_NAME, PEER_NOUNS, PLACE_ORG_HEADS, PLACE_PREFIXES, PRONOUNS, SPEECH_VERBS, TITLE_MODIFIERS } from './lexicon.js';

export interface EntityHit {
  type: 'state' | 'org';
  code: string;
  form: 'name' | 'adjective' | 'capital';
  start: number;
  end: number;
  w0: number;
  w1: number;
  sentence: number;
  /** "the South Korean side": the span then covers the whole phrase. */
  body: boolean;
  /** After a locative or travel word ("in Beijing", "travel to Seoul"): a place, not an actor, when a capital. */
  locative: boolean;
}

export interface Chain {
  titles: KbTitle[];
  /** State/organisation codes that modify the titles, nearest to the name first. */
  codes: string[];
  /** States named in an "of" complement ("Minister of Foreign Affairs of Indonesia"). */
  ofCodes: string[];
  former: boolean;
  start: number;
  end: number;
}

export type NameEvidence = 'kb' | 'title' | 'appositive' | 'honorific' | 'speech' | 'coordination' | 'bare';

export interface NameHit {
  start: number;
  end: number;
  w0: number;
  w1: number;
  text: string;
  norms: string[];
  kbIds: string[];
  chain: Chain | null;
  appositive: Chain | null;
  gender: 'm' | 'f' | null;
  evidence: NameEvidence;
  sentence: number;
}

export interface RoleHit {
  title: KbTitle;
  codes: string[];
  start: number;
  end: number;
  text: string;
  sentence: number;
}

export interface PronounHit {
  start: number;
  end: number;
  text: string;
  gender: 'm' | 'f' | 'pl';
  sentence: number;
  w: number;
}

export interface GroupHit {
  start: number;
  end: number;
  text: string;
  of: 'states' | 'persons';
  sentence: number;
}

export interface Mentions {
  words: Word[];
  entities: EntityHit[];
  names: NameHit[];
  roles: RoleHit[];
  pronouns: PronounHit[];
  groups: GroupHit[];
}

type Tag =
  | { kind: 'entity'; hit: EntityHit }
  | { kind: 'title'; title: KbTitle; w0: number; w1: number }
  | { kind: 'person'; ids: string[]; w0: number; w1: number }
  | { kind: 'complement'; w0: number; w1: number; codes: string[] };

/** Map views of the prototype-free lexicon tables: a Map look-up is cheaper than a property look-up by a word. */
const PRONOUN_GENDER = new WordMap(Object.entries(PRONOUNS)); // asked about every word
const HONORIFIC_GENDER = new Map(Object.entries(HONORIFICS));
const GROUP_NOUN_KINDS = new Map(Object.entries(GROUP_NOUNS));
/** Words that are never name words, even capitalised: closed-class words, place and organisation heads, honorifics. */
const NEVER_NAME = new WordSet([...NOT_NAME, ...PLACE_ORG_HEADS, ...HONORIFIC_GENDER.keys()]);
const MONTH_WORDS = new WordSet(MONTHS);
const CLOSED_POS = new Set(['ADV', 'ADP', 'DET', 'PRON', 'CCONJ', 'SCONJ', 'AUX', 'PART', 'INTJ', 'NUM', 'VERB']);

/** The POS tag of the token that starts at `offset`, or '' when none does (token starts increase strictly).
 *  The tokens of the sentence holding the offset are searched first: a few, near each other. */
function posStartingAt(scan: Scan, offset: number): string {
  const { tokens, sentences } = scan.doc;
  const sentence = sentences[scan.sentenceOf(offset)];
  const near = sentence ? tokenStartingAt(tokens, offset, sentence.first, sentence.last - 1) : -1;
  const at = near >= 0 ? near : tokenStartingAt(tokens, offset, 0, tokens.length - 1);
  return at >= 0 ? tokens[at].pos : '';
}

/** Index of the token in [lo, hi] that starts at `offset`, or -1 (binary search). */
function tokenStartingAt(toks: Doc['tokens'], offset: number, lo: number, hi: number): number {
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = toks[mid].start;
    if (s === offset) return mid;
    if (s < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export function sentenceIndexer(doc: Doc): (offset: number) => number {
  const starts = doc.sentences.map((s) => s.start);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    let ans = 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] <= offset) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  };
}

function isLocative(words: Word[], i: number): boolean {
  let k = i - 1;
  if (k >= 0 && words[k].norm === 'the') k--;
  if (k < 0) return false;
  const w = words[k].norm;
  return LOCATIVE_PREPOSITIONS.has(w) || MOTION_WORDS.has(w) || (w === 'to' && k > 0 && MOTION_WORDS.has(words[k - 1].norm));
}

/** Picks, among the KB entries a span matches, the one that applies at the article's date. */
function pickEntry(entries: NameEntry[], date: string | null): NameEntry | null {
  if (entries.length === 1) return entries[0]; // the common case: whatever its type, a lone entry is the pick
  const persons = entries.filter((e) => e.type === 'person');
  if (persons.length) return persons[0];
  const states = entries.filter((e) => e.type === 'state') as Extract<NameEntry, { type: 'state' }>[];
  if (states.length) {
    const valid = states.filter((s) => validAt(s.validity, date));
    const pool = valid.length ? valid : states;
    // a sovereign state before a dependency sharing the name ("French"); a bounded period that covers
    // the date before an open one ("Moscow" in 1987 is the Soviet Union's)
    const rank = (s: (typeof states)[number]) => (s.independent ? 0 : 2) + (s.validity.start || s.validity.end ? 0 : 1);
    pool.sort((a, b) => rank(a) - rank(b));
    const formRank = { name: 0, capital: 1, adjective: 2 } as const;
    const code = pool[0].code;
    return pool.filter((s) => s.code === code).sort((a, b) => formRank[a.form] - formRank[b.form])[0];
  }
  return entries.find((e) => e.type === 'org') ?? entries.find((e) => e.type === 'title') ?? null;
}

/** What the phases of findMentions share: the words, their tags and the complements found so far. */
interface Scan {
  doc: Doc;
  text: string;
  words: Word[];
  sentenceOf: (offset: number) => number;
  tags: (Tag | undefined)[];
  complementAt: (Extract<Tag, { kind: 'complement' }> | undefined)[];
  complementOf: Map<Extract<Tag, { kind: 'title' }>, Extract<Tag, { kind: 'complement' }>>;
}

type TitleTag = Extract<Tag, { kind: 'title' }>;

const spanOf = (words: Word[], w0: number, w1: number) => ({ start: words[w0].start, end: words[w1 - 1].end });

export function findMentions(doc: Doc, kb: CompiledKb, date: string | null): Mentions {
  const words = scanWords(doc.text);
  const scan: Scan = { doc, text: doc.text, words, sentenceOf: sentenceIndexer(doc), tags: new Array(words.length), complementAt: new Array(words.length), complementOf: new Map() };
  const { entities, titleTags } = dictionaryMatches(scan, kb, date);
  for (const t of titleTags) titleComplement(scan, t);
  const names = nameRuns(scan);
  const roles = roleNouns(scan, titleTags, names);
  markBodies(scan, entities);
  const { pronouns, groups } = pronounsAndGroups(scan);
  return { words, entities, names, roles, pronouns, groups };
}

/** 1. dictionary matches, longest first, left to right */
function dictionaryMatches(scan: Scan, kb: CompiledKb, date: string | null): { entities: EntityHit[]; titleTags: TitleTag[] } {
  const { words, tags } = scan;
  const entities: EntityHit[] = [];
  const titleTags: TitleTag[] = [];
  for (let i = 0; i < words.length; ) {
    const m = matchAt(kb.trie, words, i);
    const e = m && pickEntry(m.entries, date);
    if (!m || !e) {
      i++;
      continue;
    }
    if (e.type === 'state' && isFeatureName(words, m.start)) {
      i = m.end;
      continue;
    }
    const tag = tagOf(scan, m, e);
    if (tag.kind === 'title') titleTags.push(tag);
    else if (tag.kind === 'entity') entities.push(tag.hit);
    for (let k = m.start; k < m.end; k++) tags[k] = tag;
    i = m.end;
  }
  return { entities, titleTags };
}

/** Whether the words from w0 follow a feature head ("Lake Victoria", "Mount Kenya"): a place of its own. */
function isFeatureName(words: Word[], w0: number): boolean {
  const h = w0 > 0 ? words[w0 - 1] : undefined;
  return h !== undefined && h.cap && FEATURE_HEADS.has(h.norm) && isTightGap(words[w0].gap);
}

/** The tag of a dictionary match whose entry applies. */
function tagOf(scan: Scan, m: TrieMatch, e: NameEntry): Tag {
  const { words } = scan;
  if (e.type === 'person') return { kind: 'person', ids: m.entries.filter((x) => x.type === 'person').map((x) => (x as { id: string }).id), w0: m.start, w1: m.end };
  if (e.type === 'title') return { kind: 'title', title: e.title, w0: m.start, w1: m.end };
  const start = words[m.start].start;
  const end = words[m.end - 1].end;
  const hit: EntityHit = { type: e.type, code: e.code, form: e.form === 'name' || e.form === 'adjective' || e.form === 'capital' ? e.form : 'name', start, end, w0: m.start, w1: m.end, sentence: scan.sentenceOf(start), body: false, locative: isLocative(words, m.start) };
  return { kind: 'entity', hit };
}

/**
 * 2. title complements: "of Foreign Affairs", "for East Asian and Pacific Affairs", "on Myanmar",
 *    "of the EC delegation"; states and organisations after "of" say whom the office acts for
 */
function titleComplement(scan: Scan, t: TitleTag): void {
  const { words, tags, complementAt, complementOf } = scan;
  const j = t.w1;
  if (j >= words.length || !isTightGap(words[j].gap) || !['of', 'for', 'on'].includes(words[j].norm)) return;
  let last = -1;
  let head = false;
  const codes: string[] = [];
  let k = j + 1;
  for (; k < Math.min(words.length, j + 14); k++) {
    const w = words[k];
    // a comma continues a list inside the complement ("for Population, Refugees, and Migration") until its head
    if (!isTightGap(w.gap) && !(!head && /^,\s*$/.test(w.gap) && (w.cap || w.norm === 'and'))) break;
    const tg = tags[k];
    if (tg?.kind === 'entity') {
      if (words[j].norm === 'of') codes.push(tg.hit.code);
      last = tg.hit.w1 - 1;
      k = tg.hit.w1 - 1;
      continue;
    }
    if (tg?.kind === 'title' || tg?.kind === 'person') break;
    // "for Yemen Karl Brandt and UN ...": after the complement's end, "and" only joins another head ("Affairs and Trade")
    if (w.norm === 'and' && last >= 0) {
      let h = k + 1;
      while (h < words.length && h <= k + 4 && words[h].cap && !COMPLEMENT_HEADS.has(words[h].norm) && !tags[h]) h++;
      if (!(h < words.length && COMPLEMENT_HEADS.has(words[h].norm) && words[h].cap)) break;
    }
    if ((COMPLEMENT_HEADS.has(w.norm) && w.cap) || (BODY_NOUNS.has(w.norm) && !w.cap && last >= 0)) last = k, head = true;
    else if (!(w.cap || ['the', 'and', 'of', 'for'].includes(w.norm))) break;
  }
  // no head word: the name is the run's last two capitalised words ("for Asia Anjali Kaur")
  if (last < 0 && k - (j + 1) >= 3 && words.slice(k - 2, k).every((w) => w.cap)) last = k - 3;
  if (last < 0 || last <= j) return;
  const tag = { kind: 'complement' as const, w0: j, w1: last + 1, codes };
  for (let k = j; k <= last; k++) complementAt[k] = tag;
  complementOf.set(t, tag);
}

function isNameWord(scan: Scan, k: number): boolean {
  const { words } = scan;
  const w = words[k];
  if (scan.tags[k] || scan.complementAt[k]) return false;
  if (!w.cap || NEVER_NAME.has(w.norm)) return false;
  // a month is a name only away from numbers ("Theresa May", "Jan Novak", not "May 25" or "25 May")
  if (MONTH_WORDS.has(w.norm) && (/^\d/.test(words[k + 1]?.text ?? '') || /^\d/.test(words[k - 1]?.text ?? '') || k === 0 || !words[k - 1].cap)) return false;
  const c0 = w.text.charCodeAt(0);
  if (c0 >= 0x41 && c0 <= 0x5a) return true; // an ASCII capital is a letter: no need to ask the pattern below
  return /\p{L}/u.test(w.text);
}

/** 3. chains of titles before a name, walking left from word j */
function walkLeft(scan: Scan, j: number, nameStart: number, acrossComma = false): Chain | null {
  const { words, tags, complementAt } = scan;
  const ch: Chain = { titles: [], codes: [], ofCodes: [], former: false, start: words[nameStart].start, end: words[nameStart].start };
  let sawTitle = false;
  // "his Tanzanian counterpart Neema Mushi": a peer noun right before the name stands for a title it does not name
  let peer = false;
  const from = j;
  while (j >= 0 && ((acrossComma && j === from) || isTightGap(words[j + 1].gap))) {
    const w = words[j];
    const tg = tags[j];
    const comp = complementAt[j];
    if (j === from && !acrossComma && !tg && PEER_NOUNS.has(w.norm)) {
      peer = sawTitle = true;
      j--;
    } else if (comp) {
      ch.ofCodes.push(...comp.codes);
      j = comp.w0 - 1;
    } else if (tg?.kind === 'title') {
      ch.titles.push(tg.title);
      sawTitle = true;
      j = tg.w0 - 1;
    } else if (tg?.kind === 'entity') {
      if (!sawTitle) break;
      // "U.S. Embassy Bogota Chargé d'Affaires": the city after "Embassy" is where it sits, not whom it serves
      const before = tg.hit.w0 > 0 ? words[tg.hit.w0 - 1].norm : '';
      if (tg.hit.form === 'capital' && (before === 'embassy' || before === 'consulate')) j = tg.hit.w0 - 2;
      else {
        ch.codes.push(tg.hit.code);
        j = tg.hit.w0 - 1;
      }
    } else if (w.norm === "'s" && j > 0 && tags[j - 1]?.kind === 'entity' && sawTitle) {
      j--;
    } else if (w.norm === 'and' && j > 0 && (tags[j - 1]?.kind === 'title' || complementAt[j - 1]) && sawTitle) {
      j--;
    } else if ((w.norm === 'embassy' || w.norm === 'consulate') && sawTitle) {
      j--;
    } else if (TITLE_MODIFIERS.has(w.norm) || w.norm === 'ex') {
      if (w.norm === 'former' || w.norm === 'ex' || w.norm === 'late') ch.former = true;
      j--;
    } else if (HONORIFIC_GENDER.has(w.norm)) {
      j--;
    } else break;
    ch.start = words[j + 1].start;
  }
  return ch.titles.length || peer ? ch : null;
}

function chainBefore(scan: Scan, w0: number): Chain | null {
  const { words, tags, complementAt } = scan;
  const direct = walkLeft(scan, w0 - 1, w0);
  if (direct || w0 < 2 || !/^\s*,\s*$/.test(words[w0].gap)) return direct;
  // "Turkey's ambassador in Athens, Nazmi Akiman", "The U.N. spokesman, Francois Giuliani"
  let j = w0 - 1;
  if (tags[j]?.kind === 'entity') {
    const hit = (tags[j] as Extract<Tag, { kind: 'entity' }>).hit;
    if (hit.w0 > 0 && ['in', 'to', 'at', 'for'].includes(words[hit.w0 - 1].norm)) j = hit.w0 - 2;
  }
  if (j < 0 || !(tags[j]?.kind === 'title' || complementAt[j])) return null;
  const ch = walkLeft(scan, j, w0, true);
  if (!ch) return null;
  // a reverse appositive must start its phrase: after a determiner, a possessive state, or a clause edge
  // (adjectives may come between: "North's attractive personal secretary, Fawn Hall")
  const first = words.findIndex((w) => w.start === ch.start);
  for (let b = first - 1; b >= Math.max(0, first - 4); b--) {
    if (!isTightGap(words[b + 1].gap) || tags[b]?.kind === 'entity' || ['the', 'a', 'an', 'his', 'her', 'their', 'its', "'s"].includes(words[b].norm)) return ch;
    if (words[b].cap) return null;
  }
  return first <= 0 ? ch : null;
}

/** 4. appositives after a name: ", Turkey's ambassador to Greece", ", Department Spokesperson" */
function chainAfter(scan: Scan, w1: number): Chain | null {
  const { words, tags, complementOf } = scan;
  if (w1 >= words.length || !/^\s*,\s*$/.test(words[w1].gap)) return null;
  const ch: Chain = { titles: [], codes: [], ofCodes: [], former: false, start: words[w1].start, end: words[w1].start };
  let k = w1;
  while (k < words.length && k < w1 + 8) {
    const w = words[k];
    if (k > w1 && !isTightGap(w.gap)) break;
    const tg = tags[k];
    if (tg?.kind === 'title') {
      ch.titles.push(tg.title);
      ch.end = words[tg.w1 - 1].end;
      k = tg.w1;
      const comp = complementOf.get(tg);
      if (comp) {
        ch.ofCodes.push(...comp.codes);
        k = comp.w1;
      }
      if (k < words.length && words[k].norm === 'and' && tags[k + 1]?.kind === 'title') {
        k++;
        continue;
      }
      // ", Special Envoy Lenderking" introduces the next name; ", an official source" is no title
      const nx = words[k];
      if (nx && isTightGap(nx.gap) && ((nx.cap && !NOT_NAME.has(nx.norm)) || (!nx.cap && /^\p{L}+$/u.test(nx.text) && !['of', 'to', 'for', 'in', 'at', 'on', 'and', 'who', 'with', 'from'].includes(nx.norm)))) return null;
      break;
    }
    if (tg?.kind === 'entity') {
      ch.codes.push(tg.hit.code);
      k = tg.hit.w1;
    } else if (['the', 'a', 'an', "'s"].includes(w.norm) || TITLE_MODIFIERS.has(w.norm)) {
      if (w.norm === 'former') ch.former = true;
      k++;
    } else break;
  }
  return ch.titles.length ? ch : null;
}

/** 5. name runs: a KB person, or capitalised name words (with particles: "Javier Perez de Cuellar") */
function nameRuns(scan: Scan): NameHit[] {
  const { words, tags } = scan;
  const names: NameHit[] = [];
  for (let i = 0; i < words.length; i++) {
    let w1 = i;
    let ids: string[] | null = null; // KB persons the run names (none: a new array only for a hit)
    const tg = tags[i];
    if (tg?.kind === 'person') {
      ids = tg.ids;
      w1 = tg.w1;
    } else if (isNameWord(scan, i)) {
      w1 = i + 1;
      while (w1 < words.length && w1 - i < 6 && isTightGap(words[w1].gap)) {
        if (isNameWord(scan, w1)) w1++;
        else if (NAME_PARTICLES.has(words[w1].norm) && w1 + 1 < words.length && isTightGap(words[w1 + 1].gap) && isNameWord(scan, w1 + 1)) w1 += 2;
        else break;
      }
    } else continue;
    const hit = nameHit(scan, names, i, w1, ids ?? []);
    i = (hit ? hit.w1 : w1) - 1;
    if (hit) names.push(hit);
  }
  return names;
}

/** The name a run of words [w0, w1) makes, with its evidence, or null when it is no person's name. */
function nameHit(scan: Scan, names: NameHit[], w0: number, w1: number, ids: string[]): NameHit | null {
  const { words, tags, text } = scan;
  const runWords = words.slice(w0, w1);
  // a lone capitalised word the tagger reads as a function word or adverb ("Additionally") is no name
  if (!ids.length && runWords.length === 1 && CLOSED_POS.has(posStartingAt(scan, words[w0].start))) return null;
  // runs with an organisation's head word are not persons ("Ardis Group", "Foreign Affairs Bureau")
  const allUpper = runWords.every((w) => w.upper);
  const prev = w0 > 0 ? words[w0 - 1] : null;
  const honor = prev && isTightGap(words[w0].gap) ? HONORIFIC_GENDER.get(prev.norm.replace(/\.$/, '')) : undefined;
  let chain = chainBefore(scan, w0);
  const appositive = chainAfter(scan, w1);
  const next = w1 < words.length ? words[w1] : null;
  // "Canadian citizens Michael Kovrig and Michael Spavor": the second name shares the first one's chain
  const partner = names.length && prev?.norm === 'and' && names[names.length - 1].w1 === w0 - 1 ? names[names.length - 1] : null;
  let evidence: NameEvidence = 'bare';
  if (ids.length) evidence = 'kb';
  else if (chain) evidence = 'title';
  else if (appositive) evidence = 'appositive';
  else if (honor !== undefined) evidence = 'honorific';
  else if (next && SPEECH_VERBS.has(next.norm) && /^\s+$/.test(next.gap) && runWords.length >= 2 && !allUpper) evidence = 'speech';
  else if (partner && partner.evidence !== 'bare' && runWords.length >= 2 && !allUpper) {
    evidence = 'coordination';
    chain = partner.chain;
  }
  if (allUpper && evidence === 'bare') return null;
  // "General Motors Corp", "General Electric Co": a company's name, whatever title word opens it
  if (!ids.length && next && COMPANY_SUFFIXES.has(next.norm) && isTightGap(next.gap)) return null;
  if (!ids.length && evidence === 'bare' && runWords.length === 1) {
    // "S and P", "the Treasury said", "the Bundesbank", "New York said": no person's name
    if (runWords[0].norm.replace(/\.$/, '').length === 1) return null;
    if (prev && isTightGap(words[w0].gap) && prev.cap && PLACE_PREFIXES.has(prev.norm)) return null;
    // "the Treasury said": a name after "the" is a body's when it speaks itself ("the Reagan
    // administration" is another matter: there the name is Reagan's)
    if (prev?.norm === 'the' && next && SPEECH_VERBS.has(next.norm)) return null;
  }
  // "Foreign Minister Ana Kurtz of Austria": a titled name's "of" + state says whom the office serves
  if (chain && !chain.codes.length && !chain.ofCodes.length && next?.norm === 'of' && isTightGap(next.gap)) {
    const k = words[w1 + 1]?.norm === 'the' ? w1 + 2 : w1 + 1;
    const tg = tags[k];
    if (tg?.kind === 'entity' && tg.hit.type === 'state' && isTightGap(words[k].gap)) chain = { ...chain, ofCodes: [tg.hit.code] };
  }
  // a surname that is also a place or organisation noun ("Fawn Hall"), only with a title or appositive
  const tail = words[w1];
  if (tail && (evidence === 'title' || evidence === 'appositive' || evidence === 'honorific') && tail.cap && PLACE_ORG_HEADS.has(tail.norm) && isTightGap(tail.gap) && !tags[w1] && !(words[w1 + 1]?.cap && isTightGap(words[w1 + 1].gap))) {
    w1++;
    runWords.push(tail);
  }
  const { start, end } = spanOf(words, w0, w1);
  return {
    start,
    end,
    w0,
    w1,
    text: text.slice(start, end),
    norms: runWords.map((w) => w.norm),
    kbIds: ids,
    chain,
    appositive,
    gender: honor ?? null,
    evidence,
    sentence: scan.sentenceOf(start),
  };
}

/** 6. role nouns: "the Secretary", "the Soviet Foreign Minister" (a title with no name after it) */
function roleNouns(scan: Scan, titleTags: TitleTag[], names: NameHit[]): RoleHit[] {
  const { words, tags, complementOf, text } = scan;
  const roles: RoleHit[] = [];
  const nameStarts = new Set(names.map((n) => n.w0));
  for (const t of titleTags) {
    if (!t.title.roleNoun) continue;
    let after = t.w1;
    const comp = complementOf.get(t);
    if (comp) after = comp.w1;
    if (nameStarts.has(after) && after < words.length && isTightGap(words[after].gap)) continue;
    if (after < words.length && tags[after]?.kind === 'title' && isTightGap(words[after].gap)) continue; // part of a longer chain
    const codes: string[] = [];
    let j = t.w0 - 1;
    while (j >= 0 && isTightGap(words[j + 1].gap)) {
      const tg = tags[j];
      if (tg?.kind === 'entity') {
        codes.push(tg.hit.code);
        j = tg.hit.w0 - 1;
      } else if (words[j].norm === "'s" || TITLE_MODIFIERS.has(words[j].norm)) j--;
      else break;
    }
    // "The Deputy Secretary and Deputy Foreign Minister": a second title shares the determiner
    const shared = j > 0 && words[j].norm === 'and' && roles.length && roles[roles.length - 1].end === words[j - 1].end;
    if (j < 0 || (!shared && !['the', 'his', 'her', 'their', 'its'].includes(words[j].norm)) || !isTightGap(words[j + 1].gap)) continue;
    if (shared) j++;
    const start = words[j].start;
    const end = words[t.w1 - 1].end;
    roles.push({ title: t.title, codes, start, end, text: text.slice(start, end), sentence: scan.sentenceOf(start) });
  }
  return roles;
}

/** 7. bodies: "the South Korean side", "Chinese officials" */
function markBodies(scan: Scan, entities: EntityHit[]): void {
  const { words } = scan;
  for (const e of entities) {
    if (e.type !== 'state') continue;
    const n = words[e.w1];
    if (n && isTightGap(n.gap) && BODY_NOUNS.has(n.norm) && !n.cap) {
      e.body = true;
      e.end = n.end;
    }
  }
}

/** 8. pronouns and group references */
function pronounsAndGroups(scan: Scan): { pronouns: PronounHit[]; groups: GroupHit[] } {
  const { words, tags } = scan;
  const pronouns: PronounHit[] = [];
  const groups: GroupHit[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    const g = PRONOUN_GENDER.get(w.norm);
    if (g && !tags[k]) {
      // "their two countries" is a group reference, handled below
      pronouns.push({ start: w.start, end: w.end, text: w.text, gender: g, sentence: scan.sentenceOf(w.start), w: k });
    }
    if ((w.norm === 'two' || w.norm === 'both') && k + 1 < words.length) {
      const group = groupAt(scan, k);
      if (group) groups.push(group);
    }
  }
  // a possessive pronoun that opens a group reference belongs to the group
  const inGroup = (p: PronounHit) => groups.some((g) => p.start >= g.start && p.end <= g.end);
  return { pronouns: pronouns.filter((p) => !inGroup(p)), groups };
}

/** A group reference at "two"/"both" (word k): "the two sides", "both countries", "their two foreign ministers". */
function groupAt(scan: Scan, k: number): GroupHit | null {
  const { words, text } = scan;
  const w = words[k];
  const det = k > 0 && ['the', 'their', 'both'].includes(words[k - 1].norm) && isTightGap(words[k].gap) ? k - 1 : k;
  if (w.norm === 'two' && det === k) return null;
  for (const len of [3, 2, 1]) {
    if (k + len >= words.length + 0) continue;
    const noun = words.slice(k + 1, k + 1 + len);
    if (noun.length < len || !noun.every((x) => isTightGap(x.gap))) continue;
    const key = noun.map((x) => x.norm).join(' ');
    const of = GROUP_NOUN_KINDS.get(key);
    if (!of) continue;
    const start = words[det].start;
    const end = noun[noun.length - 1].end;
    return { start, end, text: text.slice(start, end), of, sentence: scan.sentenceOf(start) };
  }
  return null;
}
