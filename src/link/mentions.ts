/**
 * From one article's result to the records the corpus works with: event mentions with their
 * participants as codes, and commitments with their parties as codes. Pure.
 *
 * A participant's code is its actor's `code`; a group ("the two sides") stands for its members' codes;
 * an actor with no code is its upper-cased name (the scorer's convention in OUTPUT-SCHEMA.md).
 */
import type { Actor, ArticleResult, Event, EventLocation, Modality } from '../core/types.js';

export interface Participant {
  code: string;
  /** The names the article gives this participant ("Wang Yi", "China"). */
  names: string[];
}

export interface EventMention {
  articleId: string;
  /** The event's id inside its article ("E3"). */
  eventId: string;
  /** Publication date of the article. */
  articleDate: string | null;
  source: string | null;
  type: string;
  mode: string | null;
  cameo: string | null;
  goldstein: number | null;
  quad: number | null;
  modality: Modality;
  /** Codes, sorted, without repeats. */
  actors: string[];
  recipients: string[];
  names: Record<string, string[]>;
  date: string | null;
  dateText: string | null;
  location: EventLocation | null;
  /** 'title' when the headline reports the event: trigger and sentence offsets are then into the title, not the text. */
  field?: 'title';
  trigger: { start: number; end: number; text: string };
  sentence: { start: number; end: number };
  /** The trigger lies in the article's lead (see `leadEnd`). */
  inLead: boolean;
  confidence: number;
  tone: number | null;
}

export interface CommitmentRecord {
  articleId: string;
  commitmentId: string;
  articleDate: string | null;
  parties: string[];
  action: string;
  due: string | null;
  dueText: string | null;
  /** The article's own event for this commitment ("E4"), with its type and modality. */
  eventId: string | null;
  eventType: string | null;
  eventModality: Modality | null;
  /** The codes of that event's actors and recipients (the counterpart a promise is made to). */
  eventParticipants: string[];
  start: number;
  end: number;
}

/** Codes an actor stands for: its code, its members' codes for a group, else its upper-cased name. */
export function actorCodes(actor: Actor | undefined, byId: Map<string, Actor>, seen = new Set<string>()): string[] {
  if (!actor || seen.has(actor.id)) return [];
  seen.add(actor.id);
  if (actor.code) return [actor.code];
  if (actor.type === 'group' && actor.members?.length) {
    const codes = actor.members.flatMap((m) => actorCodes(byId.get(m), byId, seen));
    if (codes.length) return codes;
  }
  const name = actor.name.trim().toUpperCase();
  return name ? [name] : [];
}

function namesFor(actor: Actor | undefined, byId: Map<string, Actor>): Array<[string, string]> {
  if (!actor) return [];
  if (actor.type === 'group' && !actor.code && actor.members?.length) return actor.members.flatMap((m) => namesFor(byId.get(m), byId));
  return actorCodes(actor, byId).map((c) => [c, actor.name] as [string, string]);
}

const uniqSorted = (xs: string[]) => [...new Set(xs)].sort();

/**
 * The end of the lead: the first paragraph (text up to a blank line) that holds at least 80
 * characters, so that bylines and header lines before it do not count as the lead; capped at 1,000
 * characters (a text with no blank lines has its first 1,000 characters as lead).
 */
export function leadEnd(text: string): number {
  let at = 0;
  while (at < text.length) {
    const br = text.indexOf('\n\n', at);
    const end = br < 0 ? text.length : br;
    if (text.slice(at, end).trim().length >= 80) return Math.min(end, 1000);
    if (br < 0) break;
    at = br + 2;
  }
  return Math.min(text.length, 1000);
}

export function eventMentions(r: ArticleResult, source: string | null = null): EventMention[] {
  const byId = new Map(r.actors.map((a) => [a.id, a]));
  const lead = leadEnd(r.article.text);
  return (r.events ?? []).map((e: Event) => {
    const names: Record<string, string[]> = {};
    for (const id of [...(e.actors ?? []), ...(e.recipients ?? [])]) {
      for (const [c, n] of namesFor(byId.get(id), byId)) {
        const list = (names[c] ??= []);
        if (!list.includes(n)) list.push(n);
      }
    }
    const actors = uniqSorted((e.actors ?? []).flatMap((id) => actorCodes(byId.get(id), byId)));
    const recipients = uniqSorted((e.recipients ?? []).flatMap((id) => actorCodes(byId.get(id), byId))).filter((c) => !actors.includes(c));
    return {
      articleId: r.article.id,
      eventId: e.id,
      articleDate: r.article.date,
      source,
      type: e.type,
      mode: e.mode ?? null,
      cameo: e.cameo ?? null,
      goldstein: e.goldstein ?? null,
      quad: e.quad ?? null,
      modality: e.modality ?? 'asserted',
      actors,
      recipients,
      names,
      date: e.date ?? null,
      dateText: e.dateText ?? null,
      location: e.location ?? null,
      ...(e.field === 'title' ? { field: 'title' as const } : {}),
      trigger: e.trigger,
      sentence: e.sentence ?? { start: e.trigger.start, end: e.trigger.end },
      inLead: e.trigger.start < lead,
      confidence: e.confidence ?? 1,
      tone: r.tone ?? null,
    };
  });
}

export function commitmentRecords(r: ArticleResult): CommitmentRecord[] {
  const byId = new Map(r.actors.map((a) => [a.id, a]));
  const events = new Map((r.events ?? []).map((e) => [e.id, e]));
  return (r.commitments ?? []).map((c) => {
    const ev = c.event ? events.get(c.event) : undefined;
    return {
      articleId: r.article.id,
      commitmentId: c.id,
      articleDate: r.article.date,
      parties: uniqSorted((c.parties ?? []).flatMap((id) => actorCodes(byId.get(id), byId))),
      action: c.action,
      due: c.due ?? null,
      dueText: c.dueText ?? null,
      eventId: ev ? ev.id : null,
      eventType: ev ? ev.type : null,
      eventModality: ev ? ev.modality : null,
      eventParticipants: ev ? uniqSorted([...ev.actors, ...ev.recipients].flatMap((id) => actorCodes(byId.get(id), byId))) : [],
      start: c.start,
      end: c.end,
    };
  });
}
