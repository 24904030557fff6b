/** The API's response shapes the dashboard reads (see /openapi.json for all of them). */

export interface Span {
  start: number;
  end: number;
}
export interface TextSpan extends Span {
  text: string;
}

export interface Mention extends TextSpan {
  kind: string;
}
export interface Actor {
  id: string;
  name: string;
  type: string;
  code: string | null;
  sector: string | null;
  titles: string[];
  mentions: Mention[];
  members?: string[];
}
export interface Place {
  name: string;
  code: string | null;
  lat: number | null;
  lon: number | null;
  geonameId?: number | null;
}
export interface ArticleEvent {
  id: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  goldstein: number | null;
  quad: number | null;
  actors: string[];
  recipients: string[];
  date: string | null;
  dateText: string | null;
  location: Place | null;
  modality: string;
  trigger: TextSpan;
  sentence: Span;
  confidence: number;
}
export interface Quote extends Span {
  id: string;
  kind: 'direct' | 'indirect';
  text: string;
  speaker: string | null;
  cue: TextSpan | null;
}
export interface Commitment extends Span {
  id: string;
  parties: string[];
  action: string;
  due: string | null;
  dueText: string | null;
  event: string | null;
  strength?: string;
}
export interface TimeExpr extends TextSpan {
  value: string;
}
export interface PlaceRecord {
  id: string;
  name: string;
  code: string;
  kind: string;
  lat: number;
  lon: number;
  dateline: boolean;
  mentions: TextSpan[];
}
export interface ArticleResult {
  schema: string;
  article: { id: string; date: string | null; title: string | null; dateline: string | null; url: string | null; lang: string; text: string };
  actors: Actor[];
  events: ArticleEvent[];
  quotes: Quote[];
  commitments: Commitment[];
  times: TimeExpr[];
  places?: PlaceRecord[];
  tone: number | null;
}

export interface CommitmentRow {
  articleId: string;
  commitmentId: string;
  madeOn: string | null;
  parties: string[];
  action: string;
  due: string | null;
  dueText: string | null;
  status: 'kept' | 'overdue' | 'open';
  late: boolean;
  looksFor: string[];
  keptBy: { event: string; date: string | null; articleId: string; eventId: string; evidence: string } | null;
  evidence: TextSpan | null;
}

export interface ArticleDetail {
  id: string;
  source: string | null;
  engine: string | null;
  nearDuplicateOf: string | null;
  ingestedAt: string;
  result: ArticleResult;
  links: Record<string, string>;
  commitments: CommitmentRow[];
}

export interface ArticleSummary {
  id: string;
  date: string | null;
  title: string | null;
  dateline: string | null;
  url: string | null;
  source: string | null;
  tone: number | null;
  nearDuplicateOf: string | null;
  events: number;
  snippet: string | null;
}

export interface EventRow {
  id: string;
  date: string | null;
  type: string;
  mode: string | null;
  modality: string;
  cameo: string | null;
  goldstein: number | null;
  quad: number | null;
  actors: string[];
  recipients: string[];
  names: Record<string, string[]>;
  place: Place | null;
  numMentions: number;
  numArticles: number;
  numSources: number;
  tone: number | null;
  isRoot: boolean;
  firstArticle: string;
  url: string | null;
  evidence: string;
}

export interface MentionRow {
  event: string;
  articleId: string;
  eventId: string;
  articleDate: string | null;
  source: string | null;
  url: string | null;
  trigger: TextSpan;
  sentence: TextSpan;
  inLead: boolean;
  confidence: number;
  date: string | null;
  dateText: string | null;
}

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
  next: number | null;
}

export interface DyadRow {
  period: string;
  events: number;
  byType: Record<string, number>;
  goldsteinSum: number;
  goldsteinMean: number | null;
  tone: number | null;
  cooperative: number;
  conflictual: number;
}
export interface Dyad {
  a: string;
  b: string;
  by: string;
  directed: boolean;
  names: { a: string | null; b: string | null };
  series: DyadRow[];
  totals: { events: number; cooperative: number; conflictual: number; goldsteinSum: number; goldsteinMean: number | null; tone: number | null; byType: Record<string, number> };
}

export interface ActorSummary {
  code: string;
  name: string;
  kind: string;
  events: number;
  asActor: number;
  asRecipient: number;
  goldsteinMean: number | null;
  first: string | null;
  last: string | null;
}

export interface Network {
  nodes: Array<{ code: string; name: string; kind: string; events: number }>;
  edges: Array<{ a: string; b: string; events: number; cooperative: number; conflictual: number; goldsteinMean: number | null }>;
}

export interface PlaceStat {
  name: string;
  code: string | null;
  lat: number;
  lon: number;
  events: number;
  cooperative: number;
  conflictual: number;
  goldsteinMean: number | null;
  types: Record<string, number>;
}

export interface QuoteRow {
  articleId: string;
  articleDate: string | null;
  articleTitle: string | null;
  id: string;
  kind: string;
  text: string;
  speaker: string | null;
  speakerName: string | null;
  speakerCode: string | null;
  start: number;
  end: number;
}

export interface Health {
  status: string;
  version: string;
  store: string;
  articles: number;
  events: number;
  ingest: boolean;
}
