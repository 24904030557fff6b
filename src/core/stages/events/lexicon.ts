/**
 * The event lexicon: its JSON shape (`parley.events-lexicon/1`), validation, and compilation into hash
 * look-ups. The shipped lexicon is data/lexicon/events.json; a user's file has the same shape, every
 * part optional, and is merged over it (`loadLexicon(userJson, base)`): entries with the same id replace
 * the shipped ones, `remove` drops ids, maps are merged key by key, lists are extended.
 *
 * Pattern language (entries, adjuncts, modifiers, negative contexts): words separated by spaces, each a
 * lemma ("meet" also matches "met", "meets", "meeting"), `a|b` for alternatives, `*` for a gap of up to
 * six tokens and `**` for up to twelve (no sentence punctuation inside), `?word` for an optional word. In a negative context,
 * `_` marks where the trigger stands ("press _" rejects "press conference" for "conference").
 */
import { inflections } from './inflect.js';

export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
] as const;
export type PloverType = (typeof PLOVER_TYPES)[number];

// ---------- the JSON shape ----------

/** Where an event's participants are found relative to its trigger. */
export interface FrameSpec {
  /** Recipient markers: prepositions ("with", "on", "to"), "dobj" (the noun phrase right after the
   *  head), "that" (the subject of a "that" clause right after the head: "demanded that X ..."),
   *  "xcomp" (the object of an infinitive right after the head: "refused to meet X"), "between"
   *  (with `joint`, every party in "between X and Y" joins the actors). */
  recipient?: string[];
  /** A joint action: "X and Y met" / "agreed" codes both as actors with no recipient needed. */
  joint?: boolean;
  /** "recipient": the entry only fires when a recipient marker is found ("spoke with X"). */
  needs?: 'recipient';
  /** The event may stand with a single participant ("thousands protested", "resigned"). */
  solo?: boolean;
}

export interface EntrySpec {
  /** Stable id, used for replacing/removing entries from a user file; defaults to pattern/pos/type. */
  id?: string;
  pattern: string;
  /** Part of speech of the head word: verb, noun, or any. */
  pos?: 'verb' | 'noun' | 'any';
  /** PLOVER type, or null for a stop pattern that consumes its words and emits nothing. */
  type: string | null;
  mode?: string | null;
  cameo?: string | null;
  frame?: FrameSpec;
  /** Negative contexts: patterns with `_` for the trigger; when one matches, the entry does not fire. */
  not?: string[];
  /** Index of the head word among the pattern's words (default 0). */
  head?: number;
  confidence?: number;
}

export interface ModifierSpec {
  /** A phrase in the same sentence that refines an event of `type`: "on the sidelines of" → third-party. */
  pattern: string;
  type: string;
  mode: string;
  cameo?: string;
}

export interface ModalitySpec {
  negation?: string[];
  future?: string[];
  hypothetical?: string[];
  /** Markers opening a conditional clause ("if", "unless"). */
  conditional?: string[];
  /** Governing verbs/adjectives before an infinitive ("plans to", "is due to"). */
  futureGovernors?: string[];
  hypotheticalGovernors?: string[];
  negativeGovernors?: string[];
  /** Speech verbs: "said they would" reads "would" as future in the past. */
  speech?: string[];
  /** Adjectives before an event noun: "a planned visit", "upcoming talks". */
  futureAdjectives?: string[];
}

export interface LexiconSpec {
  schema?: string;
  /** What the file is, for a reader; ignored. */
  readme?: string;
  credits?: unknown;
  /** CAMEO code → Goldstein score and quad class (GDELT's lookup tables). */
  cameo?: Record<string, { goldstein: number; quad: number; label?: string }>;
  /** Irregular verb forms: lemma → [past, participle, ...]. */
  irregular?: Record<string, string[]>;
  /** Support verbs: lemma → the PLOVER types of the event nouns they license in their object
   *  ("hold" → talks, "express" → concern, "impose" → sanctions). */
  licensors?: Record<string, string[]>;
  /** Prepositional phrases that make an event noun the occasion of the sentence ("during", "after"). */
  adjuncts?: string[];
  modifiers?: ModifierSpec[];
  modality?: ModalitySpec;
  /** Verbs whose object is the subject of the following infinitive ("urged X to meet Y"). */
  objectControl?: string[];
  /** Predicates saying that an event noun happened ("clashes erupted", "the attack killed"). */
  occurrence?: string[];
  /** PLOVER types that need a recipient even when one-sided events are allowed. */
  requiresRecipient?: string[];
  /** Verbs of discussing: what they take as topic is not an event ("discussed efforts to urge X"). */
  topicVerbs?: string[];
  /** Verbal types that, said by one side in a meeting readout with no recipient, address the other side. */
  addressed?: string[];
  /** A hostile action announced under a condition ("unless", "if") is a threat: type → CAMEO code. */
  conditionalThreats?: Record<string, string>;
  entries?: EntrySpec[];
  /** Ids of base entries to drop (user files). */
  remove?: string[];
}

// ---------- the compiled form ----------

export type Item = { gap: false; lemmas: ReadonlySet<string>; optional: boolean } | { gap: true; max: number };

export interface CompiledPattern {
  items: Item[];
  /** For negative contexts: index of the `_` item, or -1. */
  hole: number;
}

export interface CompiledEntry {
  id: string;
  pattern: string;
  pos: 'verb' | 'noun' | 'any';
  type: PloverType | null;
  mode: string | null;
  cameo: string | null;
  goldstein: number | null;
  quad: number | null;
  recipient: readonly string[];
  joint: boolean;
  needsRecipient: boolean;
  solo: boolean;
  not: CompiledPattern[];
  items: Item[];
  /** Index in `items` of the head word. */
  head: number;
  /** Number of word items, for longest-first ordering. */
  words: number;
  confidence: number;
}

export interface CompiledModifier {
  pattern: CompiledPattern;
  type: PloverType;
  mode: string;
  cameo: string | null;
}

export interface CompiledModality {
  negation: ReadonlySet<string>;
  future: ReadonlySet<string>;
  hypothetical: ReadonlySet<string>;
  conditional: ReadonlySet<string>;
  futureGovernors: ReadonlySet<string>;
  hypotheticalGovernors: ReadonlySet<string>;
  negativeGovernors: ReadonlySet<string>;
  speech: ReadonlySet<string>;
  futureAdjectives: ReadonlySet<string>;
}

/** What the lexicon knows of one word form: its lemmas, and the entries whose first word is one of
 *  them (most specific first). Computed once per form when the lexicon is compiled. */
export interface LexForm {
  readonly lemmas: readonly string[];
  readonly entries: readonly CompiledEntry[];
  /** The types of event noun its first lemma that is a support verb licenses (see `licensors`), or
   *  null when no lemma of it is one. */
  readonly licenses: ReadonlySet<string> | null;
}

export interface EventLexicon {
  /** The merged source, kept so that a user file can be merged over this lexicon later. */
  readonly spec: LexiconSpec;
  /** Entries by the lemma of their first word, most specific first. */
  readonly byFirst: ReadonlyMap<string, readonly CompiledEntry[]>;
  readonly licensors: ReadonlyMap<string, ReadonlySet<string>>;
  readonly adjuncts: readonly CompiledPattern[];
  readonly modifiers: readonly CompiledModifier[];
  readonly modality: CompiledModality;
  readonly objectControl: ReadonlySet<string>;
  readonly occurrence: ReadonlySet<string>;
  readonly requiresRecipient: ReadonlySet<string>;
  readonly topicVerbs: ReadonlySet<string>;
  readonly addressed: ReadonlySet<string>;
  readonly conditionalThreats: ReadonlyMap<string, string>;
  readonly cameo: ReadonlyMap<string, { goldstein: number; quad: number }>;
  /** Word form (lower case) → its lemmas, for every word the lexicon knows ("meeting" → meet,
   *  meeting); empty for a word the lexicon does not know (no allocation on the hot path). */
  lemmas(lower: string): readonly string[];
  /** Word form (lower case) → its lemmas and the entries they start: one look-up per token. */
  form(lower: string): LexForm;
  readonly size: number;
}

// ---------- validation ----------

export class LexiconError extends Error {
  constructor(
    public readonly code: string,
    message: string,
  ) {
    super(`[${code}] ${message}`);
    this.name = 'LexiconError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const TYPES = new Set<string>(PLOVER_TYPES);

function fail(code: string, where: string, msg: string): never {
  throw new LexiconError(code, `${where}: ${msg}`);
}

function validate(json: unknown): LexiconSpec {
  if (!isObj(json)) fail('E001', 'lexicon', 'expected a JSON object');
  const spec = json as LexiconSpec;
  if (spec.entries !== undefined) {
    if (!Array.isArray(spec.entries)) fail('E002', 'entries', 'expected an array');
    spec.entries.forEach((e, i) => {
      const at = `entries[${i}]${isObj(e) && typeof e.pattern === 'string' ? ` ("${e.pattern}")` : ''}`;
      if (!isObj(e)) fail('E003', at, 'expected an object');
      if (typeof e.pattern !== 'string' || !e.pattern.trim()) fail('E004', at, 'pattern must be a non-empty string');
      if (e.type !== null && !TYPES.has(e.type as string))
        fail('E005', at, `type "${String(e.type)}" is not a PLOVER type; valid: ${PLOVER_TYPES.join(', ')} or null`);
      if (e.pos !== undefined && !['verb', 'noun', 'any'].includes(e.pos)) fail('E006', at, `pos must be verb, noun or any, not "${e.pos}"`);
      if (e.cameo != null && !/^\d{2,4}$/.test(e.cameo)) fail('E007', at, `cameo "${e.cameo}" is not a CAMEO code`);
      if (e.frame !== undefined) {
        if (!isObj(e.frame)) fail('E008', at, 'frame must be an object');
        if (e.frame.recipient !== undefined && !isStrList(e.frame.recipient)) fail('E009', at, 'frame.recipient must be a list of strings');
        if (e.frame.needs !== undefined && e.frame.needs !== 'recipient') fail('E010', at, 'frame.needs can only be "recipient"');
      }
      if (e.not !== undefined && !isStrList(e.not)) fail('E011', at, 'not must be a list of patterns');
    });
  }
  for (const k of ['adjuncts', 'objectControl', 'occurrence', 'requiresRecipient', 'topicVerbs', 'addressed', 'remove'] as const)
    if (spec[k] !== undefined && !isStrList(spec[k])) fail('E012', k, 'expected a list of strings');
  for (const k of ['licensors', 'irregular', 'cameo', 'conditionalThreats'] as const) if (spec[k] !== undefined && !isObj(spec[k])) fail('E013', k, 'expected an object');
  if (spec.licensors)
    for (const [verb, types] of Object.entries(spec.licensors)) {
      if (!isStrList(types)) fail('E014', `licensors.${verb}`, 'expected a list of PLOVER types');
      for (const t of types) if (!TYPES.has(t)) fail('E005', `licensors.${verb}`, `"${t}" is not a PLOVER type`);
    }
  if (spec.irregular) for (const [w, f] of Object.entries(spec.irregular)) if (!isStrList(f)) fail('E015', `irregular.${w}`, 'expected a list of forms');
  if (spec.cameo)
    for (const [c, v] of Object.entries(spec.cameo))
      if (!isObj(v) || typeof v.goldstein !== 'number' || typeof v.quad !== 'number') fail('E016', `cameo.${c}`, 'expected {goldstein: number, quad: number}');
  if (spec.modifiers !== undefined) {
    if (!Array.isArray(spec.modifiers)) fail('E017', 'modifiers', 'expected an array');
    spec.modifiers.forEach((m, i) => {
      if (!isObj(m) || typeof m.pattern !== 'string' || !TYPES.has(m.type) || typeof m.mode !== 'string')
        fail('E018', `modifiers[${i}]`, 'expected {pattern, type (PLOVER), mode}');
    });
  }
  if (spec.modality !== undefined) {
    if (!isObj(spec.modality)) fail('E019', 'modality', 'expected an object');
    for (const [k, v] of Object.entries(spec.modality)) if (!isStrList(v)) fail('E020', `modality.${k}`, 'expected a list of words');
  }
  return spec;
}

// ---------- merging ----------

const entryId = (e: EntrySpec) => e.id ?? `${e.pattern}/${e.pos ?? 'any'}/${e.type ?? 'stop'}`;

function mergeSpecs(base: LexiconSpec, user: LexiconSpec): LexiconSpec {
  const drop = new Set(user.remove ?? []);
  const entries = new Map<string, EntrySpec>();
  for (const e of base.entries ?? []) if (!drop.has(entryId(e))) entries.set(entryId(e), e);
  for (const e of user.entries ?? []) entries.set(entryId(e), e);
  const modality: ModalitySpec = { ...base.modality };
  for (const [k, v] of Object.entries(user.modality ?? {})) {
    const key = k as keyof ModalitySpec;
    modality[key] = [...(base.modality?.[key] ?? []), ...(v as string[])];
  }
  return {
    schema: base.schema,
    credits: base.credits,
    cameo: { ...base.cameo, ...user.cameo },
    irregular: { ...base.irregular, ...user.irregular },
    licensors: { ...base.licensors, ...user.licensors },
    adjuncts: [...(base.adjuncts ?? []), ...(user.adjuncts ?? [])],
    modifiers: [...(base.modifiers ?? []), ...(user.modifiers ?? [])],
    modality,
    objectControl: [...(base.objectControl ?? []), ...(user.objectControl ?? [])],
    occurrence: [...(base.occurrence ?? []), ...(user.occurrence ?? [])],
    requiresRecipient: user.requiresRecipient ?? base.requiresRecipient,
    topicVerbs: [...(base.topicVerbs ?? []), ...(user.topicVerbs ?? [])],
    addressed: user.addressed ?? base.addressed,
    conditionalThreats: { ...base.conditionalThreats, ...user.conditionalThreats },
    entries: [...entries.values()],
  };
}

// ---------- compilation ----------

const GAP_MAX = 6;
/** Shared by every form the lexicon does not know. Not frozen: a frozen array has another hidden class
 *  than the lemma lists, which would make every read of a token's lemmas polymorphic. */
const NO_LEMMAS: readonly string[] = [];
const NO_ENTRIES: readonly CompiledEntry[] = [];
const NO_FORM: LexForm = { lemmas: NO_LEMMAS, entries: NO_ENTRIES, licenses: null };
const LONG_GAP_MAX = 12;

function compilePattern(src: string, withHole: boolean, addWord: (w: string) => void, where: string): CompiledPattern {
  const items: Item[] = [];
  let hole = -1;
  for (const raw of src.trim().toLowerCase().split(/\s+/)) {
    if (raw === '*' || raw === '**') {
      items.push({ gap: true, max: raw === '*' ? GAP_MAX : LONG_GAP_MAX });
      continue;
    }
    if (raw === '_') {
      if (!withHole) fail('E021', where, '`_` is only allowed in negative contexts');
      hole = items.length;
      items.push({ gap: false, lemmas: new Set(['_']), optional: false });
      continue;
    }
    const optional = raw.startsWith('?');
    const alts = (optional ? raw.slice(1) : raw).split('|').filter(Boolean);
    if (!alts.length) fail('E022', where, `empty word in pattern "${src}"`);
    alts.forEach(addWord);
    items.push({ gap: false, lemmas: new Set(alts), optional });
  }
  if (!items.length || items[0].gap || (items[0].optional && !withHole)) fail('E023', where, `pattern "${src}" must start with a word`);
  if (withHole && hole < 0) fail('E024', where, `negative context "${src}" needs a \`_\` for the trigger`);
  return { items, hole };
}

/** The entries whose first word is one of `lemmas`, most specific (most words) first. */
function entriesOf(byFirst: ReadonlyMap<string, readonly CompiledEntry[]>, lemmas: readonly string[]): readonly CompiledEntry[] {
  if (lemmas.length === 1) return byFirst.get(lemmas[0]) ?? NO_ENTRIES;
  const out: CompiledEntry[] = [];
  for (const l of lemmas) for (const e of byFirst.get(l) ?? []) if (!out.includes(e)) out.push(e);
  return out.length ? out.sort((a, b) => b.words - a.words) : NO_ENTRIES;
}

function compile(spec: LexiconSpec): EventLexicon {
  const words = new Set<string>();
  const addWord = (w: string) => words.add(w);
  const cameo = new Map<string, { goldstein: number; quad: number }>();
  for (const [c, v] of Object.entries(spec.cameo ?? {})) cameo.set(c, { goldstein: v.goldstein, quad: v.quad });

  const byFirst = new Map<string, CompiledEntry[]>();
  let size = 0;
  for (const [i, e] of (spec.entries ?? []).entries()) {
    const where = `entries[${i}] ("${e.pattern}")`;
    const p = compilePattern(e.pattern, false, addWord, where);
    const wordIdx = p.items.map((it, k) => (it.gap ? -1 : k)).filter((k) => k >= 0);
    const head = wordIdx[e.head ?? 0];
    if (head === undefined) fail('E025', where, `head ${e.head} is out of range`);
    const code = e.cameo ?? null;
    const facts = code ? (cameo.get(code) ?? cameo.get(code.slice(0, 3)) ?? cameo.get(code.slice(0, 2))) : undefined;
    const entry: CompiledEntry = {
      id: entryId(e),
      pattern: e.pattern,
      pos: e.pos ?? 'any',
      type: (e.type as PloverType | null) ?? null,
      mode: e.mode ?? null,
      cameo: code,
      goldstein: facts ? facts.goldstein : null,
      quad: facts ? facts.quad : null,
      recipient: (e.frame?.recipient ?? []).map((r) => r.toLowerCase()),
      joint: e.frame?.joint ?? false,
      needsRecipient: e.frame?.needs === 'recipient',
      solo: e.frame?.solo ?? false,
      not: (e.not ?? []).map((n) => compilePattern(n, true, addWord, `${where} not`)),
      items: p.items,
      head,
      words: wordIdx.length,
      confidence: e.confidence ?? 1,
    };
    for (const first of (p.items[0] as { lemmas: ReadonlySet<string> }).lemmas) {
      const list = byFirst.get(first) ?? [];
      list.push(entry);
      byFirst.set(first, list);
    }
    size++;
  }
  // longest (most specific) first; stop patterns before event patterns of the same length
  for (const list of byFirst.values()) list.sort((a, b) => b.words - a.words || (a.type === null ? -1 : 0) - (b.type === null ? -1 : 0));

  const licensors = new Map<string, Set<string>>();
  for (const [verb, types] of Object.entries(spec.licensors ?? {})) {
    const lemma = verb.toLowerCase();
    addWord(lemma);
    licensors.set(lemma, new Set(types));
  }
  const adjuncts = (spec.adjuncts ?? []).map((a, i) => compilePattern(a, false, addWord, `adjuncts[${i}]`));
  const modifiers = (spec.modifiers ?? []).map((m, i) => ({
    pattern: compilePattern(m.pattern, false, addWord, `modifiers[${i}]`),
    type: m.type as PloverType,
    mode: m.mode,
    cameo: m.cameo ?? null,
  }));
  const set = (l?: string[]) => new Set((l ?? []).map((w) => w.toLowerCase()));
  const md = spec.modality ?? {};
  const modality: CompiledModality = {
    negation: set(md.negation),
    future: set(md.future),
    hypothetical: set(md.hypothetical),
    conditional: set(md.conditional),
    futureGovernors: set(md.futureGovernors),
    hypotheticalGovernors: set(md.hypotheticalGovernors),
    negativeGovernors: set(md.negativeGovernors),
    speech: set(md.speech),
    futureAdjectives: set(md.futureAdjectives),
  };
  for (const s of Object.values(modality)) for (const w of s as Set<string>) words.add(w);
  const objectControl = set(spec.objectControl);
  const occurrence = set(spec.occurrence);
  const topicVerbs = set(spec.topicVerbs);
  for (const w of [...objectControl, ...occurrence, ...topicVerbs]) words.add(w);

  // form → lemmas, from every word the lexicon mentions: derived lemmas first, then the form itself
  const irregular = new Map<string, string[]>();
  for (const [w, f] of Object.entries(spec.irregular ?? {})) irregular.set(w.toLowerCase(), f.map((x) => x.toLowerCase()));
  const formToLemmas = new Map<string, string[]>();
  for (const w of words)
    for (const f of inflections(w, irregular.get(w))) {
      if (f === w) continue;
      const l = formToLemmas.get(f) ?? [];
      if (!l.includes(w)) l.push(w);
      formToLemmas.set(f, l);
    }
  for (const w of words) formToLemmas.set(w, [...(formToLemmas.get(w) ?? []), w]);
  const forms = new Map<string, LexForm>();
  const licensing = (lemmas: readonly string[]) => {
    for (const l of lemmas) {
      const types = licensors.get(l);
      if (types) return types;
    }
    return null;
  };
  for (const [f, lemmas] of formToLemmas) forms.set(f, { lemmas, entries: entriesOf(byFirst, lemmas), licenses: licensing(lemmas) });
  // the ASCII characters forms start with: a token starting with any other ASCII character (a
  // punctuation mark, a digit) is no form, and needs no look-up
  const asciiStarts = new Uint8Array(128);
  for (const f of formToLemmas.keys()) if (f.charCodeAt(0) < 128) asciiStarts[f.charCodeAt(0)] = 1;
  const mayBeForm = (lower: string) => {
    const c = lower.charCodeAt(0);
    return !(c < 128) || asciiStarts[c] === 1; // an empty string (NaN) is looked up too
  };

  return {
    spec,
    byFirst,
    licensors,
    adjuncts,
    modifiers,
    modality,
    objectControl,
    occurrence,
    requiresRecipient: new Set(spec.requiresRecipient ?? []),
    topicVerbs,
    addressed: new Set(spec.addressed ?? []),
    conditionalThreats: new Map(Object.entries(spec.conditionalThreats ?? {})),
    cameo,
    lemmas: (lower: string) => (mayBeForm(lower) ? (forms.get(lower) ?? NO_FORM) : NO_FORM).lemmas,
    form: (lower: string) => (mayBeForm(lower) ? (forms.get(lower) ?? NO_FORM) : NO_FORM),
    size,
  };
}

/**
 * Validates and compiles a lexicon. With `base`, the JSON is a user file merged over that lexicon.
 * Throws a LexiconError (code E0xx, the place and the valid options) on a malformed file.
 */
export function loadLexicon(json: unknown, base?: EventLexicon): EventLexicon {
  const spec = validate(json);
  return compile(base ? mergeSpecs(base.spec, spec) : spec);
}
