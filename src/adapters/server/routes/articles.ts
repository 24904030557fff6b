/** GET /articles (search), GET /articles/:id (the full result, links, commitments), POST /articles. */
import type { ServerContext } from '../context.js';
import { HttpError, page, route, type AnyRoute } from '../route.js';
import { ArticleBody, ArticleDetail, ArticlesQuery, ArticleSummary, ErrorBody, IdParams, IngestQuery, IngestResponse, pageOf } from '../schemas.js';
import { allCommitments, withEvidence } from './commitments.js';

export function articleRoutes(ctx: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/articles',
      operationId: 'listArticles',
      tag: 'articles',
      summary: 'Stored articles: newest first, or by relevance to a full-text query',
      query: ArticlesQuery,
      responses: { 200: { description: 'a page of articles', schema: pageOf(ArticleSummary) } },
      handler: async ({ query }) => page(await ctx.reads.articles({ ...query, limit: query.limit + 1 }), query.limit, query.offset),
    }),
    route({
      method: 'GET',
      url: '/articles/:id',
      operationId: 'getArticle',
      tag: 'articles',
      summary: 'One article with its full parley.article/1 result, the linked event of each of its events, and its commitments with their status',
      params: IdParams,
      responses: { 200: { description: 'the article', schema: ArticleDetail }, 404: { description: 'no such article', schema: ErrorBody } },
      handler: async ({ params }) => {
        const a = await ctx.store.getArticle(params.id);
        if (!a) throw new HttpError(404, `no article "${params.id}"`);
        const links = (await ctx.reads.links(params.id)) ?? {};
        const commitments = await withEvidence(
          ctx,
          (await allCommitments(ctx)).filter((c) => c.articleId === params.id),
        );
        return { id: a.result.article.id, source: a.source, engine: a.engine, nearDuplicateOf: a.nearDuplicateOf, ingestedAt: a.ingestedAt, result: a.result, links, commitments };
      },
    }),
    route({
      method: 'POST',
      url: '/articles',
      operationId: 'ingestArticle',
      tag: 'articles',
      summary: 'Extract one article (text, HTML, or a URL to fetch), store it and link the corpus',
      description:
        'JSON {text | html | url, id?, title?, date?, dateline?, lang?}, or a raw text/plain or text/html body. A URL is fetched over http(s) (public addresses only, unless the server allows private ones). 201 with the stored id; 200 when the article was already stored (same id, URL or text).',
      query: IngestQuery,
      body: ArticleBody,
      bodyTypes: ['text/plain', 'text/html'],
      fromRaw: (body, type) => (/^text\/html/i.test(type) ? { html: body } : { text: body }),
      responses: {
        201: { description: 'stored', schema: IngestResponse },
        200: { description: 'already stored (duplicate)', schema: IngestResponse },
        413: { description: 'too large', schema: ErrorBody },
        422: { description: 'no article could be read', schema: ErrorBody },
        503: { description: 'this server does not ingest (started without an engine or read-only)', schema: ErrorBody },
      },
      handler: async ({ body, query, reply }) => {
        if (!ctx.ingest) throw new HttpError(503, 'this server does not ingest articles (read-only)');
        const out = await ctx.ingest.ingest(body, query.link ?? true);
        reply.code(out.status === 'duplicate' ? 200 : 201);
        return { ...out, href: `/articles/${encodeURIComponent(out.id)}` };
      },
    }),
  ];
}
