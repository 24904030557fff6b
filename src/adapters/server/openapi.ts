/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas (z.toJSONSchema), so the document
 * and the validation are one definition. Schemas with a meta id become components; the article
 * result refers to the published JSON Schema of parley.article/1.
 */
import { z } from 'zod';
import { articleSchema } from '../../schema.js';
import type { AnyRoute } from './route.js';

type Json = Record<string, unknown>;

/** Moves `$defs` into `defs` and points their `$ref`s at the components. */
function hoist(schema: Json, defs: Record<string, Json>): Json {
  const local = (schema.$defs ?? {}) as Record<string, Json>;
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fix);
    if (!v || typeof v !== 'object') return v;
    const o = v as Json;
    if (typeof o['x-parley-ref'] === 'string') return { $ref: `#/components/schemas/${o['x-parley-ref']}` };
    const out: Json = {};
    for (const [k, x] of Object.entries(o)) {
      if (k === '$defs' || k === '$schema') continue;
      out[k] = k === '$ref' && typeof x === 'string' ? x.replace('#/$defs/', '#/components/schemas/') : fix(x);
    }
    return out;
  };
  for (const [id, d] of Object.entries(local)) defs[id] = fix(d) as Json;
  return fix(schema) as Json;
}

const toSchema = (s: z.ZodType, io: 'input' | 'output', defs: Record<string, Json>) => hoist(z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json, defs);

function parameters(s: z.ZodType | undefined, where: 'path' | 'query', defs: Record<string, Json>): Json[] {
  if (!s) return [];
  const js = toSchema(s, 'input', defs);
  const props = (js.properties ?? {}) as Record<string, Json>;
  const required = new Set((js.required ?? []) as string[]);
  return Object.entries(props).map(([name, p]) => {
    const { description, ...schema } = p;
    const isList = Array.isArray(schema.anyOf) && (schema.anyOf as Json[]).some((x) => x.type === 'array');
    return {
      name,
      in: where,
      required: where === 'path' || (required.has(name) && !('default' in schema)),
      ...(description ? { description } : {}),
      schema: isList ? { type: 'array', items: ((schema.anyOf as Json[]).find((x) => x.type === 'array')!.items as Json) ?? { type: 'string' } } : schema,
      ...(isList ? { style: 'form', explode: true } : {}),
    };
  });
}

export function openApiDocument(routes: AnyRoute[], info: { version: string }): Json {
  const defs: Record<string, Json> = {};
  const paths: Record<string, Json> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const responses: Json = {};
    for (const [status, doc] of Object.entries(r.responses)) {
      responses[status] = {
        description: doc.description,
        ...(doc.schema ? { content: { [doc.contentType ?? 'application/json']: { schema: toSchema(doc.schema, 'output', defs) } } } : doc.contentType ? { content: { [doc.contentType]: { schema: { type: 'string' } } } } : {}),
      };
    }
    if (!responses['400'] && (r.query || r.params || r.body)) responses['400'] = { description: 'invalid input', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    // the rate limit per client address (`serve --rate-limit`, `--write-rate-limit`)
    responses['429'] = {
      description: 'too many requests from this address in the last minute; retry after Retry-After seconds',
      headers: { 'Retry-After': { schema: { type: 'integer' } } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
    const op: Json = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: [r.tag],
      parameters: [...parameters(r.params, 'path', defs), ...parameters(r.query, 'query', defs)],
      responses,
    };
    if (r.body) {
      const content: Json = { 'application/json': { schema: toSchema(r.body, 'input', defs) } };
      for (const t of r.bodyTypes ?? []) content[t] = { schema: { type: 'string' } };
      op.requestBody = { required: true, content };
    }
    paths[path] = { ...(paths[path] as Json | undefined), [r.method.toLowerCase()]: op };
  }
  const { $schema: _drop, $id: _id, ...article } = articleSchema as Json;
  void _drop;
  void _id;
  // the article schema's own definitions become components too
  const articleDefs = (article.$defs ?? {}) as Record<string, Json>;
  const rewrite = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(rewrite) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v as Json).filter(([k]) => k !== '$defs').map(([k, x]) => [k, k === '$ref' && typeof x === 'string' ? x.replace(/^#\/\$defs\//, '#/components/schemas/ArticleResult.') : rewrite(x)])) : v;
  for (const [k, d] of Object.entries(articleDefs)) defs[`ArticleResult.${k}`] = rewrite(d) as Json;
  defs.ArticleResult = rewrite(article) as Json;
  if (!defs.Error) toSchema(z.object({ error: z.string(), message: z.string() }).meta({ id: 'Error' }), 'output', defs);
  return {
    openapi: '3.1.0',
    info: {
      title: 'parley',
      version: info.version,
      description:
        'Evidence-linked event data from international-relations news: articles with their parley.article/1 results, linked events with the sentences that report them, actors, dyads, quotes and commitments. Lists are paged with limit and offset; `next` is the offset of the next page. Errors are JSON: {error, message}.',
    },
    paths,
    components: { schemas: defs },
  };
}
