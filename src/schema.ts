/**
 * The published JSON Schema of `parley.article/1` (schema/parley.article-1.schema.json) and a validator
 * for results: the schema (by Ajv), plus what a JSON Schema cannot say:
 *  - spans: every object anywhere in the result with a numeric `start` and `end` (mentions, triggers,
 *    sentences, cues, quote parts, evidence, commitments, times, places) satisfies
 *    0 ≤ start < end ≤ base.length, where base is article.text, or article.title inside an object
 *    marked `field: "title"`; where the object records a `text`, it equals base.slice(start, end);
 *    no boundary falls between the two halves of a surrogate pair;
 *  - numbers are finite (JSON has no NaN or Infinity: they would print as null);
 *  - ids are unique per list and every reference (event actors and recipients, quote speakers,
 *    commitment parties and event, group members) names an id that exists.
 *
 *   validateResult(r)        → { valid, errors: ["/actors/0/mentions/2: text \"Wan\" is not the slice ..."] }
 *   assertValidResult(r)     throws ResultValidationError listing the errors
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';

/** Where the schema file is (it ships in the package, beside dist/). */
export const ARTICLE_SCHEMA_PATH = fileURLToPath(new URL('../../schema/parley.article-1.schema.json', import.meta.url));

/** The parsed JSON Schema (draft 2020-12) of parley.article/1. */
export const articleSchema: Record<string, unknown> = JSON.parse(readFileSync(ARTICLE_SCHEMA_PATH, 'utf8'));

export interface ValidationResult {
  valid: boolean;
  /** One line per problem: a JSON pointer into the result, a colon, what is wrong. */
  errors: string[];
}

export class ResultValidationError extends Error {
  constructor(
    readonly errors: string[],
    what = 'result',
  ) {
    super(`invalid parley.article/1 ${what}: ${errors.length} problem${errors.length === 1 ? '' : 's'}\n  ${errors.slice(0, 20).join('\n  ')}${errors.length > 20 ? `\n  ... and ${errors.length - 20} more` : ''}`);
    this.name = 'ResultValidationError';
  }
}

let compiled: ReturnType<Ajv2020['compile']> | null = null;
function schemaValidator() {
  return (compiled ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true }).compile(articleSchema));
}

const showData = (v: unknown) => (typeof v === 'number' || v === undefined ? String(v) : (JSON.stringify(v) ?? String(v)).slice(0, 80));

function ajvMessage(e: ErrorObject): string {
  const at = e.instancePath || '/';
  if (e.keyword === 'enum') return `${at}: must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}; got ${showData(e.data)}`;
  if (e.keyword === 'const') return `${at}: must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}; got ${showData(e.data)}`;
  if (e.keyword === 'required') return `${at}: missing field "${(e.params as { missingProperty: string }).missingProperty}"`;
  return `${at}: ${e.message ?? e.keyword}${e.keyword === 'pattern' || e.keyword === 'type' || e.keyword === 'minimum' || e.keyword === 'maximum' ? `; got ${showData(e.data)}` : ''}`;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const show = (s: string) => JSON.stringify(s.length > 60 ? s.slice(0, 57) + '...' : s);

/** The span rule and finite numbers, over every object of the result. */
function checkSpans(r: Record<string, unknown>, errors: string[]): void {
  const article = isObj(r.article) ? r.article : {};
  const text = typeof article.text === 'string' ? article.text : '';
  const title = typeof article.title === 'string' ? article.title : null;
  const walk = (v: unknown, path: string, base: string | null, baseName: string) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) errors.push(`${path}: ${v} is not a finite number`);
      return;
    }
    if (!isObj(v)) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}/${i}`, base, baseName));
      return;
    }
    if (v.field === 'title') [base, baseName] = [title, 'article.title'];
    else if (v.field === 'text') [base, baseName] = [text, 'article.text'];
    const { start, end } = v;
    if (typeof start === 'number' && typeof end === 'number') {
      const at = path || '/';
      if (base === null) errors.push(`${at}: span ${start}-${end} is marked field "title" but the article has no title`);
      else if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end && end <= base.length))
        errors.push(`${at}: span ${start}-${end} is not within ${baseName} (0 ≤ start < end ≤ ${base.length})`);
      else {
        if (typeof v.text === 'string' && v.text !== base.slice(start, end)) errors.push(`${at}: text ${show(v.text)} is not the slice ${start}-${end} of ${baseName}, ${show(base.slice(start, end))}`);
        if ((start > 0 && isLow(base.charCodeAt(start)) && isHigh(base.charCodeAt(start - 1))) || (end < base.length && isLow(base.charCodeAt(end)) && isHigh(base.charCodeAt(end - 1))))
          errors.push(`${at}: span ${start}-${end} splits a surrogate pair of ${baseName}`);
      }
    }
    for (const k of Object.keys(v)) if (k !== 'article') walk(v[k], `${path}/${k}`, base, baseName);
  };
  walk(r, '', text, 'article.text');
}

/** Ids unique per list, references to ids that exist. */
function checkReferences(r: Record<string, unknown>, errors: string[]): void {
  const list = (k: string): Record<string, unknown>[] => (Array.isArray(r[k]) ? (r[k] as unknown[]).filter(isObj) : []);
  const ids = (k: string) => {
    const seen = new Set<unknown>();
    list(k).forEach((x, i) => {
      if (seen.has(x.id)) errors.push(`/${k}/${i}/id: duplicate id ${JSON.stringify(x.id)}`);
      seen.add(x.id);
    });
    return seen;
  };
  const actors = ids('actors');
  const events = ids('events');
  for (const k of ['quotes', 'commitments', 'places']) ids(k);
  const ref = (set: Set<unknown>, what: string, v: unknown, path: string) => {
    if (typeof v === 'string' && !set.has(v)) errors.push(`${path}: ${what} ${JSON.stringify(v)} is not in the result`);
  };
  const refs = (set: Set<unknown>, what: string, v: unknown, path: string) => {
    if (Array.isArray(v)) v.forEach((x, i) => ref(set, what, x, `${path}/${i}`));
  };
  list('actors').forEach((a, i) => refs(actors, 'actor', a.members, `/actors/${i}/members`));
  list('events').forEach((e, i) => {
    refs(actors, 'actor', e.actors, `/events/${i}/actors`);
    refs(actors, 'actor', e.recipients, `/events/${i}/recipients`);
  });
  list('quotes').forEach((q, i) => ref(actors, 'actor', q.speaker, `/quotes/${i}/speaker`));
  list('commitments').forEach((c, i) => {
    refs(actors, 'actor', c.parties, `/commitments/${i}/parties`);
    ref(events, 'event', c.event, `/commitments/${i}/event`);
  });
}

/** Checks a parley.article/1 result against the schema, the span rule and its references. */
export function validateResult(result: unknown): ValidationResult {
  const validate = schemaValidator();
  const errors: string[] = [];
  if (!validate(result)) errors.push(...(validate.errors ?? []).map(ajvMessage));
  if (isObj(result)) {
    checkSpans(result, errors);
    checkReferences(result, errors);
  }
  return { valid: errors.length === 0, errors };
}

/** Throws a ResultValidationError listing every problem when `result` is not a valid parley.article/1. */
export function assertValidResult(result: unknown): void {
  const { valid, errors } = validateResult(result);
  if (!valid) throw new ResultValidationError(errors, isObj(result) && isObj(result.article) ? `result for article ${JSON.stringify(result.article.id)}` : 'result');
}
