/** GET /events (filters as `parley query`), GET /events/export (CSV or JSONL), GET /events/:id. */
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { EventRow } from '../../store/types.js';
import type { ServerContext } from '../context.js';
import { filterKey, toFilters } from '../filters.js';
import { HttpError, page, route, type AnyRoute } from '../route.js';
import { EventRowSchema, EventsQuery, ExportQuery, IdParams, MentionRowSchema, pageOf } from '../schemas.js';

const EXPORT_PAGE = 1000;

export const EVENT_COLUMNS = ['id', 'date', 'type', 'cameo', 'quad', 'goldstein', 'modality', 'actors', 'recipients', 'place', 'place_code', 'lat', 'lon', 'mentions', 'articles', 'sources', 'tone', 'first_article', 'url', 'evidence'];

export function csvCell(v: unknown): string {
  if (v == null) return '';
  let s = Array.isArray(v) ? v.join(' ') : typeof v === 'object' ? JSON.stringify(v) : String(v);
  // a cell a spreadsheet would read as a formula is written as text
  if (/^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvRow = (e: EventRow) =>
  [e.id, e.date, e.type, e.cameo, e.quad, e.goldstein, e.modality, e.actors, e.recipients, e.place?.name, e.place?.code, e.place?.lat, e.place?.lon, e.numMentions, e.numArticles, e.numSources, e.tone, e.firstArticle, e.url, e.evidence]
    .map(csvCell)
    .join(',');

export function eventRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/events',
      operationId: 'listEvents',
      tag: 'events',
      summary: 'Linked events, filtered (the filters of `parley query`), by date',
      query: EventsQuery,
      responses: { 200: { description: 'a page of events', schema: pageOf(EventRowSchema) } },
      handler: async ({ query, reply }) => {
        const f = toFilters(query);
        // the same filters give the same page until the store changes: answered from memory
        const body = await ctx.responses.get(filterKey(f, `|${query.limit}|${query.offset}`), async () => {
          const asked = { ...f, limit: query.limit + 1, offset: query.offset };
          if (!ctx.store.queryJson) return JSON.stringify(page(await ctx.store.query(asked), query.limit, query.offset));
          // the events as the store keeps them serialised: no parse and stringify per request
          const p = page(await ctx.store.queryJson(asked), query.limit, query.offset);
          return `{"items":[${p.items.join(',')}],"limit":${p.limit},"offset":${p.offset},"next":${p.next}}`;
        });
        return reply.type('application/json; charset=utf-8').send(body);
      },
    }),
    route({
      method: 'GET',
      url: '/events/export',
      operationId: 'exportEvents',
      tag: 'events',
      summary: 'Every event matching the filters, as a CSV file or JSONL (each event with its mentions)',
      query: ExportQuery,
      responses: { 200: { description: 'the file', contentType: 'text/csv' } },
      handler: async ({ query, reply }) => {
        const f = toFilters(query);
        const max = query.max;
        // pages, not one long-lived cursor: an open SQLite cursor would block writers for the whole download
        const pageAt = (offset: number) => ctx.store.query({ ...f, limit: Math.min(EXPORT_PAGE, max - offset), offset });
        // the first page before the answer starts, so that a bad filter (a full-text syntax error) is a
        // 400 with a message rather than a download cut off after its 200
        const first = await pageAt(0);
        async function* lines(): AsyncGenerator<string> {
          if (query.format === 'csv') yield EVENT_COLUMNS.join(',') + '\n';
          for (let offset = 0; offset < max; ) {
            const rows = offset === 0 ? first : await pageAt(offset);
            let chunk = '';
            for (const e of rows) chunk += query.format === 'csv' ? csvRow(e) + '\n' : JSON.stringify({ ...e, mentions: await ctx.store.mentions(e.id) }) + '\n';
            if (chunk) yield chunk;
            if (rows.length < EXPORT_PAGE) break;
            offset += rows.length;
          }
        }
        const name = `parley-events.${query.format}`;
        reply
          .type(query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}"`);
        return reply.send(Readable.from(lines()));
      },
    }),
    route({
      method: 'GET',
      url: '/events/:id',
      operationId: 'getEvent',
      tag: 'events',
      summary: 'One linked event with every report of it: article, trigger and sentence',
      params: IdParams,
      responses: { 200: { description: 'the event', schema: z.object({ event: EventRowSchema, mentions: z.array(MentionRowSchema) }) }, 404: { description: 'no such event' } },
      handler: async ({ params }) => {
        const event = await ctx.reads.event(params.id);
        if (!event) throw new HttpError(404, `no event "${params.id}"`);
        return { event, mentions: await ctx.store.mentions(params.id) };
      },
    }),
  ];
}
