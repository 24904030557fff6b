/**
 * Headlines and titles: the Doc covers the body only, so the title gets its own small token view.
 * Titles are Title Case or all caps, where the tagger is unreliable: a word is tagged VERB when the
 * lexicon knows it as a verb and it follows the title's subject ("NIGERIA OPENS TALKS WITH U.K."),
 * NOUN after a possessive or a determiner ("Blinken's Call with"), else PROPN. Actors are found by the
 * names the body's mentions use (names, short names, acronyms, adjectives, capitals — never titles such
 * as "Secretary" or pronouns, which would read "Secretary General Delattre" as the Secretary).
 */
import { makeToken, type Token } from '../../nlp.js';
import type { Actor, Article, MentionKind } from '../../types.js';
import { buildCtx, type Ctx } from './context.js';
import type { EventLexicon } from './lexicon.js';
import { POSSESSIVE, PREPS } from './syntax.js';

const TOKEN = /(?:[A-Za-z]\.){2,}|[’']s\b|[\p{L}\p{N}]+|[^\s]/gu;
/** TOKEN without the global flag: the first token of a string (a separate object: TOKEN's lastIndex is tokenize's). */
const FIRST_TOKEN = new RegExp(TOKEN.source, 'u');
const DETS = new Set('the a an this these those that its their his her our'.split(' '));
const MODALS = new Set('will would may might could should can must is are was were to'.split(' '));
const TITLE_KINDS = new Set<MentionKind>(['name', 'partial', 'acronym', 'adjective', 'capital']);

export function tokenize(text: string): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return out;
}

function verbish(lex: EventLexicon, w: string): boolean {
  return lex.lemmas(w).some((l) => lex.licensors.has(l) || lex.modality.speech.has(l) || (lex.byFirst.get(l)?.some((e) => e.pos !== 'noun') ?? false));
}

function tag(lex: EventLexicon, raw: { text: string }[]): string[] {
  const pos: string[] = [];
  let sawVerb = false;
  raw.forEach((t, i) => {
    const w = t.text.toLowerCase();
    const prev = i > 0 ? pos[i - 1] : '';
    let p: string;
    if (POSSESSIVE.has(w)) p = 'PART';
    else if (/^[^\p{L}\p{N}]$/u.test(w)) p = 'PUNCT';
    else if (/^\d/.test(w)) p = 'NUM';
    else if (DETS.has(w)) p = 'DET';
    else if (w === 'and' || w === 'or') p = 'CCONJ';
    else if (w === 'to' && i + 1 < raw.length && verbish(lex, raw[i + 1].text.toLowerCase())) p = 'PART';
    else if (MODALS.has(w) && w !== 'to') p = 'AUX';
    else if (PREPS.has(w)) p = 'ADP';
    else if (verbish(lex, w) && prev !== 'DET' && prev !== 'PART' && prev !== 'ADP' && (!sawVerb || prev === 'AUX' || prev === 'CCONJ') && i > 0) p = 'VERB';
    else if (prev === 'PART' && (i < 2 || raw[i - 1].text.toLowerCase() !== 'to')) p = 'NOUN';
    else if (prev === 'PART') p = 'VERB';
    else p = 'PROPN';
    if (p === 'VERB') sawVerb = true;
    pos.push(p);
  });
  return pos;
}

/** The title's token view, with the body's actors found in it; null when there is no title, no word
 *  of it that may start a trigger, or no actor named in it. */
export function titleCtx(article: Article, actors: readonly Actor[], byId: ReadonlyMap<string, Actor>, lex: EventLexicon): Ctx | null {
  const title = article.title;
  if (!title || !title.trim()) return null;
  const raw = tokenize(title);
  if (!raw.length) return null;
  // a title where no word starts a lexicon entry has no trigger, so no event: no token view needed
  if (!raw.some((t) => lex.form(t.text.toLowerCase()).entries.length)) return null;
  const pos = tag(lex, raw);
  const tokens: Token[] = raw.map((t, i) => makeToken(t.start, t.end, t.text, t.text.toLowerCase(), pos[i], 0, i === 0));
  const lowers = tokens.map((t) => t.lower);
  const forms = titleForms(article, actors, new Set(lowers));
  const found = actorsIn(tokens, lowers, forms);
  // a title naming no actor codes no event: every rule needs a party, and the discourse passes lend
  // parties only from the title's own candidates, which would have none
  if (!found.size) return null;
  const doc = { tokens, sentences: [{ start: tokens[0].start, end: tokens[tokens.length - 1].end, first: 0, last: tokens.length }] };
  return buildCtx('title', title, doc, actors, byId, (a) => found.get(a) ?? [], lex, article);
}

type TitleForm = { actor: Actor; kind: MentionKind; n: number };

/**
 * Name forms → actor, for the forms whose first word is in the title (`titleWords`): a form that does
 * not start with a title word cannot match, so it is not tokenized at all (most of them: the title is
 * a few words, the actors' mentions many). The first actor to use a form keeps it.
 */
function titleForms(article: Article, actors: readonly Actor[], titleWords: Set<string>): Map<string, TitleForm> {
  const forms = new Map<string, TitleForm>();
  const initials = new Set<number>();
  for (const w of titleWords) initials.add(w.charCodeAt(0));
  for (const a of actors) {
    if (a.type === 'group') continue;
    const seen = new Set<string>();
    addForm(forms, titleWords, initials, a, a.name, 'name');
    // titles name officials by surname ("Secretary Blinken's Call", "Under Secretary Zeya's Travel")
    if (a.type === 'person') {
      const parts = a.name.split(/\s+/);
      const last = parts[parts.length - 1];
      if (parts.length > 1 && mayStartTitleWord(last, 0, initials) && /^\p{Lu}\p{L}{2,}/u.test(last)) addForm(forms, titleWords, initials, a, last, 'partial');
    }
    for (const m of a.mentions) {
      if (!TITLE_KINDS.has(m.kind) || !mayStartTitleWord(article.text, m.start, initials)) continue;
      const t = article.text.slice(m.start, m.end);
      if (!seen.has(t)) [seen.add(t), addForm(forms, titleWords, initials, a, t, m.kind)];
    }
  }
  return forms;
}

/**
 * Whether the text at `at` may start with a title word, judged by its first character without slicing
 * the mention out: a printable ASCII character starts the mention's first token, so that token's lower
 * case starts with that character's lower case. Any other character: maybe.
 */
function mayStartTitleWord(text: string, at: number, initials: ReadonlySet<number>): boolean {
  const ch = text.charCodeAt(at);
  if (!(ch > 32 && ch < 128)) return true;
  return initials.has(ch >= 65 && ch <= 90 ? ch + 32 : ch);
}

function addForm(forms: Map<string, TitleForm>, titleWords: Set<string>, initials: ReadonlySet<number>, a: Actor, s: string, kind: MentionKind): void {
  if (!mayStartTitleWord(s, 0, initials)) return;
  const first = FIRST_TOKEN.exec(s);
  if (!first || !titleWords.has(first[0].toLowerCase())) return;
  const toks = tokenize(s).map((t) => t.text.toLowerCase());
  if (!toks.length || (toks.length === 1 && toks[0].length < 2)) return;
  const key = toks.join(' ');
  if (!forms.has(key)) forms.set(key, { actor: a, kind, n: toks.length });
}

/** The actors' forms found in the title, longest first, left to right: actor → spans. */
function actorsIn(tokens: Token[], lowers: string[], forms: Map<string, TitleForm>): Map<Actor, { start: number; end: number; kind: MentionKind }[]> {
  const maxN = Math.max(0, ...[...forms.values()].map((f) => f.n));
  // a form's key is its words joined by spaces: only a position holding a form's first word may start one
  const firsts = new Set([...forms.keys()].map((k) => k.split(' ')[0]));
  const found = new Map<Actor, { start: number; end: number; kind: MentionKind }[]>();
  for (let i = 0; i < tokens.length; ) {
    if (!firsts.has(lowers[i])) {
      i++;
      continue;
    }
    let hit = 0;
    for (let n = Math.min(maxN, tokens.length - i); n > 0 && !hit; n--) {
      const f = forms.get(lowers.slice(i, i + n).join(' '));
      if (!f) continue;
      const list = found.get(f.actor) ?? [];
      list.push({ start: tokens[i].start, end: tokens[i + n - 1].end, kind: f.kind });
      found.set(f.actor, list);
      hit = n;
    }
    i += hit || 1;
  }
  return found;
}
