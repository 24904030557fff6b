/**
 * The gazetteer as the core sees it: places by folded name. Built from the TSV that
 * scripts/build-gazetteer.mjs derives from GeoNames data (see src/knowledge/gazetteer.ts for loading).
 */
export type PlaceKind = 'country' | 'admin1' | 'capital' | 'seat' | 'place';

export interface Place {
  geonameId: number | null;
  name: string;
  /** ISO 3166-1 alpha-3. */
  code: string;
  /** First-order administrative code within the country ("VA", "02"). */
  admin1: string;
  kind: PlaceKind;
  population: number;
  lat: number;
  lon: number;
}

export interface Gazetteer {
  /** The places a folded name may refer to. */
  lookup(foldedName: string): Place[];
  /** A country's own entry, and its capital, by ISO alpha-3. */
  country(code: string): Place | null;
  capital(code: string): Place | null;
  size: number;
}

/**
 * Indexes the generated TSV (one place per line, folded keys first). Only the keys are read at load
 * time; a line becomes a Place the first time it is looked up, which keeps the cold start short.
 */
export function parseGazetteer(tsv: string): Gazetteer {
  const lines = tsv.split('\n');
  const index = new Map<string, number[]>();
  const countries = new Map<string, number>();
  const capitals = new Map<string, number>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    const isCountry = line.includes('\tcountry\t');
    if (isCountry || line.includes('\tcapital\t')) {
      const code = line.split('\t')[3];
      if (isCountry) countries.set(code, i);
      else if (!capitals.has(code)) capitals.set(code, i);
    }
    for (const key of line.slice(0, tab).split(';')) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  }
  const cache = new Map<number, Place>();
  const place = (i: number): Place => {
    let p = cache.get(i);
    if (!p) {
      const f = lines[i].split('\t');
      p = { geonameId: f[1] ? Number(f[1]) : null, name: f[2], code: f[3], admin1: f[4], kind: f[5] as PlaceKind, population: Number(f[6]) || 0, lat: Number(f[7]), lon: Number(f[8]) };
      cache.set(i, p);
    }
    return p;
  };
  const at = (i: number | undefined) => (i === undefined ? null : place(i));
  return { lookup: (key) => (index.get(key) ?? []).map(place), country: (c) => at(countries.get(c)), capital: (c) => at(capitals.get(c)), size: lines.length - 1 };
}

export function emptyGazetteer(): Gazetteer {
  return { lookup: () => [], country: () => null, capital: () => null, size: 0 };
}
