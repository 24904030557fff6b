/**
 * The view the event rules read: tokens with lemma keys, sentences, and the actors' mentions mapped onto
 * token ranges (outermost mention wins where mentions nest; group mentions expand to their members).
 * Built once per document (and once for the title, see title.ts); the rules only do index look-ups.
 */
import { isBlank, type Doc, type Token } from '../../nlp.js';
import type { Actor, Article, MentionKind } from '../../types.js';
import type { EventLexicon, LexForm } from './lexicon.js';

export type Field = 'text' | 'title';

export interface MentionRef {
  /** Token range, last exclusive. */
  first: number;
  last: number;
  /** The actor the span names, and the participant ids it stands for (members for a group). */
  actorId: string;
  ids: string[];
  kind: MentionKind;
}

export interface Ctx {
  field: Field;
  /** The string the token offsets index into (article.text, or the title). */
  text: string;
  toks: readonly Token[];
  /** Per token, what the lexicon knows of its form: lemma keys and the entries they start (see
   *  EventLexicon.form; empty for words the lexicon does not know). */
  forms: readonly LexForm[];
  /** The tokens whose form starts a lexicon entry, in text order: where triggers may begin. */
  starts: readonly number[];
  /** The Doc's sentences, split again at paragraph breaks (a blank-line token never sits inside one). */
  sentences: Doc['sentences'];
  /** Token index → index into `sentences`. */
  sentOf: Int32Array;
  /** Token index → index into `mentions`, or -1. */
  mentionAt: Int32Array;
  mentions: MentionRef[];
  actors: ReadonlyMap<string, Actor>;
  lex: EventLexicon;
  article: Article;
}

/** Participant ids an actor stands for: itself, or its members (recursively) for a group. */
export function expand(actors: ReadonlyMap<string, Actor>, id: string, depth = 0): string[] {
  const a = actors.get(id);
  if (!a) return [];
  if (a.type === 'group' || (a.members && a.members.length)) {
    if (depth > 3 || !a.members) return [];
    return [...new Set(a.members.flatMap((m) => expand(actors, m, depth + 1)))];
  }
  return [id];
}

/** Token offsets in two compact arrays: mentions are placed by reading these, not token objects
 *  spread over the heap. */
interface Offsets {
  start: Int32Array;
  end: Int32Array;
}

/** First token whose end is after `pos` (tokens are sorted by offset; `ends`: their end offsets). */
function tokenAtOrAfter(ends: Int32Array, pos: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function buildCtx(
  field: Field,
  text: string,
  doc: Pick<Doc, 'tokens' | 'sentences'>,
  actors: readonly Actor[],
  /** The same actors by id (made once per article, shared by its token views). */
  byId: ReadonlyMap<string, Actor>,
  spans: (a: Actor) => readonly { start: number; end: number; kind: MentionKind }[],
  lex: EventLexicon,
  article: Article,
): Ctx {
  const toks = doc.tokens;
  // the per-token integer arrays share one buffer: one allocation per token view
  const n = toks.length;
  const buf = new Int32Array(4 * n);
  const offsets = { start: buf.subarray(0, n), end: buf.subarray(n, 2 * n) };
  const sentOf = buf.subarray(2 * n, 3 * n);
  const { forms, starts, sentences } = scan(doc, lex, offsets, sentOf);
  const mentionAt = buf.subarray(3 * n, 4 * n);
  const mentions = placeMentions(mentionRefs(toks, offsets, actors, byId, spans), mentionAt);
  return { field, text, toks, forms, starts, sentences, sentOf, mentionAt, mentions, actors: byId, lex, article };
}

/** Every mention of the actors (as `spans` gives them) as a token range, with the ids it stands for. */
function mentionRefs(
  toks: readonly Token[],
  offsets: Offsets,
  actors: readonly Actor[],
  byId: ReadonlyMap<string, Actor>,
  spans: (a: Actor) => readonly { start: number; end: number; kind: MentionKind }[],
): MentionRef[] {
  const raw: MentionRef[] = [];
  for (const a of actors) {
    const list = spans(a);
    if (!list.length) continue;
    const ids = expand(byId, a.id);
    if (!ids.length) continue;
    for (const m of list) {
      const { start, end } = offsets;
      const first = tokenAtOrAfter(end, m.start);
      let last = first;
      while (last < toks.length && start[last] < m.end) last++;
      if (last <= first) continue;
      // "Soviet-led Comecon", "a UN-brokered deal": a name glued to a participle describes, it does not take part
      // (a hyphen right after the name, and a word right after the hyphen; then its text)
      if (last + 1 < toks.length && start[last] === end[last - 1] && start[last + 1] === end[last]) {
        const h = toks[last];
        if ((h.text === '-' || h.text === '‑') && /(ed|en)$/.test(toks[last + 1].lower)) continue;
      }
      raw.push({ first, last, actorId: a.id, ids, kind: m.kind });
    }
  }
  return raw;
}

/** Mentions onto tokens (`mentionAt`, filled here): outermost first; a mention overlapping one already
 *  placed is dropped. */
function placeMentions(raw: MentionRef[], mentionAt: Int32Array): MentionRef[] {
  raw.sort((x, y) => y.last - y.first - (x.last - x.first) || x.first - y.first);
  mentionAt.fill(-1);
  const mentions: MentionRef[] = [];
  for (const m of raw) {
    let free = true;
    for (let i = m.first; i < m.last && free; i++) if (mentionAt[i] >= 0) free = false;
    if (!free) continue;
    for (let i = m.first; i < m.last; i++) mentionAt[i] = mentions.length;
    mentions.push(m);
  }
  return mentions;
}

/**
 * One pass over the tokens, sentence by sentence: each token's lexicon form (and the tokens that start
 * an entry), its offsets, and sentences that never run across a paragraph break: whitespace tokens
 * ("\n\n") end a sentence and stand alone.
 */
function scan(
  doc: Pick<Doc, 'tokens' | 'sentences'>,
  lex: EventLexicon,
  offsets: Offsets,
  sentOf: Int32Array,
): { forms: LexForm[]; starts: number[]; sentences: Doc['sentences'] } {
  const toks = doc.tokens;
  const forms: LexForm[] = new Array(toks.length);
  const starts: number[] = [];
  const sentences: Doc['sentences'] = [];
  const push = (first: number, last: number) => {
    if (last <= first) return;
    for (let i = first; i < last; i++) sentOf[i] = sentences.length;
    sentences.push({ start: toks[first].start, end: toks[last - 1].end, first, last });
  };
  for (const s of doc.sentences) {
    let a = s.first;
    for (let i = s.first; i < s.last; i++) {
      const t = toks[i];
      const f = (forms[i] = lex.form(t.lower));
      offsets.start[i] = t.start;
      offsets.end[i] = t.end;
      if (f.entries.length) starts.push(i);
      if (!isBlank(t.text)) continue;
      push(a, i);
      push(i, i + 1);
      a = i + 1;
    }
    push(a, s.last);
  }
  // tokens outside every sentence (none, as the Doc is made today) still get their form
  for (let i = 0; i < toks.length; i++)
    if (forms[i] === undefined) {
      forms[i] = lex.form(toks[i].lower);
      offsets.start[i] = toks[i].start;
      offsets.end[i] = toks[i].end;
    }
  return { forms, starts, sentences };
}

/** Whether token i's form or one of its lemmas is in `set`, one of the lexicon's word sets (pattern
 *  words, modality cues, ...). Every word of those is a form the lexicon knows and one of its own
 *  lemmas, so testing the lemmas suffices: a token the lexicon does not know is in none, and the test
 *  reads no token. */
export function lemmaIn(c: Ctx, i: number, set: { has(k: string): boolean }): boolean {
  const ls = c.forms[i].lemmas;
  for (let k = 0; k < ls.length; k++) if (set.has(ls[k])) return true;
  return false;
}

/** The value of `map` (keyed by lexicon words, see lemmaIn) for token i's first lemma that is a key
 *  of it, or undefined. */
export function lemmaOf<V>(c: Ctx, i: number, map: ReadonlyMap<string, V>): V | undefined {
  const ls = c.forms[i].lemmas;
  for (let k = 0; k < ls.length; k++) {
    const v = map.get(ls[k]);
    if (v !== undefined) return v;
  }
  return undefined;
}
