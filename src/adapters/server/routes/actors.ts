/** GET /actors, GET /actors/:code (with partners), GET /network (who interacts with whom, weighted). */
import type { EventRow, QueryFilters } from '../../store/types.js';
import { actorStats, network, partners, type ActorStat } from '../aggregate.js';
import type { ServerContext } from '../context.js';
import { filterKey, toFilters } from '../filters.js';
import { allEvents } from '../reads.js';
import { HttpError, page, route, type AnyRoute } from '../route.js';
import { ActorDetail, ActorSummary, ActorsQuery, NetworkQuery, NetworkResponse, pageOf } from '../schemas.js';
import { z } from 'zod';

export function eventsFor(ctx: ServerContext, f: QueryFilters): Promise<EventRow[]> {
  return ctx.events.get(filterKey(f), () => allEvents(ctx.store, f));
}

export function actorRoutes(ctx: ServerContext): AnyRoute[] {
  const stats = (f: QueryFilters) => ctx.cache.get(`actors:${filterKey(f)}`, async () => actorStats(await eventsFor(ctx, f), ctx.names)) as Promise<ActorStat[]>;
  return [
    route({
      method: 'GET',
      url: '/actors',
      operationId: 'listActors',
      tag: 'actors',
      summary: 'Participants of linked events (codes), the most active first',
      query: ActorsQuery,
      responses: { 200: { description: 'a page of actors', schema: pageOf(ActorSummary) } },
      handler: async ({ query }) => {
        let rows = await stats(toFilters({ from: query.from, to: query.to }));
        if (query.q) {
          const q = query.q.toLowerCase();
          rows = rows.filter((a) => a.code.toLowerCase().includes(q) || a.name.toLowerCase().includes(q));
        }
        return page(rows.slice(query.offset, query.offset + query.limit + 1), query.limit, query.offset);
      },
    }),
    route({
      method: 'GET',
      url: '/actors/:code',
      operationId: 'getActor',
      tag: 'actors',
      summary: 'One participant code: its counts and the actors it interacts with',
      params: z.object({ code: z.string().min(1).max(100) }).strict(),
      responses: { 200: { description: 'the actor', schema: ActorDetail }, 404: { description: 'no events with this code' } },
      handler: async ({ params }) => {
        const code = params.code.toUpperCase();
        const all = await stats({});
        const actor = all.find((a) => a.code === code) ?? all.find((a) => a.code === params.code);
        if (!actor) throw new HttpError(404, `no events with actor "${params.code}"`);
        return { actor, partners: partners(await eventsFor(ctx, {}), actor.code, ctx.names) };
      },
    }),
    route({
      method: 'GET',
      url: '/network',
      operationId: 'network',
      tag: 'actors',
      summary: 'Who interacts with whom: the most active actors and, between each two, the events they share',
      query: NetworkQuery,
      responses: { 200: { description: 'nodes and weighted edges', schema: NetworkResponse } },
      handler: async ({ query }) => {
        const f = toFilters(query);
        return ctx.cache.get(`network:${filterKey(f, `${query.limit}:${query.minEvents}`)}`, async () => network(await eventsFor(ctx, f), ctx.names, query.limit, query.minEvents));
      },
    }),
  ];
}
