/** GET /quotes: what was said, by speaker name or code, article or words. */
import type { ServerContext } from '../context.js';
import { page, route, type AnyRoute } from '../route.js';
import { pageOf, QuoteRowSchema, QuotesQuery } from '../schemas.js';

export function quoteRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/quotes',
      operationId: 'listQuotes',
      tag: 'quotes',
      summary: 'Quotes with their speakers, newest articles first',
      query: QuotesQuery,
      responses: { 200: { description: 'a page of quotes', schema: pageOf(QuoteRowSchema) } },
      handler: async ({ query }) => page(await ctx.reads.quotes({ ...query, limit: query.limit + 1 }), query.limit, query.offset),
    }),
  ];
}
