/** GET /commitments: promises with their status (kept, overdue, open) and the words behind them. */
import type { CommitmentStatus } from '../../../link/commitments.js';
import type { CommitmentRow } from '../../store/types.js';
import type { ServerContext } from '../context.js';
import { page, route, type AnyRoute } from '../route.js';
import { CommitmentRowSchema, CommitmentsQuery, pageOf } from '../schemas.js';

export type CommitmentWithEvidence = CommitmentRow & { evidence: { start: number; end: number; text: string } | null };

export function allCommitments(ctx: ServerContext, status?: CommitmentStatus): Promise<CommitmentRow[]> {
  return ctx.cache.get(`commitments:${status ?? ''}`, () => ctx.store.commitments(status)) as Promise<CommitmentRow[]>;
}

/** Each commitment with the span of its article that makes it. */
export async function withEvidence(ctx: ServerContext, rows: CommitmentRow[]): Promise<CommitmentWithEvidence[]> {
  const out: CommitmentWithEvidence[] = [];
  for (const c of rows) {
    const a = await ctx.article(c.articleId);
    const k = a?.result.commitments.find((x) => x.id === c.commitmentId);
    out.push({ ...c, evidence: a && k ? { start: k.start, end: k.end, text: a.result.article.text.slice(k.start, k.end) } : null });
  }
  return out;
}

export function commitmentRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/commitments',
      operationId: 'listCommitments',
      tag: 'commitments',
      summary: 'Commitments by status: kept (with the event that kept them), overdue, open',
      query: CommitmentsQuery,
      responses: { 200: { description: 'a page of commitments', schema: pageOf(CommitmentRowSchema) } },
      handler: async ({ query }) => {
        let rows = await allCommitments(ctx, query.status);
        if (query.actor) rows = rows.filter((c) => c.parties.includes(query.actor!.toUpperCase()));
        const p = page(rows.slice(query.offset, query.offset + query.limit + 1), query.limit, query.offset);
        return { ...p, items: await withEvidence(ctx, p.items) };
      },
    }),
  ];
}
