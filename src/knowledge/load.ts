/**
 * Loads the knowledge base from disk: the shipped files under data/kb/ (states built from npm packages
 * at build time, the hand-made overlay, organisations, titles, persons) and any user files given with
 * `--kb`, validated and merged in that order. This is the I/O side; the core only sees the merged data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { KnowledgeBase } from './types.js';

// zod is loaded only to validate a user's file: the shipped KB is checked by the tests, and one-article
// runs start faster without it (about 70 ms)
const require = createRequire(import.meta.url);
let kbSchema: ReturnType<typeof buildSchema> | null = null;

function buildSchema() {
  const { z } = require('zod') as typeof import('zod');
  const date = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date YYYY, YYYY-MM or YYYY-MM-DD');
  const validity = { start: date.nullish(), end: date.nullish() };
  const code = z.string().min(2);
  const State = z.object({ code, name: z.string(), names: z.array(z.string()).default([]), adjectives: z.array(z.string()).default([]), capitals: z.array(z.string()).default([]), independent: z.boolean().optional(), ...validity }).passthrough();
  const Org = z.object({ code, name: z.string(), names: z.array(z.string()).default([]), adjectives: z.array(z.string()).optional(), sector: z.string().optional(), coded: z.boolean().optional() }).passthrough();
  const Title = z.object({ title: z.string(), forms: z.array(z.string()).default([]), sector: z.string(), code: z.string().optional(), roleNoun: z.boolean().optional() });
  const Office = z.object({ title: z.string(), code, sector: z.string(), ...validity });
  const Person = z.object({ id: z.string(), name: z.string(), aliases: z.array(z.string()).optional(), short: z.string().optional(), gender: z.enum(['m', 'f']).optional(), offices: z.array(Office).default([]) }).passthrough();
  return z.object({
    schema: z.literal('parley.kb/1').optional(),
    states: z.array(State).optional(),
    organizations: z.array(Org).optional(),
    titles: z.array(Title).optional(),
    persons: z.array(Person).optional(),
  }).passthrough();
}

export type KbFragment = Partial<KnowledgeBase>;

export class KbError extends Error {
  constructor(readonly file: string, message: string) {
    super(`${file}: ${message}`);
  }
}

export const DATA_DIR = fileURLToPath(new URL('../../../data/', import.meta.url));
export const SHIPPED_KB_FILES = ['kb/generated/states.json', 'kb/states.overlay.json', 'kb/organizations.json', 'kb/titles.json', 'kb/persons.json'];

export function parseKb(json: unknown, file = '<kb>'): KbFragment {
  const r = (kbSchema ??= buildSchema()).safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new KbError(file, `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  return r.data as KbFragment;
}

export function readKbFile(file: string, trusted = false): KbFragment {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new KbError(file, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new KbError(file, `not valid JSON: ${(e as Error).message}`);
  }
  return trusted ? (json as KbFragment) : parseKb(json, file);
}

const uniq = <T>(xs: T[]) => [...new Set(xs)];

/**
 * Merges fragments in order. States and organisations merge by code (name lists are unioned, other
 * fields of the later fragment win); titles by canonical title and persons by id are replaced whole.
 */
export function mergeKb(...fragments: KbFragment[]): KnowledgeBase {
  const states = new Map<string, KnowledgeBase['states'][number]>();
  const orgs = new Map<string, KnowledgeBase['organizations'][number]>();
  const titles = new Map<string, KnowledgeBase['titles'][number]>();
  const persons = new Map<string, KnowledgeBase['persons'][number]>();
  for (const f of fragments) {
    for (const s of f.states ?? []) {
      const old = states.get(s.code);
      states.set(
        s.code,
        old
          ? { ...old, ...s, names: uniq([...old.names, ...s.names]), adjectives: uniq([...old.adjectives, ...s.adjectives]), capitals: uniq([...old.capitals, ...s.capitals]) }
          : s,
      );
    }
    for (const o of f.organizations ?? []) {
      const old = orgs.get(o.code);
      orgs.set(o.code, old ? { ...old, ...o, names: uniq([...old.names, ...o.names]), adjectives: uniq([...(old.adjectives ?? []), ...(o.adjectives ?? [])]) } : o);
    }
    for (const t of f.titles ?? []) titles.set(t.title, t);
    for (const p of f.persons ?? []) persons.set(p.id, p);
  }
  return { schema: 'parley.kb/1', states: [...states.values()], organizations: [...orgs.values()], titles: [...titles.values()], persons: [...persons.values()] };
}

/** The shipped KB, then each user file in order. */
export function loadKnowledgeBase(userFiles: string[] = []): KnowledgeBase {
  const shipped = SHIPPED_KB_FILES.map((f) => DATA_DIR + f).filter((f) => existsSync(f) || !f.endsWith('persons.json'));
  return mergeKb(...shipped.map((f) => readKbFile(f, true)), ...userFiles.map((f) => readKbFile(f)));
}
