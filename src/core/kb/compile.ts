/**
 * Compiles a KnowledgeBase (plain data) into the look-up structures the stages use: a word trie over
 * every name form, titles by form, persons by id and by short name. Pure and done once per engine.
 */
import type { KbOffice, KbPerson, KbTitle, KnowledgeBase, Validity } from '../../knowledge/types.js';
import { formWords, isNameGap, WordMap, type Word } from '../text/words.js';

export type NameEntry =
  | { type: 'state'; code: string; form: 'name' | 'adjective' | 'capital'; validity: Validity; independent: boolean }
  | { type: 'org'; code: string; form: 'name' | 'adjective' }
  | { type: 'title'; title: KbTitle }
  | { type: 'person'; id: string };

/** Case rule for one word of a form: 0 any case, 1 capitalised, 2 exactly upper-case (acronyms). */
type CaseRule = 0 | 1 | 2;

interface Pattern {
  entry: NameEntry;
  cases: CaseRule[];
}

export interface TrieNode {
  children: Map<string, TrieNode>;
  patterns: Pattern[];
  /** On the root: the children under which some pattern's first word may take any case (titles such as
   *  "minister"). A word not capitalised can start no other pattern, and is looked up in this smaller map. */
  anyCaseStarts?: WordMap<TrieNode>;
  /** On the root: all its children, as a WordMap (most words start no name: ruled out without hashing). */
  starts?: WordMap<TrieNode>;
}

/** One form of a title, with its rank in the order of `titles` and their forms. */
export interface TitleForm {
  title: KbTitle;
  form: string;
  order: number;
}

export interface CompiledKb {
  trie: TrieNode;
  states: Map<string, { code: string; name: string; validity: Validity }>;
  organizations: Map<string, { code: string; name: string; sector: string; coded: boolean }>;
  titles: Map<string, KbTitle>;
  persons: Map<string, KbPerson>;
  /** Folded short name ("wang", "putin") → persons who go by it. */
  shortNames: Map<string, KbPerson[]>;
  /** Each word of a title form (the form split at spaces) → the forms holding it, in the order of `titles`
   *  and their forms: the few forms to try for a head word, instead of every form of every title. */
  titleFormsByWord: Map<string, TitleForm[]>;
}

const newNode = (): TrieNode => ({ children: new Map(), patterns: [] });

function caseRule(w: Word): CaseRule {
  if (w.upper) return 2;
  return w.cap ? 1 : 0;
}

function insert(root: TrieNode, form: string, entry: NameEntry, anyCase = false) {
  const words = formWords(form);
  if (!words.length) return;
  let node = root;
  for (const w of words) {
    let next = node.children.get(w.norm);
    if (!next) node.children.set(w.norm, (next = newNode()));
    node = next;
  }
  node.patterns.push({ entry, cases: words.map((w) => (anyCase ? 0 : caseRule(w))) });
}

export function shortNameOf(p: KbPerson): string {
  if (p.short) return p.short;
  const parts = p.name.split(/\s+/);
  return parts[parts.length - 1];
}

export function compileKb(kb: KnowledgeBase): CompiledKb {
  const trie = newNode();
  const states = new Map<string, { code: string; name: string; validity: Validity }>();
  for (const s of kb.states) {
    const validity = { start: s.start ?? null, end: s.end ?? null };
    const independent = s.independent !== false;
    states.set(s.code, { code: s.code, name: s.name, validity });
    for (const n of new Set([s.name, ...s.names])) insert(trie, n, { type: 'state', code: s.code, form: 'name', validity, independent });
    for (const a of new Set(s.adjectives)) insert(trie, a, { type: 'state', code: s.code, form: 'adjective', validity, independent });
    for (const c of new Set(s.capitals)) insert(trie, c, { type: 'state', code: s.code, form: 'capital', validity, independent });
  }
  const organizations = new Map<string, { code: string; name: string; sector: string; coded: boolean }>();
  for (const o of kb.organizations) {
    organizations.set(o.code, { code: o.code, name: o.name, sector: o.sector ?? 'IGO', coded: o.coded !== false });
    for (const n of new Set([o.name, ...o.names])) insert(trie, n, { type: 'org', code: o.code, form: 'name' });
    for (const a of new Set(o.adjectives ?? [])) insert(trie, a, { type: 'org', code: o.code, form: 'adjective' });
  }
  const titles = new Map<string, KbTitle>();
  for (const t of kb.titles) {
    titles.set(t.title, t);
    for (const f of new Set([t.title, ...t.forms])) insert(trie, f, { type: 'title', title: t }, true);
  }
  const persons = new Map<string, KbPerson>();
  const shortNames = new Map<string, KbPerson[]>();
  for (const p of kb.persons) {
    persons.set(p.id, p);
    for (const n of new Set([p.name, ...(p.aliases ?? [])])) insert(trie, n, { type: 'person', id: p.id });
    const key = formWords(shortNameOf(p))
      .map((w) => w.norm)
      .join(' ');
    const list = shortNames.get(key) ?? [];
    list.push(p);
    shortNames.set(key, list);
  }
  trie.starts = new WordMap(trie.children);
  trie.anyCaseStarts = new WordMap([...trie.children].filter(([, node]) => hasAnyCaseStart(node)));
  const titleFormsByWord = new Map<string, TitleForm[]>();
  let order = 0;
  for (const t of titles.values())
    for (const form of t.forms) {
      const entry = { title: t, form, order: order++ };
      for (const w of new Set(form.split(' '))) {
        const list = titleFormsByWord.get(w) ?? [];
        list.push(entry);
        titleFormsByWord.set(w, list);
      }
    }
  return { trie, states, organizations, titles, persons, shortNames, titleFormsByWord };
}

/** Whether a pattern at or below the node lets its first word take any case. */
function hasAnyCaseStart(node: TrieNode): boolean {
  if (node.patterns.some((p) => p.cases[0] === 0)) return true;
  for (const child of node.children.values()) if (hasAnyCaseStart(child)) return true;
  return false;
}

/** Whether a date (YYYY-MM-DD, or null for "unknown") falls in a validity period. Partial dates compare by prefix. */
export function validAt(v: Validity, date: string | null): boolean {
  if (!date) return !v.end; // with no date, prefer what is current
  if (v.start && date < v.start.padEnd(10, v.start.length === 4 ? '-01-01' : '-01').slice(0, 10)) return false;
  if (v.end && date > endOf(v.end)) return false;
  return true;
}

function endOf(d: string): string {
  if (d.length === 4) return `${d}-12-31`;
  if (d.length === 7) return `${d}-31`;
  return d;
}

/** The offices a person holds at a date. */
export function officesAt(p: KbPerson, date: string | null): KbOffice[] {
  return p.offices.filter((o) => validAt(o, date));
}

export interface TrieMatch {
  start: number; // word index
  end: number; // word index, exclusive
  entries: NameEntry[];
}

/** Longest match of the trie at word i, honouring each pattern's case rule. */
export function matchAt(root: TrieNode, words: Word[], i: number): TrieMatch | null {
  if (i >= words.length) return null;
  const node = startOf(root, words[i]);
  return node ? matchFrom(node, words, i) : null; // most words start no name: nothing to allocate
}

/** The node under the root that word w starts, if any. A word not capitalised fails the case rule of
 *  every pattern but those that allow any case, so it is looked up among their first words only. */
function startOf(root: TrieNode, w: Word): TrieNode | undefined {
  return (w.cap ? (root.starts ?? root.children) : (root.anyCaseStarts ?? root.starts ?? root.children)).get(w.norm);
}

/** Longest match at word i, from the node its first word leads to (see startOf). */
function matchFrom(start: TrieNode, words: Word[], i: number): TrieMatch | null {
  let best: TrieMatch | null = null;
  let node = start;
  for (let j = i; ; ) {
    if (node.patterns.length) {
      const ok = entriesHolding(node.patterns, words, i);
      if (ok) best = { start: i, end: j + 1, entries: ok };
    }
    j++;
    if (!node.children.size || j >= words.length || !isNameGap(words[j].gap)) break; // names do not run across punctuation
    const next = node.children.get(words[j].norm);
    if (!next) break;
    node = next;
  }
  return best;
}

/** The entries of the patterns whose case rules the words from i satisfy, or null when none does. */
function entriesHolding(patterns: Pattern[], words: Word[], i: number): NameEntry[] | null {
  let ok: NameEntry[] | null = null;
  for (const p of patterns) {
    let holds = true;
    for (let k = 0; k < p.cases.length && holds; k++) holds = caseOk(p.cases[k], words[i + k]);
    if (holds) (ok ??= []).push(p.entry);
  }
  return ok;
}

function caseOk(rule: CaseRule, w: Word): boolean {
  if (rule === 0) return true;
  if (rule === 2) return w.upper;
  return w.cap;
}
