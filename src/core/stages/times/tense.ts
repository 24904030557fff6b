/**
 * The tense a temporal expression is told in, from the verb group it most likely attaches to: the nearest
 * verb group to its left in the same sentence ("agreed here on Thursday to expand" → "agreed"), else the
 * nearest to its right ("On Friday, Intel began ..."). wink-nlp's universal tags carry no tense, so the
 * word forms decide: will/shall/'ll and modals look forward, past forms and the perfect look back
 * ("may have been" too), and an infinitive looks forward only when its governor plans or expects
 * ("plans to meet Monday", "is scheduled to close Monday"), else it shares its governor's tense
 * ("shed 47 points to close at 2082" is past).
 */
import type { Doc, Token } from '../../nlp.js';

export type Tense = 'past' | 'present' | 'future' | 'none';

const FUTURE = new Set(['will', 'shall', "'ll", 'wo', 'would', 'gonna']);
const MODALS = new Set(['may', 'might', 'must', 'should', 'can', 'could', 'ought']);
const PAST_AUX = new Set(['was', 'were', 'had', 'did', 'wasn', 'weren', 'hadn', 'didn']);
const PERFECT = new Set(['has', 'have', "'ve", 'hasn', 'haven']);
const PRESENT_AUX = new Set(['is', 'are', 'am', "'re", "'m", "'s", 'does', 'do', 'isn', 'aren', 'doesn', 'don']);
const IRREGULAR_PAST = new Set(
  ('said told met went came left took gave made held began became brought bought sold sent spent saw found fell ' +
    'rose won lost paid led fled fought thought knew grew drew threw flew wrote spoke broke chose struck stood ' +
    'understood kept felt heard meant built lent shot got forgot ran sat ate drove rode rang sang sank swore wore ' +
    'tore bore withdrew overthrew arose awoke forgave froze hid shook stole swam undertook overtook mistook ' +
    'oversaw upheld withheld sought taught caught dealt slid sped swept wept woke overcame forbade underwent ' +
    'overran dug hung slew spun stuck stung strove sprang shrank').split(' '),
);
/** Words in -ed that are present forms. */
const EED_PRESENT = new Set(['need', 'proceed', 'succeed', 'exceed', 'feed', 'bleed', 'speed', 'breed', 'heed', 'seed', 'embed', 'wed', 'bed']);
/** Governors after which an infinitive is a plan, an expectation or an obligation: "plans to", "likely to". */
const FUTURE_GOVERNORS = new Set(
  ('plan expect schedule set due intend aim hope want agree decide promise pledge vow threaten prepare seek sought ' +
    'propose likely unlikely poised ready going about slated tipped wish like need ask urge invite offer order ' +
    'is are am be was were has have had commit resolve vote elect choose chose designate appoint call ' +
    'determined eager willing able unable supposed bound scheduled expected planned').split(' '),
);

/** Nouns whose infinitive is planned: "an agreement to acquire", "a plan to meet". */
const PLAN_NOUNS = new Set(
  ('plan proposal agreement accord deal decision deadline bid offer effort move attempt intention promise pledge ' +
    'commitment invitation request call order pact schedule talk vote motion resolution chance opportunity right ' +
    'option bill program programme initiative mission trip visit campaign readiness willingness ability').split(' '),
);

function isPastForm(w: string): boolean {
  if (IRREGULAR_PAST.has(w)) return true;
  return w.length > 3 && w.endsWith('ed') && !EED_PRESENT.has(w);
}

function stem(w: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's', 'd']) {
    if (w.length > suffix.length + 2 && w.endsWith(suffix)) {
      const base = w.slice(0, -suffix.length);
      if (FUTURE_GOVERNORS.has(base)) return base;
      if (FUTURE_GOVERNORS.has(base + 'e')) return base + 'e';
      if (base.length > 2 && base.at(-1) === base.at(-2) && FUTURE_GOVERNORS.has(base.slice(0, -1))) return base.slice(0, -1);
    }
  }
  return w;
}

const isVerbal = (t: Token) => t.pos === 'VERB' || t.pos === 'AUX';
const normal = (t: Token) => t.lower.replace(/’/g, "'");

interface Group {
  first: number; // token index of the first word
  last: number; // token index of the last word (inclusive)
  infinitive: boolean;
}

/** Verb groups of a sentence, left to right: "will also meet", "had been allowed", "to carry". */
function groupsOf(tokens: Token[], first: number, last: number): Group[] {
  const groups: Group[] = [];
  let i = first;
  while (i < last) {
    const t = tokens[i];
    const inf = t.lower === 'to' && t.pos === 'PART' && !prepositionalTo(tokens, i, first);
    if ((!isVerbal(t) && !inf) || (t.lower === 'to' && !inf) || adjectivalParticiple(tokens, i, first, last)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < last) {
      const u = tokens[j];
      if (isVerbal(u)) j++;
      else if ((u.pos === 'ADV' || (u.pos === 'PART' && u.lower !== 'to')) && j + 1 < last && isVerbal(tokens[j + 1])) j++;
      else break;
    }
    if (inf && j === i + 1) {
      i++;
      continue;
    }
    groups.push({ first: i, last: j - 1, infinitive: inf });
    i = j;
  }
  return groups;
}

/** "due to", "according to", "prior to": a preposition, whatever the tagger says of the next word. */
const TO_PREPOSITIONS = new Set('according owing thanks prior next close similar compared addition contrary opposed regard respect relative subject due up'.split(' '));
const BE = new Set(['is', 'are', 'was', 'were', 'be', 'been', "'s", "'re"]);

function prepositionalTo(tokens: Token[], i: number, first: number): boolean {
  const prev = i - 1 >= first ? normal(tokens[i - 1]) : '';
  if (!TO_PREPOSITIONS.has(prev)) return false;
  // "is due to meet" is a schedule
  return !(prev === 'due' && i - 2 >= first && BE.has(normal(tokens[i - 2])));
}

/** "its planned sanctions", "the proposed merger": a participle used as an adjective is no verb group. */
function adjectivalParticiple(tokens: Token[], i: number, first: number, last: number): boolean {
  const t = tokens[i];
  if (t.pos !== 'VERB' || i - 1 < first) return false;
  const prev = tokens[i - 1];
  const determiner = prev.pos === 'DET' || /^(its|their|his|her|our|my|your)$/.test(prev.lower);
  const nextVerbal = i + 1 < last && isVerbal(tokens[i + 1]);
  return determiner && !nextVerbal;
}

function finiteTense(tokens: Token[], g: Group): Tense {
  const words = tokens.slice(g.first, g.last + 1).map(normal);
  if (words.some((w) => MODALS.has(w) || FUTURE.has(w))) {
    // "may have been responsible", "would have met": a modal perfect looks back
    return words.includes('have') || words.includes("'ve") ? 'past' : 'future';
  }
  const lead = words.find((w) => w !== 'not' && w !== "n't" && w !== 'also' && w !== 'still') ?? words[0];
  if (PAST_AUX.has(lead)) return 'past';
  if (PERFECT.has(lead)) return words.length > 1 ? 'past' : 'present';
  if (PRESENT_AUX.has(lead)) return 'present'; // "is meeting Monday" is a plan: present weekdays look forward
  if (isPastForm(lead)) return 'past';
  if (lead.endsWith('ing')) return 'none'; // a bare participle ("withdrawing") says nothing
  if (tokens[g.last].pos === 'AUX') return 'none';
  return 'present';
}

function groupTense(tokens: Token[], groups: Group[], k: number): Tense {
  const g = groups[k];
  if (!g.infinitive) return finiteTense(tokens, g);
  // the governor: the word before "to", skipping adverbs ("likely also to") and an object ("asked Iran to")
  let i = g.first - 1;
  while (i >= 0 && tokens[i].pos === 'ADV' && i > g.first - 3) i--;
  // a noun's infinitive is a plan when passive or when the noun names one: "guidelines to be published",
  // "an agreement to acquire"; "shed 47 points to close at 2082" is a result, told in its clause's tense
  if (i >= 0 && tokens[i].pos === 'NOUN') {
    if (normal(tokens[g.first + 1] ?? tokens[g.first]) === 'be' || PLAN_NOUNS.has(stem(normal(tokens[i])).replace(/s$/, ''))) return 'future';
  }
  for (let k = i; k >= 0 && k > g.first - 6 && /^(PRON|PROPN|DET|ADP)$/.test(tokens[k].pos); k--) {
    if (k - 1 >= 0 && (isVerbal(tokens[k - 1]) || tokens[k - 1].pos === 'ADJ')) {
      i = k - 1;
      break;
    }
  }
  const gov = i >= 0 ? normal(tokens[i]) : '';
  if (FUTURE_GOVERNORS.has(gov) || FUTURE_GOVERNORS.has(stem(gov))) {
    // "decided to amend the rules in February": planned at some past time, so ahead of that time only;
    // "is expected to", "plans to", "likely to" look ahead from now
    const pastGovernor = tokens[i].pos === 'VERB' && isPastForm(gov) && !(i - 1 >= 0 && PRESENT_AUX.has(normal(tokens[i - 1])));
    return pastGovernor ? 'present' : 'future';
  }
  // otherwise the tense of the governing clause
  for (let j = k - 1; j >= 0; j--) {
    const t = groupTense(tokens, groups, j);
    if (t !== 'none') return t;
  }
  return 'none';
}

/**
 * Tense for the span [start, end) of doc.text: the nearest verb group on its left within the sentence,
 * else the nearest on its right; 'none' when the sentence has no verb (headlines, datelines).
 */
export function tenseAt(doc: Doc, sentence: number, start: number, end: number): Tense {
  const s = doc.sentences[sentence];
  if (!s) return 'none';
  const toks = doc.tokens;
  const groups = groupsOf(toks, s.first, s.last);
  for (let k = groups.length - 1; k >= 0; k--) {
    if (toks[groups[k].last].end > start) continue;
    const t = groupTense(toks, groups, k);
    if (t !== 'none') return t;
  }
  for (let k = 0; k < groups.length; k++) {
    if (toks[groups[k].first].start < end) continue;
    const t = groupTense(toks, groups, k);
    if (t !== 'none') return t;
  }
  return 'none';
}
