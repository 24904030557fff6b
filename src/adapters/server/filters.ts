/** Query parameters → the Store's QueryFilters, with the meaning `parley query` gives its options. */
import type { Modality } from '../../core/types.js';
import type { QueryFilters } from '../store/types.js';
import { HttpError } from './route.js';

export interface FilterParams {
  actor?: string[];
  country?: string[];
  dyad?: string;
  directed?: boolean;
  type?: string[];
  from?: string;
  to?: string;
  place?: string;
  modality?: string[];
  text?: string;
  minSources?: number;
}

export function toFilters(p: FilterParams): QueryFilters {
  const f: QueryFilters = {};
  if (p.actor?.length) f.actor = p.actor;
  if (p.country?.length) f.country = p.country.map((c) => c.toUpperCase());
  if (p.dyad) {
    const parts = p.dyad.split(/[-:,/ ]/).filter(Boolean);
    if (parts.length !== 2) throw new HttpError(400, `dyad takes two codes, e.g. KEN-TZA, got "${p.dyad}"`);
    f.dyad = [parts[0].toUpperCase(), parts[1].toUpperCase()];
    f.directed = !!p.directed;
  } else if (p.directed) throw new HttpError(400, 'directed needs dyad');
  if (p.type?.length) f.type = p.type;
  if (p.from) f.from = p.from;
  if (p.to) f.to = p.to;
  if (p.place) f.place = p.place;
  if (p.modality?.length) f.modality = p.modality as Modality[];
  if (p.text) f.text = p.text;
  if (p.minSources != null) f.minSources = p.minSources;
  return f;
}

/** A stable key for caching answers to the same filters. */
export function filterKey(f: QueryFilters, extra = ''): string {
  return JSON.stringify(Object.entries(f).sort(([a], [b]) => a.localeCompare(b))) + extra;
}
