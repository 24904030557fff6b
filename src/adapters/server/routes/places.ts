/** GET /places: linked events counted by place, for the map. */
import { places } from '../aggregate.js';
import type { ServerContext } from '../context.js';
import { filterKey, toFilters } from '../filters.js';
import { route, type AnyRoute } from '../route.js';
import { AggregateQuery, PlacesResponse } from '../schemas.js';
import { eventsFor } from './actors.js';

export function placeRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/places',
      operationId: 'places',
      tag: 'events',
      summary: 'Events counted by place (with coordinates), the busiest first; the event filters apply',
      query: AggregateQuery,
      responses: { 200: { description: 'places', schema: PlacesResponse } },
      handler: async ({ query }) => {
        const f = toFilters(query);
        return ctx.cache.get(`places:${filterKey(f, String(query.limit))}`, async () => places(await eventsFor(ctx, f), query.limit));
      },
    }),
  ];
}
