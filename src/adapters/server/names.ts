/** Display names for participant codes: the KB's state and organisation names, else what articles say. */
import type { KnowledgeBase } from '../../knowledge/types.js';

export type ActorKind = 'state' | 'organization' | 'other';

export interface Names {
  name(code: string): string | null;
  kind(code: string): ActorKind;
}

export function namesFromKb(kb: Pick<KnowledgeBase, 'states' | 'organizations'>): Names {
  const states = new Map(kb.states.map((s) => [s.code, s.name]));
  const orgs = new Map(kb.organizations.map((o) => [o.code, o.name]));
  return {
    name: (c) => states.get(c) ?? orgs.get(c) ?? null,
    kind: (c) => (states.has(c) ? 'state' : orgs.has(c) ? 'organization' : 'other'),
  };
}

export const NO_NAMES: Names = { name: () => null, kind: () => 'other' };

/** The name to show for a code: the KB's, else the most frequent name the events give it, else the code. */
export function displayName(names: Names, code: string, seen?: Map<string, number>): string {
  const kb = names.name(code);
  if (kb) return kb;
  if (seen?.size) return [...seen].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0];
  return code;
}
