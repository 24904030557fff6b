/**
 * The published JSON Schema of parley.article/1 and validateResult: real results pass (the seed article,
 * the README example, articles written here, the CLI's JSONL), and broken ones fail with a message that
 * says where and why.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { loadEngine } from '../src/adapters/engine.js';
import type { ArticleResult } from '../src/core/types.js';
import { readContent } from '../src/readers/index.js';
import { ARTICLE_SCHEMA_PATH, ResultValidationError, articleSchema, assertValidResult, validateResult } from '../src/schema.js';
import { SHARED, article } from './helpers/engine.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url)); // dist/test → project root
const engine = loadEngine();

function valid(r: unknown): void {
  const { valid, errors } = validateResult(r);
  assert.ok(valid, errors.join('\n'));
  // what a consumer of the JSONL sees validates too
  const round = validateResult(JSON.parse(JSON.stringify(r)));
  assert.ok(round.valid, round.errors.join('\n'));
}

const fromFile = (path: string, name: string) => {
  const { articles, problems } = readContent(readFileSync(path, 'utf8'), { name });
  assert.deepEqual(problems, []);
  assert.equal(articles.length, 1);
  return engine.extract(articles[0]);
};

test('the schema file ships, is draft 2020-12 and names every field of the contract', () => {
  assert.ok(existsSync(ARTICLE_SCHEMA_PATH));
  assert.equal(articleSchema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  const pkg = JSON.parse(readFileSync(ROOT + 'package.json', 'utf8')) as { files: string[] };
  assert.ok(pkg.files.includes('schema'), 'package.json "files" ships schema/');
  const required = (articleSchema as { required: string[] }).required;
  assert.deepEqual([...required].sort(), ['actors', 'article', 'commitments', 'events', 'quotes', 'schema', 'times', 'tone']);
  const defs = (articleSchema as { $defs: Record<string, { required?: string[] }> }).$defs;
  assert.deepEqual(defs.event.required, ['id', 'type', 'mode', 'cameo', 'goldstein', 'quad', 'actors', 'recipients', 'date', 'dateText', 'location', 'modality', 'trigger', 'sentence', 'confidence']);
  assert.deepEqual(defs.quote.required, ['id', 'kind', 'text', 'start', 'end', 'speaker', 'cue']);
  assert.deepEqual(defs.commitment.required, ['id', 'parties', 'action', 'due', 'dueText', 'event', 'start', 'end']);
});

test('the seed article validates, with actors, times and commitments in it', () => {
  const r = fromFile(fileURLToPath(new URL('seed/seed-article.txt', SHARED)), 'seed-article.txt');
  valid(r);
  assert.ok(r.actors.length >= 5 && r.times.length >= 2 && r.commitments.length >= 1);
});

test('the README example validates', () => {
  const r = fromFile(ROOT + 'examples/jakarta-talks.txt', 'jakarta-talks.txt');
  valid(r);
  assert.ok(r.actors.some((a) => a.type === 'group' && a.members?.length));
});

test('articles written for the test validate: quotes, groups, ranges, deadlines, places, a title', () => {
  const texts = [
    '"We will not accept any interference," Foreign Minister Wang Yi told reporters in Beijing on Monday. He said the two sides had agreed to hold talks next month.',
    'Secretary of State Anna Blake met Japanese Prime Minister Kenji Sato in Tokyo from May 25 to June 4. The two sides pledged to sign a trade agreement by 2030, if parliament approves it.',
    'Russia threatened to cut gas supplies to Europe, according to a Kremlin spokesman. Ukraine condemned the move. “It is blackmail,” Zelensky said.',
    'The United Nations Secretary-General urged Israel and Hamas to agree to a ceasefire. Both sides rejected the call. He said he was deeply concerned.',
    'NATO allies agreed in principle to increase defence spending within this year. Germany and France will provide air defence systems to Kyiv.',
  ];
  const withTitle = article('Chinese Foreign Minister Wang Yi met his South Korean counterpart Park Jin in Qingdao on Tuesday.', '2022-08-10', {
    title: 'China and South Korea agree to expand trade',
    dateline: 'QINGDAO, China',
  });
  for (const r of [...texts.map((t) => engine.extract(article(t, '2024-03-15'))), engine.extract(withTitle), engine.extract(article(texts[0], null))]) valid(r);
});

test('the CLI prints results that validate', () => {
  const bin = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));
  const out = spawnSync(process.execPath, [bin, 'extract', '--format', 'jsonl', ROOT + 'examples/jakarta-talks.txt'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  for (const line of out.stdout.trim().split('\n')) valid(JSON.parse(line));
});

// ---------- negative cases ----------

function sample(): ArticleResult {
  const text = 'Foreign Minister Wang Yi met Park Jin in Bali on Thursday. They agreed to hold talks next month.';
  return structuredClone(engine.extract(article(text, '2022-07-08', { dateline: 'Bali' })));
}

function fails(r: unknown, ...patterns: RegExp[]): string[] {
  const { valid, errors } = validateResult(r);
  assert.equal(valid, false, 'expected the result to be invalid');
  for (const p of patterns) assert.ok(errors.some((e) => p.test(e)), `no error matches ${p}; errors:\n${errors.join('\n')}`);
  return errors;
}

test('a span past the end of the text, an empty span, a negative start', () => {
  const r = sample();
  const t = r.article.text.length;
  r.actors[0].mentions[0] = { ...r.actors[0].mentions[0], start: t - 2, end: t + 3, text: 'x' };
  fails(r, new RegExp(`^/actors/0/mentions/0: span ${t - 2}-${t + 3} is not within article.text \\(0 ≤ start < end ≤ ${t}\\)$`));
  const e = sample();
  e.times[0] = { ...e.times[0], end: e.times[0].start };
  fails(e, /^\/times\/0: span (\d+)-\1 is not within article.text/);
  const n = sample();
  n.actors[0].mentions[0].start = -1;
  fails(n, /^\/actors\/0\/mentions\/0\/start: must be >= 0/);
});

test('a recorded text that is not the slice of its span', () => {
  const r = sample();
  const m = r.actors[0].mentions[0];
  m.end -= 1;
  fails(r, new RegExp(`^/actors/0/mentions/0: text "${m.text}" is not the slice ${m.start}-${m.end} of article.text, "${m.text.slice(0, -1)}"$`));
});

test('trigger, sentence, cue and quote spans are checked too, wherever they are', () => {
  const r = sample();
  r.events = [
    {
      id: 'E1', type: 'CONSULT', mode: null, cameo: '040', goldstein: 1, quad: 1, actors: [r.actors[0].id], recipients: [], date: null, dateText: null,
      location: null, modality: 'asserted', trigger: { start: 22, end: 25, text: 'mex' }, sentence: { start: 0, end: 10_000 }, confidence: 0.5,
    },
  ];
  const cue = r.article.text.indexOf('agreed');
  r.quotes = [{ id: 'Q1', kind: 'indirect', text: 'hold talks', start: 0, end: 5, speaker: null, cue: { start: cue, end: cue + 6, text: 'agreed' } }];
  fails(r, /^\/events\/0\/trigger: text "mex" is not the slice/, /^\/events\/0\/sentence: span 0-10000 is not within article.text/, /^\/quotes\/0: text "hold talks" is not the slice 0-5/);
});

test('a span marked field "title" indexes the title, and needs one', () => {
  const r = sample();
  const ev = {
    id: 'E1', type: 'AGREE', mode: null, cameo: null, goldstein: null, quad: null, actors: [], recipients: [], date: null, dateText: null, location: null,
    modality: 'asserted' as const, trigger: { start: 0, end: 5, text: 'Talks' }, sentence: { start: 0, end: 10 }, confidence: 0.4, field: 'title' as const,
  };
  r.events = [ev];
  r.commitments = [];
  fails(r, /^\/events\/0\/trigger: span 0-5 is marked field "title" but the article has no title/);
  r.article.title = 'Talks held';
  assert.deepEqual(validateResult(r).errors, []);
});

test('enums, required fields, dates and codes are typed', () => {
  const r = sample() as unknown as Record<string, any>;
  r.actors[0].type = 'country';
  r.actors[0].sector = 'MINISTRY';
  r.actors[0].code = 'chn';
  r.actors[0].mentions[0].kind = 'nickname';
  r.times[0].value = '2022-7-7';
  r.article.date = '2022-02-30x';
  delete r.commitments;
  r.tone = 'warm';
  fails(
    r,
    /^\/actors\/0\/type: must be one of "person", "state", "organization", "group", "other"; got "country"$/,
    /^\/actors\/0\/sector: must be one of "GOV", .*; got "MINISTRY"$/,
    /^\/actors\/0\/code: must match pattern/,
    /^\/actors\/0\/mentions\/0\/kind: must be one of/,
    /^\/times\/0\/value: must match pattern/,
    /^\/article\/date: must match pattern/,
    /^\/: missing field "commitments"$/,
    /^\/tone: must be number,null; got "warm"$/,
  );
});

test('NaN and Infinity are not numbers of the result', () => {
  const r = sample();
  r.tone = NaN;
  fails(r, /^\/tone: NaN is not a finite number$/);
});

test('ids referred to must exist; ids are unique', () => {
  const r = sample();
  const at = r.article.text.indexOf('hold talks');
  r.commitments = [{ id: 'C1', parties: ['A1', 'A99'], action: 'hold talks', due: null, dueText: null, event: 'E7', start: at, end: at + 10 }];
  r.actors.push({ ...r.actors[0] });
  fails(r, /^\/commitments\/0\/parties\/1: actor "A99" is not in the result$/, /^\/commitments\/0\/event: event "E7" is not in the result$/, /^\/actors\/\d+\/id: duplicate id "A1"$/);
});

test('a span may not split a surrogate pair', () => {
  const r = engine.extract(article('Wang Yi 😀 met Park Jin.', '2022-07-08'));
  const at = r.article.text.indexOf('😀');
  r.times = [{ start: at + 1, end: at + 2, text: r.article.text.slice(at + 1, at + 2), value: '2022' }];
  fails(r, new RegExp(`^/times/0: span ${at + 1}-${at + 2} splits a surrogate pair of article.text$`));
});

test('assertValidResult throws a ResultValidationError naming the article and each problem', () => {
  const r = sample();
  r.actors[0].mentions[0].end = 10_000;
  assert.throws(
    () => assertValidResult(r),
    (e: unknown) => e instanceof ResultValidationError && /^invalid parley\.article\/1 result for article "test": 1 problem\n  \/actors\/0\/mentions\/0: span/.test(e.message) && e.errors.length === 1,
  );
  assert.doesNotThrow(() => assertValidResult(sample()));
  assert.equal(validateResult(null).valid, false);
  assert.equal(validateResult({}).valid, false);
});
