/** GET /health and GET /openapi.json. */
import { z } from 'zod';
import type { ServerContext } from '../context.js';
import { openApiDocument } from '../openapi.js';
import { route, type AnyRoute } from '../route.js';
import { HealthResponse } from '../schemas.js';

export function healthRoutes(ctx: ServerContext, all: () => AnyRoute[]): AnyRoute[] {
  let doc: unknown = null;
  return [
    route({
      method: 'GET',
      url: '/health',
      operationId: 'health',
      tag: 'service',
      summary: 'The service is up; what the store holds',
      responses: { 200: { description: 'up', schema: HealthResponse } },
      handler: async () => {
        const s = (await ctx.cache.get('stats', () => ctx.store.stats())) as Awaited<ReturnType<typeof ctx.store.stats>>;
        return { status: 'ok', version: ctx.version, store: ctx.store.kind, articles: s.articles, events: s.events, ingest: ctx.ingest != null };
      },
    }),
    route({
      method: 'GET',
      url: '/openapi.json',
      operationId: 'openapi',
      tag: 'service',
      summary: 'This API as an OpenAPI 3.1 document',
      responses: { 200: { description: 'the document', schema: z.looseObject({ openapi: z.string() }) } },
      handler: async () => (doc ??= openApiDocument(all(), { version: ctx.version })),
    }),
  ];
}
