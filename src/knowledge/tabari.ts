/**
 * Imports TABARI/PETRARCH actor dictionaries (for example Phoenix.Countries.actors.txt) into the KB
 * shape. An entry is a name line ("MIKHAIL_GORBACHEV_  # comment"), synonym lines ("+GORBACHEV"), and
 * code lines, plain or date-restricted ("[RUSGOV 850311-910824]", "[USAELI >010120]", "[AFG]").
 * A code is a state's three letters followed by an agent (GOV, MIL, ELI, ...). A country entry
 * ("AFGHANISTAN_ [AFG]") becomes extra names for that state; a person entry becomes a person with one
 * office per dated code.
 */
import type { KbOffice, KbPerson, KbState } from './types.js';
import type { KbFragment } from './load.js';

const SECTORS = new Set(['GOV', 'MIL', 'LEG', 'JUD', 'DIP', 'ELI', 'OPP', 'BUS', 'MED', 'NGO', 'IGO', 'REB', 'CVL', 'SPY', 'COP', 'PTY', 'EDU', 'REL', 'LAB', 'HLH', 'AGR', 'REF', 'CRM', 'UAF', 'IMG', 'SEP', 'ENV', 'INS', 'MOD', 'RAD']);
const SECTOR_TITLE: Record<string, string> = { GOV: 'Official', MIL: 'Military Officer', ELI: 'Elite', LEG: 'Legislator', JUD: 'Judge', DIP: 'Diplomat', OPP: 'Opposition', BUS: 'Business', MED: 'Media', NGO: 'NGO', IGO: 'International Official', REB: 'Rebel', CVL: 'Civilian', COP: 'Police', SPY: 'Intelligence', PTY: 'Party Official' };

export interface TabariImport {
  fragment: KbFragment;
  stats: { persons: number; offices: number; states: number; skippedLines: number };
}

/** "MIKHAIL_S._GORBACHEV_" → "Mikhail S. Gorbachev". */
export function tabariName(raw: string): string {
  return raw
    .replace(/_+$/, '')
    .split('_')
    .filter(Boolean)
    .map((w) => (/^(AL|EL|BIN|DE|DA|VON|VAN|DER|DEN|LA|LE|DI|DU)$/.test(w) ? w.toLowerCase() : w.charAt(0) + w.slice(1).toLowerCase().replace(/-(\p{L})/gu, (_, c: string) => '-' + c.toUpperCase())))
    .join(' ');
}

/** TABARI dates are YYMMDD; two-digit years from 30 on are read as 19xx (CountryInfo's births reach back to the 1930s). */
function tabariDate(d: string): string | null {
  if (!/^\d{6}$/.test(d)) return null;
  const yy = Number(d.slice(0, 2));
  return `${yy >= 30 ? 1900 + yy : 2000 + yy}-${d.slice(2, 4)}-${d.slice(4, 6)}`;
}

function parseCode(body: string): { code: string; sector: string | null; start: string | null; end: string | null } | null {
  const m = /^\s*([A-Z]{3})([A-Z]{3})?[A-Z]*\s*(?:([<>])?(\d{6})(?:\s*-\s*(\d{6}))?)?\s*$/.exec(body);
  if (!m) return null;
  const [, code, agent, rel, d1, d2] = m;
  let start: string | null = null;
  let end: string | null = null;
  if (d1 && d2) {
    start = tabariDate(d1);
    end = tabariDate(d2);
    // two-digit years are ambiguous; a period cannot end before it starts ("200101-301231" ends in 2030)
    if (start && end && end < start) end = String(Number(end.slice(0, 4)) + 100) + end.slice(4);
  }
  else if (d1 && rel === '<') end = tabariDate(d1);
  else if (d1) start = tabariDate(d1);
  return { code, sector: agent && SECTORS.has(agent) ? agent : null, start, end };
}

export function importTabari(text: string): TabariImport {
  const persons: KbPerson[] = [];
  const states = new Map<string, KbState>();
  let skipped = 0;
  let cur: { name: string; synonyms: string[]; codes: ReturnType<typeof parseCode>[]; commented: boolean } | null = null;
  const ids = new Set<string>();
  const flush = () => {
    if (!cur) return;
    const codes = cur.codes.filter((c): c is NonNullable<typeof c> => Boolean(c));
    const name = tabariName(cur.name);
    if (codes.length && codes.every((c) => !c.sector) && !codes.some((c) => c.start || c.end)) {
      // a country entry: its synonyms are name forms of the state
      const code = codes[0].code;
      const s = states.get(code) ?? { code, name, names: [], adjectives: [], capitals: [] };
      s.names.push(name, ...cur.synonyms.map(tabariName));
      states.set(code, s);
    } else if (codes.length && (cur.commented || codes.some((c) => c.start || c.end))) {
      const offices: KbOffice[] = codes.filter((c) => c.sector).map((c) => ({ title: SECTOR_TITLE[c.sector!] ?? c.sector!, code: c.code, sector: c.sector!, start: c.start, end: c.end }));
      const syn = cur.synonyms.map(tabariName);
      const short = syn.find((s) => !s.includes(' '));
      let id = 'tabari-' + name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
      while (ids.has(id)) id += '-x';
      ids.add(id);
      persons.push({ id, name, aliases: [...new Set(syn.filter((s) => s.includes(' ') && s !== name))], ...(short ? { short } : {}), offices });
    } else skipped++; // an institution ("AFGHAN_NATIONAL_SECURITY_FORCES [AFGMIL]"): no person to record
    cur = null;
  };
  for (const rawLine of text.split('\n')) {
    const commented = /\S\s+#/.test(rawLine);
    const line = rawLine.replace(/\s+#.*$/, '').replace(/^#.*$/, '');
    if (!line.trim()) continue;
    const codeOnly = /^\s+\[([^\]]*)\]\s*$/.exec(line);
    if (codeOnly) {
      if (cur) cur.codes.push(parseCode(codeOnly[1]));
      else skipped++;
      continue;
    }
    const syn = /^\+(\S+)/.exec(line);
    if (syn) {
      if (cur) cur.synonyms.push(syn[1]);
      else skipped++;
      continue;
    }
    const entry = /^([^\s[+{<]\S*)\s*(?:\[([^\]]*)\])?\s*$/.exec(line);
    if (!entry) {
      skipped++;
      continue;
    }
    // a bare name line right after a name line, before any code, is one more synonym (TABARI allows both)
    if (cur && !cur.codes.length && !entry[2]) {
      cur.synonyms.push(entry[1]);
      continue;
    }
    flush();
    cur = { name: entry[1], synonyms: [], codes: entry[2] ? [parseCode(entry[2])] : [], commented };
  }
  flush();
  const stateList = [...states.values()].map((s) => ({ ...s, names: [...new Set(s.names)] }));
  return {
    fragment: { states: stateList, persons },
    stats: { persons: persons.length, offices: persons.reduce((n, p) => n + p.offices.length, 0), states: stateList.length, skippedLines: skipped },
  };
}
