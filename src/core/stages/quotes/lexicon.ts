/**
 * Word lists of the quote stage: speech cues and the small closed classes the rules read.
 * Plain data, typed; a candidate for data/lexicons/quotes.json once the lexicon loader exists.
 */

/**
 * How a cue takes its content.
 * - `say`: a content clause follows with or without "that" ("said the talks were useful").
 * - `tell`: like `say`, after an addressee ("told reporters the talks were useful").
 * - `direct`: only attributes a quote next to it ("\"...?\" he asked", "she continued: \"...\""), never
 *   introduces reported content of its own ("continued to fight", "asked him to leave").
 * - `that`: takes noun phrases too ("stressed the importance of X"), so the content must be a clause:
 *   "that ..." or a subject followed by a finite verb ("stressed China is ready").
 */
export type CueClass = 'say' | 'tell' | 'that' | 'direct';

interface CueEntry {
  lemma: string;
  cls: CueClass;
  /** Irregular or doubled forms: [3rd person, past, -ing, past participle]. */
  forms?: [string, string, string, string];
  /** A particle that must follow ("point out"). */
  particle?: string;
}

const ENTRIES: CueEntry[] = [
  { lemma: 'say', cls: 'say', forms: ['says', 'said', 'saying', 'said'] },
  { lemma: 'tell', cls: 'tell', forms: ['tells', 'told', 'telling', 'told'] },
  { lemma: 'add', cls: 'that' },
  { lemma: 'claim', cls: 'that' },
  { lemma: 'insist', cls: 'say' },
  { lemma: 'argue', cls: 'say' },
  { lemma: 'contend', cls: 'say' },
  { lemma: 'assert', cls: 'say' },
  { lemma: 'declare', cls: 'that' },
  { lemma: 'predict', cls: 'that' },
  { lemma: 'reply', cls: 'say' },
  { lemma: 'retort', cls: 'say' },
  { lemma: 'explain', cls: 'that' },
  { lemma: 'write', cls: 'that', forms: ['writes', 'wrote', 'writing', 'written'] },
  { lemma: 'tweet', cls: 'that' },
  { lemma: 'testify', cls: 'say' },
  { lemma: 'allege', cls: 'say' },
  { lemma: 'quip', cls: 'say', forms: ['quips', 'quipped', 'quipping', 'quipped'] },
  { lemma: 'joke', cls: 'say' },
  { lemma: 'boast', cls: 'say' },
  { lemma: 'counter', cls: 'that' },
  { lemma: 'concede', cls: 'that' },
  { lemma: 'warn', cls: 'say' },
  { lemma: 'caution', cls: 'say' },
  { lemma: 'maintain', cls: 'that' },
  { lemma: 'note', cls: 'that' },
  { lemma: 'stress', cls: 'that' },
  { lemma: 'emphasize', cls: 'that' },
  { lemma: 'emphasise', cls: 'that' },
  { lemma: 'underline', cls: 'that' },
  { lemma: 'underscore', cls: 'that' },
  { lemma: 'reiterate', cls: 'that' },
  { lemma: 'reaffirm', cls: 'that' },
  { lemma: 'announce', cls: 'that' },
  { lemma: 'report', cls: 'that' },
  { lemma: 'reveal', cls: 'that' },
  { lemma: 'confirm', cls: 'that' },
  { lemma: 'deny', cls: 'that' },
  { lemma: 'state', cls: 'that' },
  { lemma: 'suggest', cls: 'that' },
  { lemma: 'indicate', cls: 'that' },
  { lemma: 'observe', cls: 'that' },
  { lemma: 'remark', cls: 'that' },
  { lemma: 'point', cls: 'that', particle: 'out' },
  { lemma: 'mention', cls: 'that' },
  { lemma: 'disclose', cls: 'that' },
  { lemma: 'acknowledge', cls: 'that' },
  { lemma: 'admit', cls: 'that', forms: ['admits', 'admitted', 'admitting', 'admitted'] },
  { lemma: 'recall', cls: 'that' },
  { lemma: 'complain', cls: 'that' },
  { lemma: 'believe', cls: 'that' },
  { lemma: 'think', cls: 'that', forms: ['thinks', 'thought', 'thinking', 'thought'] },
  { lemma: 'fear', cls: 'that' },
  { lemma: 'worry', cls: 'that' },
  { lemma: 'estimate', cls: 'that' },
  { lemma: 'find', cls: 'that', forms: ['finds', 'found', 'finding', 'found'] },
  { lemma: 'show', cls: 'that', forms: ['shows', 'showed', 'showing', 'shown'] },
  { lemma: 'conclude', cls: 'that' },
  { lemma: 'assure', cls: 'that' },
  { lemma: 'remind', cls: 'that' },
  { lemma: 'inform', cls: 'that' },
  { lemma: 'charge', cls: 'that' },
  { lemma: 'vow', cls: 'that' },
  { lemma: 'hint', cls: 'that' },
  { lemma: 'speculate', cls: 'that' },
  { lemma: 'reckon', cls: 'that' },
  { lemma: 'hope', cls: 'that' },
  { lemma: 'expect', cls: 'that' },
  { lemma: 'feel', cls: 'that', forms: ['feels', 'felt', 'feeling', 'felt'] },
  { lemma: 'recognize', cls: 'that' },
  { lemma: 'recognise', cls: 'that' },
  { lemma: 'learn', cls: 'that' },
  { lemma: 'calculate', cls: 'that' },
  { lemma: 'forecast', cls: 'that', forms: ['forecasts', 'forecast', 'forecasting', 'forecast'] },
  { lemma: 'project', cls: 'that' },
  { lemma: 'determine', cls: 'that' },
  { lemma: 'rule', cls: 'that' },
  { lemma: 'doubt', cls: 'that' },
  { lemma: 'guess', cls: 'that' },
  { lemma: 'imagine', cls: 'that' },
  { lemma: 'assume', cls: 'that' },
  { lemma: 'continue', cls: 'direct' },
  { lemma: 'ask', cls: 'direct' },
  { lemma: 'comment', cls: 'direct' },
  { lemma: 'read', cls: 'direct', forms: ['reads', 'read', 'reading', 'read'] },
  { lemma: 'chant', cls: 'direct' },
  { lemma: 'shout', cls: 'direct' },
  { lemma: 'yell', cls: 'direct' },
  { lemma: 'exclaim', cls: 'direct' },
  { lemma: 'whisper', cls: 'direct' },
  { lemma: 'sing', cls: 'direct', forms: ['sings', 'sang', 'singing', 'sung'] },
  { lemma: 'scold', cls: 'direct' },
  { lemma: 'echo', cls: 'direct', forms: ['echoes', 'echoed', 'echoing', 'echoed'] },
  { lemma: 'answer', cls: 'direct' },
  { lemma: 'respond', cls: 'direct' },
  { lemma: 'interject', cls: 'direct' },
  { lemma: 'muse', cls: 'direct' },
  { lemma: 'recount', cls: 'direct' },
  { lemma: 'post', cls: 'direct' },
  { lemma: 'begin', cls: 'direct', forms: ['begins', 'began', 'beginning', 'begun'] },
  { lemma: 'signal', cls: 'that', forms: ['signals', 'signaled', 'signaling', 'signaled'] },
];

function inflect(lemma: string): [string, string, string, string] {
  let s: string;
  if (/(s|sh|ch|x|z)$/.test(lemma)) s = lemma + 'es';
  else if (/[^aeiou]y$/.test(lemma)) s = lemma.slice(0, -1) + 'ies';
  else s = lemma + 's';
  let ed: string;
  if (lemma.endsWith('e')) ed = lemma + 'd';
  else if (/[^aeiou]y$/.test(lemma)) ed = lemma.slice(0, -1) + 'ied';
  else ed = lemma + 'ed';
  let ing: string;
  if (lemma.endsWith('ee')) ing = lemma + 'ing';
  else if (lemma.endsWith('e')) ing = lemma.slice(0, -1) + 'ing';
  else ing = lemma + 'ing';
  return [s, ed, ing, ed];
}

export interface CueForm {
  lemma: string;
  cls: CueClass;
  particle?: string;
  /** 'base' | 's' | 'past' | 'ing' */
  form: 'base' | 's' | 'past' | 'ing';
}

/** Every inflected form → its entry. */
export const CUE_FORMS: Map<string, CueForm> = (() => {
  const m = new Map<string, CueForm>();
  for (const e of ENTRIES) {
    const [s, past, ing, pp] = e.forms ?? inflect(e.lemma);
    const add = (w: string, form: CueForm['form']) => {
      if (!m.has(w)) m.set(w, { lemma: e.lemma, cls: e.cls, particle: e.particle, form });
    };
    add(e.lemma, 'base');
    add(s, 's');
    add(past, 'past');
    add(pp, 'past');
    add(ing, 'ing');
  }
  return m;
})();

/** "expressed (his) hope that ...", "voiced confidence that ...". */
export const EXPRESS_FORMS = new Set(['express', 'expresses', 'expressed', 'expressing', 'voice', 'voices', 'voiced', 'voicing']);
/** "called the anniversary a milestone", "described it as ...". */
export const CALLED_FORMS = new Set(['called', 'calls', 'call', 'calling', 'described', 'describes', 'describing']);

/**
 * The words an indirect quote can open with (the only tokens findIndirect looks at closely), each with
 * its cue entry, or null for a reporting word that is no cue ("according", "expressed", "called").
 * Looked up once per token when the context is built.
 */
export const REPORTING_WORDS: Map<string, CueForm | null> = (() => {
  const m = new Map<string, CueForm | null>(CUE_FORMS);
  for (const w of ['according', ...EXPRESS_FORMS, ...CALLED_FORMS]) if (!m.has(w)) m.set(w, null);
  return m;
})();

/** Verbs that lead a participial attribution after the main clause (", adding that ..."). */
export const PARTICIPIAL_OK = new Set(['add', 'say', 'note', 'stress', 'emphasize', 'emphasise', 'insist', 'argue', 'claim', 'warn', 'explain', 'point', 'tell', 'predict', 'underline', 'underscore', 'reiterate', 'observe', 'state', 'assert', 'declare', 'write', 'tweet', 'complain', 'suggest', 'acknowledge', 'admit', 'recall', 'charge', 'allege', 'contend', 'mention', 'indicate', 'remark', 'maintain', 'caution', 'reply', 'counter', 'concede', 'vow']);

/** Words that may stand between a subject and its cue: "Wang also said", "he has repeatedly said". */
export const SUBJECT_GAP = new Set(['also', 'later', 'further', 'then', 'again', 'once', 'previously', 'earlier', 'recently', 'repeatedly', 'reportedly', 'publicly', 'privately', 'separately', 'subsequently', 'first', 'long', 'has', 'have', 'had', 'would', 'will', 'may', 'might', 'could', 'can', 'did', 'does', 'do', 'is', 'was', 'were', 'are', 'am', 'be', 'been', 'being', 'always', 'often', 'frequently', 'already', 'just', 'now', 'yet', 'still', 'even', 'too', 'himself', 'herself', 'themselves', 'itself', 'similarly', 'likewise', 'indeed']);

/** Negation before a cue: "did not say", "never said", "declined to say". */
export const NEGATORS = new Set(['not', "n't", 'n’t', 'never', 'neither', 'nor']);

/** Subject pronouns (a speaker on its own). */
export const SUBJECT_PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'who']);

/** Determiners and quantifiers that open a speaker noun phrase. */
export const NP_OPENERS = new Set(['the', 'a', 'an', 'another', 'some', 'several', 'many', 'most', 'few', 'both', 'all', 'two', 'three', 'four', 'five', 'other', 'one', 'his', 'her', 'its', 'their', 'our', 'my', 'your', 'this', 'these', 'those', 'each', 'any', 'no']);

/** Time words that may sit between a cue and its content ("said last week that", "said in a statement on Thursday"). */
export const TIME_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'weekend', 'day', 'days', 'weeks', 'months', 'years', 'ago', 'time', 'occasion']);

/** Addressees after "told" that are not themselves the content ("told reporters"). */
export const ADDRESSEE_NOUNS = new Set(['reporters', 'journalists', 'correspondents', 'lawmakers', 'legislators', 'senators', 'parliament', 'congress', 'delegates', 'supporters', 'audience', 'crowd', 'conference', 'briefing', 'committee', 'panel', 'hearing', 'interviewer', 'newspaper', 'paper', 'agency', 'television', 'radio', 'station', 'channel', 'magazine', 'daily', 'network', 'students', 'voters', 'viewers', 'listeners', 'colleagues', 'members', 'forum', 'gathering', 'meeting', 'summit', 'rally', 'session', 'assembly', 'reporter', 'journalist']);

/** Words opening an embedded question as content ("said what happened", "told him how"). */
export const WH_WORDS = new Set(['whether', 'if', 'what', 'how', 'why', 'when', 'where', 'who', 'which']);

/** Speech nouns: "in a statement", "in an interview" between the cue and the content. */
export const SPEECH_NOUNS = new Set(['statement', 'interview', 'speech', 'address', 'conference', 'briefing', 'letter', 'post', 'tweet', 'message', 'communique', 'communiqué', 'release', 'report', 'op-ed', 'editorial', 'column', 'email', 'e-mail', 'call', 'remarks', 'testimony', 'appearance', 'radio', 'television', 'broadcast', 'rally', 'debate', 'town', 'hall', 'event', 'meeting', 'session', 'stop', 'hearing', 'summit', 'forum', 'luncheon', 'dinner', 'gala', 'ceremony', 'visit', 'trip', 'tour', 'appearance', 'program', 'programme', 'show', 'podcast', 'convention', 'talks', 'round', 'discussion', 'exchange', 'post', 'video', 'op-ed', 'article', 'book', 'memo', 'filing', 'lawsuit', 'complaint', 'ruling', 'decision', 'opinion']);

/** Nouns for people speaking on someone else's behalf or about them: "Reagan's chief of staff", "his aides". */
export const HUMAN_ROLE_NOUNS = new Set(['aide', 'aides', 'adviser', 'advisers', 'advisor', 'advisors', 'spokesman', 'spokeswoman', 'spokesperson', 'spokesmen', 'lawyer', 'lawyers', 'attorney', 'attorneys', 'strategist', 'strategists', 'surrogate', 'surrogates', 'chief', 'staff', 'staffer', 'staffers', 'assistant', 'deputy', 'secretary', 'official', 'officials', 'friend', 'friends', 'wife', 'husband', 'son', 'daughter', 'brother', 'sister', 'father', 'mother', 'doctor', 'physician', 'narrator', 'biographer', 'ally', 'allies', 'supporter', 'supporters', 'critic', 'critics', 'rival', 'opponent', 'opponents', 'envoy', 'ambassador', 'representative', 'manager', 'director', 'counsel', 'negotiator', 'negotiators', 'partner', 'colleague', 'colleagues', 'successor', 'predecessor', 'niece', 'nephew', 'employee', 'employees', 'source', 'sources']);
