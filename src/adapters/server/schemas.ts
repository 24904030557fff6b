/**
 * The API's shapes as zod schemas: inputs are parsed with them (a request that does not fit is a 400),
 * and the OpenAPI document is generated from them (openapi.ts), so the two cannot drift apart.
 * The event filters mean what `parley query`'s options mean.
 */
import { z } from 'zod';

// ── inputs ───────────────────────────────────────────────────────────────────────────────────────

const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
export const MODALITIES = ['asserted', 'future', 'negated', 'hypothetical'] as const;
export const STATUSES = ['kept', 'overdue', 'open'] as const;
export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;

/** A repeatable, comma-separated list parameter: `actor=KEN&actor=TZA` or `actor=KEN,TZA`. */
const list = <T extends z.ZodType<unknown, string>>(what: string, item: T) =>
  z
    .union([z.string().max(2000), z.array(z.string().max(2000)).max(50)])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item).max(50))
    .optional()
    .describe(`${what}; repeatable or comma-separated`);

const date = (what: string) => z.string().regex(DATE, 'a date YYYY-MM-DD, YYYY-MM or YYYY').optional().describe(what);

/** A flag: present (`?directed`), true, 1, or false, 0. */
const flag = (what: string) =>
  z
    .enum(['', 'true', 'false', '1', '0'])
    .transform((v) => v !== 'false' && v !== '0')
    .optional()
    .describe(what);

const code = z.string().min(1).max(40).regex(/^[A-Za-z0-9_.+ -]+$/, 'an actor code such as KEN or UN');

export const Page = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('page size (at most 500)'),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0).describe('rows to skip'),
};

/** The filters of `parley query`, as query parameters. */
export const EventFilterFields = {
  actor: list('a participant: code (KEN, UN) or the words of a name; any matches', z.string().min(1).max(100)),
  country: list("the event place's country (ISO alpha-3)", z.string().regex(/^[A-Za-z]{2,3}$/, 'an ISO alpha-3 code')),
  dyad: z
    .string()
    .regex(/^[A-Za-z0-9_.]+[-:,/ ][A-Za-z0-9_.]+$/, 'two codes, e.g. KEN-TZA')
    .optional()
    .describe('both participants, e.g. KEN-TZA (either side; with directed: the first acts on the second)'),
  directed: flag('with dyad: only events where the first acts and the second receives'),
  type: list('PLOVER type (CONSULT) or CAMEO code prefix (04, 042)', z.string().regex(/^([A-Za-z_]{2,20}|\d{1,4})$/, 'a PLOVER type or CAMEO prefix')),
  from: date('events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)'),
  to: date('events on or before this date'),
  place: z.string().min(1).max(200).optional().describe("words of the place's name"),
  modality: list('asserted, future, negated or hypothetical', z.enum(MODALITIES)),
  text: z.string().min(1).max(500).optional().describe('full-text search over the reporting articles (SQLite FTS5: words, "phrases", AND, OR, NOT, prefix*)'),
  minSources: z.coerce.number().int().min(1).max(10_000).optional().describe('only events reported by at least this many distinct sources'),
};

export const EventsQuery = z.object({ ...EventFilterFields, ...Page }).strict();
export type EventsQueryT = z.output<typeof EventsQuery>;

export const ExportQuery = z
  .object({ ...EventFilterFields, format: z.enum(['csv', 'jsonl']).default('csv').describe('csv (one event a row) or jsonl (each event with its mentions)'), max: z.coerce.number().int().min(1).max(1_000_000).default(100_000).describe('at most this many events') })
  .strict();

/** Filters for the aggregate views (actors, network, places): the event filters without paging. */
export const AggregateQuery = z.object({ ...EventFilterFields, limit: z.coerce.number().int().min(1).max(5000).default(200).describe('at most this many rows (nodes, places)') }).strict();
export type AggregateQueryT = z.output<typeof AggregateQuery>;

export const NetworkQuery = z.object({ ...EventFilterFields, limit: z.coerce.number().int().min(1).max(500).default(40).describe('at most this many actors (the most active)'), minEvents: z.coerce.number().int().min(1).max(100_000).default(1).describe('edges with fewer events are left out') }).strict();

export const IdParams = z.object({ id: z.string().min(1).max(500) }).strict();

export const ArticlesQuery = z
  .object({
    q: z.string().min(1).max(500).optional().describe('full-text search over titles and texts (SQLite FTS5 syntax); results by relevance'),
    from: date('published on or after'),
    to: date('published on or before'),
    source: z.string().min(1).max(200).optional().describe('the source (publisher host, feed or file) exactly'),
    ...Page,
  })
  .strict();
export type ArticlesQueryT = z.output<typeof ArticlesQuery>;

export const DyadParams = z.object({ a: code.describe('one participant code, e.g. KEN'), b: code.describe('the other, e.g. TZA') }).strict();
export const DyadQuery = z
  .object({
    by: z.enum(PERIODS).default('month').describe('the time step'),
    directed: flag('only events where a acts on b'),
    from: date('from this date'),
    to: date('to this date'),
    modality: list('modalities to count (default: asserted)', z.enum(MODALITIES)),
  })
  .strict();

export const QuotesQuery = z
  .object({
    speaker: z.string().min(1).max(200).optional().describe("part of the speaker's name, case-insensitive"),
    actor: code.optional().describe("the speaker's code (a state, an organisation, or a person's state)"),
    article: z.string().min(1).max(500).optional().describe('quotes of one article'),
    q: z.string().min(1).max(200).optional().describe('words in the quote, case-insensitive'),
    ...Page,
  })
  .strict();
export type QuotesQueryT = z.output<typeof QuotesQuery>;

export const CommitmentsQuery = z.object({ status: z.enum(STATUSES).optional().describe('kept, overdue or open'), actor: code.optional().describe('only commitments with this party'), ...Page }).strict();

export const ActorsQuery = z
  .object({ q: z.string().min(1).max(200).optional().describe('part of a code or name'), from: date('events on or after'), to: date('events on or before'), ...Page })
  .strict();

export const ArticleBody = z
  .object({
    text: z.string().min(1).optional().describe('the article as plain text'),
    html: z.string().min(1).optional().describe('the article as an HTML page (main text by Readability)'),
    url: z.url({ protocol: /^https?$/ }).max(2000).optional().describe('with text or html: the article\'s URL; alone: a page to fetch and read'),
    id: z.string().min(1).max(500).optional(),
    title: z.string().max(2000).optional(),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').optional().describe('publication date'),
    dateline: z.string().max(200).optional(),
    lang: z.string().max(10).optional(),
  })
  .strict()
  .refine((b) => [b.text, b.html].filter((x) => x != null).length <= 1, { message: 'give text or html, not both' })
  .refine((b) => b.text != null || b.html != null || b.url != null, { message: 'give text, html or url' });
export type ArticleBodyT = z.output<typeof ArticleBody>;

export const IngestQuery = z.object({ link: flag('re-link the corpus after storing it (default true)') }).strict();

// ── outputs (documentation; tests check real responses against them) ──────────────────────────────

const nul = <T extends z.ZodType>(t: T) => t.nullable();
const Span = z.object({ start: z.number().int(), end: z.number().int(), text: z.string() });

export const ErrorBody = z.object({ error: z.string().describe('the HTTP status text'), message: z.string().describe('what was wrong'), issues: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).meta({ id: 'Error' });

export const Place = z.object({ name: z.string(), code: nul(z.string()), lat: nul(z.number()), lon: nul(z.number()), geonameId: nul(z.number()) });

export const EventRowSchema = z
  .object({
    id: z.string(),
    date: nul(z.string()),
    type: z.string().describe('PLOVER type'),
    mode: nul(z.string()),
    modality: z.enum(MODALITIES),
    cameo: nul(z.string()),
    goldstein: nul(z.number()),
    quad: nul(z.number()),
    actors: z.array(z.string()).describe('participant codes (acting)'),
    recipients: z.array(z.string()),
    names: z.record(z.string(), z.array(z.string())).describe('the names the articles give each code'),
    place: nul(Place),
    numMentions: z.number().int(),
    numArticles: z.number().int(),
    numSources: z.number().int(),
    tone: nul(z.number()),
    isRoot: z.boolean(),
    firstArticle: z.string(),
    url: nul(z.string()),
    evidence: z.string().describe('the sentence of the first report'),
  })
  .meta({ id: 'Event' });

export const MentionRowSchema = z
  .object({
    event: z.string(),
    articleId: z.string(),
    eventId: z.string().describe("the event's id inside its article (E1)"),
    articleDate: nul(z.string()),
    source: nul(z.string()),
    url: nul(z.string()),
    trigger: Span,
    sentence: Span,
    inLead: z.boolean(),
    confidence: z.number(),
    date: nul(z.string()),
    dateText: nul(z.string()),
  })
  .meta({ id: 'Mention' });

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), limit: z.number().int(), offset: z.number().int(), next: nul(z.number().int()).describe('the offset of the next page, or null on the last') });

export const ArticleSummary = z
  .object({
    id: z.string(),
    date: nul(z.string()),
    title: nul(z.string()),
    dateline: nul(z.string()),
    url: nul(z.string()),
    source: nul(z.string()),
    tone: nul(z.number()),
    nearDuplicateOf: nul(z.string()),
    events: z.number().int().describe('event reports in the article'),
    snippet: nul(z.string()).describe('with q: the matching words, each between \\u0002 and \\u0003'),
  })
  .meta({ id: 'ArticleSummary' });

export const ArticleResultRef = z.looseObject({ schema: z.literal('parley.article/1') }).meta({ 'x-parley-ref': 'ArticleResult' });

export const CommitmentRowSchema = z
  .object({
    articleId: z.string(),
    commitmentId: z.string(),
    madeOn: nul(z.string()),
    parties: z.array(z.string()),
    action: z.string(),
    due: nul(z.string()),
    dueText: nul(z.string()),
    status: z.enum(STATUSES),
    late: z.boolean(),
    looksFor: z.array(z.string()).describe('the event types that would carry it out'),
    keptBy: nul(z.object({ event: z.string(), date: nul(z.string()), articleId: z.string(), eventId: z.string(), evidence: z.string() })),
    evidence: nul(z.object({ start: z.number().int(), end: z.number().int(), text: z.string() })).describe("the commitment's words in its article"),
  })
  .meta({ id: 'Commitment' });

export const ArticleDetail = z
  .object({
    id: z.string(),
    source: nul(z.string()),
    engine: nul(z.string()),
    nearDuplicateOf: nul(z.string()),
    ingestedAt: z.string(),
    result: ArticleResultRef,
    links: z.record(z.string(), z.string()).describe("each of the article's event ids (E1) → its linked corpus event id"),
    commitments: z.array(CommitmentRowSchema).describe("the article's commitments with their status"),
  })
  .meta({ id: 'ArticleDetail' });

export const DyadRowSchema = z.object({
  period: z.string(),
  events: z.number().int(),
  byType: z.record(z.string(), z.number()),
  goldsteinSum: z.number(),
  goldsteinMean: nul(z.number()),
  tone: nul(z.number()),
  cooperative: z.number().int(),
  conflictual: z.number().int(),
});

export const DyadResponse = z
  .object({
    a: z.string(),
    b: z.string(),
    by: z.enum(PERIODS),
    directed: z.boolean(),
    names: z.object({ a: nul(z.string()), b: nul(z.string()) }),
    series: z.array(DyadRowSchema),
    totals: z.object({ events: z.number().int(), cooperative: z.number().int(), conflictual: z.number().int(), goldsteinSum: z.number(), goldsteinMean: nul(z.number()), tone: nul(z.number()), byType: z.record(z.string(), z.number()) }),
  })
  .meta({ id: 'Dyad' });

export const ActorSummary = z
  .object({
    code: z.string(),
    name: z.string(),
    kind: z.enum(['state', 'organization', 'other']),
    events: z.number().int(),
    asActor: z.number().int(),
    asRecipient: z.number().int(),
    goldsteinMean: nul(z.number()),
    first: nul(z.string()),
    last: nul(z.string()),
  })
  .meta({ id: 'Actor' });

export const ActorDetail = z.object({ actor: ActorSummary, partners: z.array(z.object({ code: z.string(), name: z.string(), events: z.number().int(), goldsteinMean: nul(z.number()) })) });

export const NetworkResponse = z
  .object({
    nodes: z.array(z.object({ code: z.string(), name: z.string(), kind: z.enum(['state', 'organization', 'other']), events: z.number().int() })),
    edges: z.array(z.object({ a: z.string(), b: z.string(), events: z.number().int(), cooperative: z.number().int(), conflictual: z.number().int(), goldsteinMean: nul(z.number()) })),
  })
  .meta({ id: 'Network' });

export const PlacesResponse = z
  .object({
    places: z.array(z.object({ name: z.string(), code: nul(z.string()), lat: z.number(), lon: z.number(), events: z.number().int(), cooperative: z.number().int(), conflictual: z.number().int(), goldsteinMean: nul(z.number()), types: z.record(z.string(), z.number()) })),
    unplaced: z.number().int().describe('matching events with no coordinates'),
  })
  .meta({ id: 'Places' });

export const QuoteRowSchema = z
  .object({
    articleId: z.string(),
    articleDate: nul(z.string()),
    articleTitle: nul(z.string()),
    id: z.string(),
    kind: z.enum(['direct', 'indirect']),
    text: z.string(),
    speaker: nul(z.string()).describe("the speaker's actor id in the article"),
    speakerName: nul(z.string()),
    speakerCode: nul(z.string()),
    start: z.number().int(),
    end: z.number().int(),
  })
  .meta({ id: 'Quote' });

export const HealthResponse = z.object({ status: z.literal('ok'), version: z.string(), store: z.string(), articles: z.number().int(), events: z.number().int(), ingest: z.boolean().describe('POST /articles is available') });

export const IngestResponse = z
  .object({
    status: z.enum(['new', 'duplicate', 'near-duplicate']),
    id: z.string(),
    nearDuplicateOf: nul(z.string()),
    extracted: nul(z.object({ actors: z.number().int(), events: z.number().int(), quotes: z.number().int(), commitments: z.number().int() })),
    linked: nul(z.object({ mentions: z.number().int(), events: z.number().int(), commitments: z.record(z.string(), z.number()), asOf: nul(z.string()) })),
    href: z.string(),
  })
  .meta({ id: 'IngestResult' });
