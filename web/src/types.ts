/** The API's response shapes the dashboard reads (see /openapi.json for all of them). */

// the result of one article is the engine's own contract (type-only: nothing from src/ is bundled)
import type { Actor, ArticleResult, Commitment, Event, EventLocation, Mention, PlaceRecord, Quote, Span, TimeExpression } from '../../src/core/types.js';

export type { Actor, ArticleResult, Commitment, Mention, PlaceRecord, Quote, Span };
export type TextSpan = Span & { text: string };
export type ArticleEvent = Event;
export type Place = EventLocation;
export type TimeExpr = TimeExpression;

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
