/** Actors, their network and places, counted over a list of linked events. Pure. */
import type { EventRow } from '../store/types.js';
import { displayName, type ActorKind, type Names } from './names.js';

export interface ActorStat {
  code: string;
  name: string;
  kind: ActorKind;
  events: number;
  asActor: number;
  asRecipient: number;
  goldsteinMean: number | null;
  first: string | null;
  last: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const participants = (e: EventRow) => [...new Set([...e.actors, ...e.recipients])];
const coop = (e: EventRow) => e.quad === 1 || e.quad === 2;
const conf = (e: EventRow) => e.quad === 3 || e.quad === 4;

export function actorStats(events: EventRow[], names: Names): ActorStat[] {
  const m = new Map<string, { n: number; a: number; r: number; g: number; gN: number; first: string | null; last: string | null; seen: Map<string, number> }>();
  for (const e of events) {
    for (const code of participants(e)) {
      let s = m.get(code);
      if (!s) m.set(code, (s = { n: 0, a: 0, r: 0, g: 0, gN: 0, first: null, last: null, seen: new Map() }));
      s.n++;
      if (e.actors.includes(code)) s.a++;
      if (e.recipients.includes(code)) s.r++;
      if (e.goldstein != null) {
        s.g += e.goldstein;
        s.gN++;
      }
      if (e.date) {
        if (!s.first || e.date < s.first) s.first = e.date;
        if (!s.last || e.date > s.last) s.last = e.date;
      }
      for (const n of e.names[code] ?? []) s.seen.set(n, (s.seen.get(n) ?? 0) + 1);
    }
  }
  return [...m]
    .map(([code, s]) => ({ code, name: displayName(names, code, s.seen), kind: names.kind(code), events: s.n, asActor: s.a, asRecipient: s.r, goldsteinMean: s.gN ? round2(s.g / s.gN) : null, first: s.first, last: s.last }))
    .sort((a, b) => b.events - a.events || a.code.localeCompare(b.code));
}

export interface Edge {
  a: string;
  b: string;
  events: number;
  cooperative: number;
  conflictual: number;
  goldsteinMean: number | null;
}

/** Who interacts with whom: every pair of participants of an event, undirected, weighted by events. */
export function network(events: EventRow[], names: Names, limit: number, minEvents: number): { nodes: Array<Pick<ActorStat, 'code' | 'name' | 'kind' | 'events'>>; edges: Edge[] } {
  const stats = actorStats(events, names).slice(0, limit);
  const keep = new Set(stats.map((s) => s.code));
  const edges = new Map<string, Edge & { g: number; gN: number }>();
  for (const e of events) {
    const ps = participants(e)
      .filter((c) => keep.has(c))
      .sort();
    for (let i = 0; i < ps.length; i++)
      for (let j = i + 1; j < ps.length; j++) {
        const key = `${ps[i]}\u0000${ps[j]}`;
        let x = edges.get(key);
        if (!x) edges.set(key, (x = { a: ps[i], b: ps[j], events: 0, cooperative: 0, conflictual: 0, goldsteinMean: null, g: 0, gN: 0 }));
        x.events++;
        if (coop(e)) x.cooperative++;
        if (conf(e)) x.conflictual++;
        if (e.goldstein != null) {
          x.g += e.goldstein;
          x.gN++;
        }
      }
  }
  return {
    nodes: stats.map(({ code, name, kind, events }) => ({ code, name, kind, events })),
    edges: [...edges.values()]
      .filter((x) => x.events >= minEvents)
      .map(({ g, gN, ...x }) => ({ ...x, goldsteinMean: gN ? round2(g / gN) : null }))
      .sort((x, y) => y.events - x.events || x.a.localeCompare(y.a) || x.b.localeCompare(y.b)),
  };
}

export interface PlaceStat {
  name: string;
  code: string | null;
  lat: number;
  lon: number;
  events: number;
  cooperative: number;
  conflictual: number;
  goldsteinMean: number | null;
  types: Record<string, number>;
}

export function places(events: EventRow[], limit: number): { places: PlaceStat[]; unplaced: number } {
  const m = new Map<string, PlaceStat & { g: number; gN: number }>();
  let unplaced = 0;
  for (const e of events) {
    const p = e.place;
    if (!p || p.lat == null || p.lon == null) {
      unplaced++;
      continue;
    }
    const key = `${p.name}\u0000${p.code ?? ''}\u0000${p.lat.toFixed(2)}\u0000${p.lon.toFixed(2)}`;
    let s = m.get(key);
    if (!s) m.set(key, (s = { name: p.name, code: p.code, lat: p.lat, lon: p.lon, events: 0, cooperative: 0, conflictual: 0, goldsteinMean: null, types: {}, g: 0, gN: 0 }));
    s.events++;
    if (coop(e)) s.cooperative++;
    if (conf(e)) s.conflictual++;
    if (e.goldstein != null) {
      s.g += e.goldstein;
      s.gN++;
    }
    s.types[e.type] = (s.types[e.type] ?? 0) + 1;
  }
  return {
    places: [...m.values()]
      .map(({ g, gN, ...s }) => ({ ...s, goldsteinMean: gN ? round2(g / gN) : null }))
      .sort((a, b) => b.events - a.events || a.name.localeCompare(b.name))
      .slice(0, limit),
    unplaced,
  };
}

export function partners(events: EventRow[], code: string, names: Names): Array<{ code: string; name: string; events: number; goldsteinMean: number | null }> {
  const m = new Map<string, { n: number; g: number; gN: number; seen: Map<string, number> }>();
  for (const e of events) {
    const ps = participants(e);
    if (!ps.includes(code)) continue;
    for (const p of ps) {
      if (p === code) continue;
      let s = m.get(p);
      if (!s) m.set(p, (s = { n: 0, g: 0, gN: 0, seen: new Map() }));
      s.n++;
      if (e.goldstein != null) {
        s.g += e.goldstein;
        s.gN++;
      }
      for (const n of e.names[p] ?? []) s.seen.set(n, (s.seen.get(n) ?? 0) + 1);
    }
  }
  return [...m]
    .map(([c, s]) => ({ code: c, name: displayName(names, c, s.seen), events: s.n, goldsteinMean: s.gN ? round2(s.g / s.gN) : null }))
    .sort((a, b) => b.events - a.events || a.code.localeCompare(b.code));
}
