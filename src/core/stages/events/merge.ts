/**
 * One event per occurrence: drafts of the same type and parties (by code), compatible modality and
 * date, are one event with several evidence spans (the headline's call and the body's call).
 * Different occasions between the same parties (another date, another modality) stay apart. The
 * merged event's direction is its best directed telling's; its trigger is the body's best telling.
 */
import type { Draft } from './draft.js';

export function merge(drafts: Draft[], codeOfId: (id: string) => string): Draft[] {
  const groups: Draft[][] = [];
  /** Per group, the key of its first draft. */
  const keys: string[] = [];
  for (const d of drafts) {
    const key = d.type + '|' + d.codes.join(',');
    const g = groups.find(
      (x, k) =>
        keys[k] === key &&
        x.some((y) => y.modality === d.modality || d.field === 'title' || y.field === 'title') &&
        x.every((y) => !y.date || !d.date || y.date === d.date),
    );
    if (g) g.push(d);
    else {
      groups.push([d]);
      keys.push(key);
    }
  }
  const best = (list: Draft[]) => list.reduce((a, b) => (b.confidence > a.confidence ? b : a));
  return groups.map((members) => {
    const texts = members.filter((m) => m.field === 'text');
    const primary = best(texts.length ? texts : members);
    const directed = members.filter((m) => m.recipients.length);
    const donor = directed.length ? best(directed) : primary;
    const actorCodes = new Set(donor.actors.map(codeOfId));
    const recCodes = new Set(donor.recipients.map(codeOfId));
    const actors: string[] = [];
    const recipients: string[] = [];
    for (const m of members)
      for (const [id, wasActor] of [...m.actors.map((x) => [x, true] as const), ...m.recipients.map((x) => [x, false] as const)]) {
        if (actors.includes(id) || recipients.includes(id)) continue;
        const k = codeOfId(id);
        const toRecipient = recCodes.has(k) !== actorCodes.has(k) ? recCodes.has(k) : !wasActor;
        (toRecipient ? recipients : actors).push(id);
      }
    // the primary telling counts fully, each other telling adds half its confidence
    const doubt = members.reduce((p, m) => p * (1 - (m === primary ? m.confidence : m.confidence * 0.5)), 1);
    const dated = members.find((m) => m.date) ?? primary;
    return {
      ...primary,
      modality: primary.field === 'title' ? (texts[0]?.modality ?? primary.modality) : primary.modality,
      actors,
      recipients,
      date: dated.date,
      dateText: dated.dateText,
      confidence: Math.round(Math.min(0.99, 1 - doubt) * 100) / 100,
      evidence: members.flatMap((m) => m.evidence),
    };
  });
}
