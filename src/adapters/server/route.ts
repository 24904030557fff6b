/**
 * One way to declare an API route: method, path, zod schemas for its inputs and outputs, a handler.
 * `register` mounts it on fastify, parsing the inputs with the schemas (a request that does not fit
 * is a 400 listing what is wrong); openapi.ts reads the same declarations to write the document.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly issues?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** Default application/json. */
  contentType?: string;
}

type Empty = z.ZodObject<Record<string, never>>;

export interface RouteDef<Q extends z.ZodType = Empty, P extends z.ZodType = Empty, B extends z.ZodType = Empty> {
  method: 'GET' | 'POST';
  /** fastify syntax: /events/:id */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  query?: Q;
  params?: P;
  body?: B;
  /** Body content types accepted besides JSON (for the docs; parsers are added by the app). */
  bodyTypes?: string[];
  /** Turns a body in one of `bodyTypes` (a string) into the shape `body` parses. */
  fromRaw?: (body: string, contentType: string) => unknown;
  responses: Record<number, ResponseDoc>;
  handler: (input: { query: z.output<Q>; params: z.output<P>; body: z.output<B>; req: FastifyRequest; reply: FastifyReply }) => Promise<unknown>;
}

// the registry keeps routes with their own input types erased
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDef<any, any, any>;

export function route<Q extends z.ZodType = Empty, P extends z.ZodType = Empty, B extends z.ZodType = Empty>(def: RouteDef<Q, P, B>): AnyRoute {
  return def as AnyRoute;
}

function issuesOf(e: z.ZodError, where: string): Array<{ path: string; message: string }> {
  return e.issues.map((i) => {
    const path = i.path.length ? i.path.join('.') : where;
    return { path: String(path), message: i.message };
  });
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> {
  if (!schema) return {} as z.output<T>;
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issues = issuesOf(r.error, where);
  throw new HttpError(400, `invalid ${where}: ${issues.map((i) => (i.path === where ? i.message : `${i.path}: ${i.message}`)).join('; ')}`, issues);
}

export function register(app: FastifyInstance, routes: AnyRoute[]): void {
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      handler: async (req, reply) => {
        const params = parse(r.params, req.params, 'path');
        const query = parse(r.query, req.query, 'query');
        const raw = typeof req.body === 'string' && r.fromRaw ? r.fromRaw(req.body, String(req.headers['content-type'] ?? '')) : req.body;
        const body = r.method === 'POST' ? parse(r.body, raw, 'body') : ({} as never);
        return r.handler({ query, params, body, req, reply });
      },
    });
  }
}

/** A page of rows: one more than the page is fetched to know whether there is a next page. */
export function page<T>(rows: T[], limit: number, offset: number): { items: T[]; limit: number; offset: number; next: number | null } {
  const more = rows.length > limit;
  return { items: more ? rows.slice(0, limit) : rows, limit, offset, next: more ? offset + limit : null };
}
