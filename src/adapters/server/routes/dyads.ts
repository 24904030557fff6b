/** GET /dyads/:a/:b: the relationship between two actors over time. */
import type { Modality } from '../../../core/types.js';
import type { ServerContext } from '../context.js';
import { route, type AnyRoute } from '../route.js';
import { DyadParams, DyadQuery, DyadResponse } from '../schemas.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

export function dyadRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/dyads/:a/:b',
      operationId: 'dyad',
      tag: 'dyads',
      summary: 'Two actors over time: events by period and type, cooperation and conflict, Goldstein sum and mean, tone',
      description: 'Drill down to the events of a period with GET /events?dyad=A-B&from=…&to=….',
      params: DyadParams,
      query: DyadQuery,
      responses: { 200: { description: 'the series', schema: DyadResponse } },
      handler: async ({ params, query }) => {
        const a = params.a.toUpperCase();
        const b = params.b.toUpperCase();
        const series = await ctx.store.dyad(a, b, { by: query.by, directed: !!query.directed, from: query.from, to: query.to, modality: query.modality?.length ? (query.modality as Modality[]) : undefined });
        const byType: Record<string, number> = {};
        let events = 0,
          cooperative = 0,
          conflictual = 0,
          gSum = 0,
          gN = 0,
          tone = 0,
          toneN = 0;
        for (const r of series) {
          events += r.events;
          cooperative += r.cooperative;
          conflictual += r.conflictual;
          gSum += r.goldsteinSum;
          // events with a score in the period: sum / mean (the store gives both, rounded)
          if (r.goldsteinMean != null) gN += Math.round(r.goldsteinSum / r.goldsteinMean) || r.events;
          if (r.tone != null) {
            tone += r.tone * r.events;
            toneN += r.events;
          }
          for (const [t, n] of Object.entries(r.byType)) byType[t] = (byType[t] ?? 0) + n;
        }
        return {
          a,
          b,
          by: query.by,
          directed: !!query.directed,
          names: { a: ctx.names.name(a), b: ctx.names.name(b) },
          series,
          totals: { events, cooperative, conflictual, goldsteinSum: round2(gSum), goldsteinMean: gN ? round2(gSum / gN) : null, tone: toneN ? round2(tone / toneN) : null, byType },
        };
      },
    }),
  ];
}
