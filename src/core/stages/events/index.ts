/**
 * The event stage: article + tokens + actors → PLOVER events, each with its nearest CAMEO code, the
 * Goldstein score and quad class of that code (GDELT's lookup tables, carried in the lexicon), its
 * trigger, sentence, evidence and confidence, and the rule that coded it.
 *
 * One visible order of work, for the body and, separately, for the title (title.ts):
 *   1. find the lexicon's triggers (match.ts);
 *   2. code each trigger with the first of RULES that accepts it (rules/, one rule per file);
 *   3. CANDIDATE_PASSES: drop what is not an event of its own (content of another event, topics of a
 *      discussion, noun modifiers), fill parties in from the discourse (unresolved "they", the meeting
 *      a readout reports, an agentless passive);
 *   4. keep what is an event (EVENT CONDITIONS below), with modality, date and place;
 *   5. DRAFT_PASSES: conditional threats, mode modifiers, dates of occasions, one CONSULT per stop;
 *   6. one event per occurrence (merge.ts): the headline's call and the body's call are one event
 *      with two evidence spans.
 * Pure: no disk, network or clock; the lexicon is loaded by the caller (loadLexicon).
 */
import type { Doc } from '../../nlp.js';
import type { Actor, Article, EventLocation, TimeExpression } from '../../types.js';
import { buildCtx, type Ctx } from './context.js';
import { codeOf, type CodedEvent, type Draft, type DraftPass } from './draft.js';
import type { EventLexicon, PloverType } from './lexicon.js';
import { findMatches } from './match.js';
import { merge } from './merge.js';
import { modalityOf } from './modality.js';
import type { Candidate, CandidatePass, Rule } from './rule.js';
import { activeVerb } from './rules/active-verb.js';
import { addressed } from './rules/addressed.js';
import { adjunctNoun } from './rules/adjunct-noun.js';
import { agentless } from './rules/agentless.js';
import { anaphor } from './rules/anaphor.js';
import { conditionalThreat } from './rules/conditional-threat.js';
import { content } from './rules/content.js';
import { licensedNoun } from './rules/licensed-noun.js';
import { modifiers } from './rules/modifiers.js';
import { nounModifier } from './rules/noun-modifier.js';
import { occasionDate } from './rules/occasion-date.js';
import { occasion } from './rules/occasion.js';
import { passiveVerb } from './rules/passive-verb.js';
import { subjectNoun } from './rules/subject-noun.js';
import { supportVerb } from './rules/support-verb.js';
import { topic } from './rules/topic.js';
import { tripStops } from './rules/trip-stops.js';
import { clauseRank, sentenceOf } from './syntax.js';
import { titleCtx } from './title.js';

export { loadLexicon, LexiconError, PLOVER_TYPES } from './lexicon.js';
export type { EventLexicon, LexiconSpec, EntrySpec, FrameSpec } from './lexicon.js';
export type { CodedEvent, Evidence } from './draft.js';

/** Coding a trigger: tried in this order, the first that accepts it wins. */
export const RULES: readonly Rule[] = [passiveVerb, activeVerb, licensedNoun, adjunctNoun, subjectNoun];
/** Over the coded triggers of a text, in this order. */
export const CANDIDATE_PASSES: readonly CandidatePass[] = [content, topic, nounModifier, supportVerb, anaphor, occasion, addressed, agentless];
/** Over the events kept, in this order. */
export const DRAFT_PASSES: readonly DraftPass[] = [conditionalThreat, modifiers, occasionDate, tripStops];

/** Sectors of one executive: its bodies are one party (a minister meeting an ambassador of the same
 *  state is not an event); any other sector (LEG, JUD, OPP, REB, CVL, ...) is a party of its own. */
const EXECUTIVE = new Set(['GOV', 'DIP', 'MIL', 'COP', 'SPY']);

export interface EventsInput {
  doc: Doc;
  article: Article;
  actors: Actor[];
  lexicon: EventLexicon;
  /** The times stage's expressions: the one in an event's sentence nearest its predicate dates it. */
  times?: TimeExpression[];
  /** PLOVER's convention instead of the annotation guide's: an event may have a single party unless
   *  its type requires a recipient (the lexicon's `requiresRecipient`). Default false: besides the
   *  entries marked `solo` (protests, resignations, troop movements), an event needs two parties. */
  oneSided?: boolean;
}

function datelinePlace(article: Article): EventLocation | null {
  const d = article.dateline?.trim();
  if (!d) return null;
  let name = d.split(',')[0].replace(/\s*[-–—]+\s*$/, '').trim();
  if (!name) return null;
  if (name === name.toUpperCase()) name = name.toLowerCase().replace(/\b\p{L}/gu, (x) => x.toUpperCase());
  return { name, code: null, lat: null, lon: null, geonameId: null };
}

/** The time expression governing a predicate: the nearest one in its sentence; without the times
 *  stage, "today" is the publication date; else null. A deadline ("within this year") dates what is
 *  due, not the act of agreeing to it, so it dates only a future event. */
function dateOf(c: Ctx, pred: number, times: readonly TimeExpression[] | undefined, future = false): { date: string | null; dateText: string | null } {
  const none = { date: null, dateText: null };
  if (c.field !== 'text') return none;
  const s = sentenceOf(c, pred);
  const at = c.toks[pred].start;
  if (times) {
    let best: TimeExpression | null = null;
    let dist = Infinity;
    for (const t of times) {
      if (t.start < s.start || t.end > s.end) continue;
      if (!future && (t as TimeExpression & { kind?: string }).kind === 'deadline') continue;
      const d = t.start >= at ? t.start - at : at - t.end;
      if (d < dist) [best, dist] = [t, d];
    }
    return best ? { date: best.value, dateText: best.text } : none;
  }
  for (let i = s.first; i < s.last; i++) if (c.toks[i].lower === 'today' && c.article.date) return { date: c.article.date, dateText: c.toks[i].text };
  return none;
}

function sameExecutive(c: Ctx, ids: readonly string[]): boolean {
  if (ids.length < 2) return false;
  if (new Set(ids.map((id) => codeOf(c.actors.get(id)))).size !== 1) return false;
  const sectors = new Set(
    ids.map((id) => {
      const s = c.actors.get(id)?.sector ?? null;
      return s && !EXECUTIVE.has(s) ? s : 'EXEC';
    }),
  );
  return sectors.size === 1;
}

/** EVENT CONDITIONS: a coded trigger is an event when someone acts, two parties take part (one for
 *  `solo` entries), a frame that needs a recipient found one, a political actor (one with a code)
 *  takes part — talks between two companies are not coded — and the parties are not one executive. */
function toDraft(c: Ctx, x: Candidate, times: readonly TimeExpression[] | undefined, oneSided: boolean): Draft | null {
  const e = x.match.entry;
  const type = e.type as PloverType;
  let all = [...x.actors, ...x.recipients];
  const mayStandAlone = e.solo || (oneSided && !c.lex.requiresRecipient.has(type));
  if (!x.actors.length && !oneSided) return null;
  if (all.length < 2 && !(mayStandAlone && all.length === 1)) return null;
  if (e.needsRecipient && !x.framed) return null;
  if (!all.some((id) => c.actors.get(id)?.code)) return null;
  if (sameExecutive(c, all)) {
    // under PLOVER's convention the action stands without its recipients
    if (!oneSided || !x.actors.length || c.lex.requiresRecipient.has(type)) return null;
    x.recipients = [];
    all = [...x.actors];
  }
  const s = sentenceOf(c, x.match.head);
  const from = x.rule.startsWith('licensed-noun') ? Math.min(x.predicate, x.match.first) : x.match.first;
  const trigger = { start: c.toks[from].start, end: c.toks[x.match.last].end, text: '' };
  trigger.text = c.text.slice(trigger.start, trigger.end);
  const sentence = { start: s.start, end: s.end };
  const modality = modalityOf(c, x.predicate);
  return {
    field: c.field,
    type,
    mode: e.mode,
    cameo: e.cameo,
    goldstein: e.goldstein,
    quad: e.quad,
    actors: x.actors,
    recipients: x.recipients,
    codes: [...new Set(all.map((id) => codeOf(c.actors.get(id))))].sort(),
    modality,
    ...dateOf(c, x.predicate, times, modality === 'future'),
    trigger,
    sentence,
    predicate: x.predicate,
    confidence: Math.round(x.confidence * clauseRank(c, x.predicate) * 100) / 100,
    rule: x.rule,
    evidence: [{ field: c.field, ...sentence, text: c.text.slice(s.start, s.end), trigger, rule: x.rule }],
  };
}

function draftsOf(c: Ctx, times: readonly TimeExpression[] | undefined, oneSided: boolean): Draft[] {
  const matches = findMatches(c);
  let cands: Candidate[] = [];
  for (const m of matches)
    for (const r of RULES) {
      const cand = r.apply(c, m);
      if (cand) {
        cands.push(cand);
        break;
      }
    }
  for (const p of CANDIDATE_PASSES) cands = p.run(c, cands, matches);
  let drafts: Draft[] = [];
  for (const x of cands) {
    const d = toDraft(c, x, times, oneSided);
    if (d) drafts.push(d);
  }
  for (const p of DRAFT_PASSES) drafts = p.run(c, drafts);
  for (const d of drafts) for (const ev of d.evidence) ev.rule = d.rule;
  return drafts;
}

/** Codes the events of one article. */
export function codeEvents(input: EventsInput): CodedEvent[] {
  const { doc, article, actors, lexicon, times, oneSided = false } = input;
  // every event needs a political actor (EVENT CONDITIONS): without one in the article there is none to find
  if (!actors.some((a) => a.code)) return [];
  const byId = new Map(actors.map((a) => [a.id, a]));
  const ctxs: Ctx[] = [buildCtx('text', article.text, doc, actors, byId, (a) => a.mentions, lexicon, article)];
  const title = titleCtx(article, actors, byId, lexicon);
  if (title) ctxs.push(title);
  const drafts = ctxs.flatMap((c) => draftsOf(c, times, oneSided));
  const place = datelinePlace(article);
  return merge(drafts, (id) => codeOf(byId.get(id))).map((d, i) => {
    const mode = d.type === 'CONSULT' && !d.mode && d.codes.length > 2 ? 'multilateral' : d.mode;
    const ev: CodedEvent = {
      id: `E${i + 1}`,
      type: d.type,
      mode,
      cameo: d.cameo,
      goldstein: d.goldstein,
      quad: d.quad,
      actors: d.actors,
      recipients: d.recipients,
      date: d.date,
      dateText: d.dateText,
      location: place && mode !== 'phone' ? { ...place } : null,
      modality: d.modality,
      trigger: d.trigger,
      sentence: d.sentence,
      confidence: d.confidence,
      rule: d.rule,
      evidence: d.evidence,
    };
    if (d.field === 'title') ev.field = 'title';
    return ev;
  });
}
