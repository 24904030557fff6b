#!/usr/bin/env node
// Builds data/kb/generated/states.json from the npm packages world-countries and i18n-iso-countries
// (run by `npm run build`, so `npm ci` alone produces it). Hand-made additions (news forms, metonyms,
// historical states) live in data/kb/states.overlay.json and are merged at load time, not here.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const countries = require('world-countries/countries.json');
const i18n = require('i18n-iso-countries');
i18n.registerLocale(require('i18n-iso-countries/langs/en.json'));
const enNames = i18n.getNames('en', { select: 'all' });

const latin = (s) => /^[\p{Script=Latin}\p{M}\s.'’()-]+$/u.test(s);
// a usable name form: Latin script, no inverted "Korea, Republic of" forms, no two-letter codes
const usable = (s) => typeof s === 'string' && latin(s) && !s.includes(',') && !s.includes('(') && (s.length > 3 || /^[A-Z.]{3,}$/.test(s));

const states = [];
for (const c of countries) {
  if (!c.cca3 || c.cca3 === 'UNK') continue; // world-countries' Kosovo code; the overlay adds XKX
  const names = new Set([c.name.common, c.name.official, ...(c.altSpellings || []), ...(enNames[c.cca2] || [])].filter(usable));
  const dem = c.demonyms?.eng || {};
  const adjectives = new Set([dem.m, dem.f].filter(usable));
  states.push({
    code: c.cca3,
    name: c.name.common,
    names: [...names],
    adjectives: [...adjectives],
    capitals: (c.capital || []).filter(usable),
    independent: Boolean(c.independent),
    latlng: c.latlng,
  });
}
states.sort((a, b) => a.code.localeCompare(b.code));
const out = join(root, 'data', 'kb', 'generated');
mkdirSync(out, { recursive: true });
const pkg = (name) => JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
writeFileSync(
  join(out, 'states.json'),
  JSON.stringify({ schema: 'parley.kb/1', source: `world-countries ${pkg('world-countries')}, i18n-iso-countries ${pkg('i18n-iso-countries')}`, states }) + '\n',
);
console.log(`build-kb: ${states.length} states -> data/kb/generated/states.json`);
