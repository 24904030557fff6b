/** The API's response shapes the dashboard reads (see /openapi.json for all of them). */

// the shapes come from the engine's contract and the server's own types (type-only: nothing from src/
// is bundled), so the dashboard cannot drift from what the API sends
import type { Actor, ArticleResult, Commitment, Event, EventLocation, Mention, PlaceRecord, Quote, Span, TimeExpression } from '../../src/core/types.js';
import type { ActorStat, network, PlaceStat } from '../../src/adapters/server/aggregate.js';
import type { ArticleSummaryRow, QuoteRow } from '../../src/adapters/server/reads.js';
import type { CommitmentWithEvidence } from '../../src/adapters/server/routes/commitments.js';
import type { DyadRow, EventRow, MentionRow } from '../../src/adapters/store/types.js';

export type { Actor, ArticleResult, Commitment, DyadRow, EventRow, Mention, MentionRow, PlaceRecord, PlaceStat, Quote, QuoteRow, Span };
export type TextSpan = Span & { text: string };
export type ArticleEvent = Event;
export type Place = EventLocation;
export type TimeExpr = TimeExpression;
export type CommitmentRow = CommitmentWithEvidence;
export type ArticleSummary = ArticleSummaryRow;
export type ActorSummary = ActorStat;

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

export interface Page<T> {
  items: T[];
  limit: number;
  offset: number;
  next: number | null;
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

export type Network = ReturnType<typeof network>;

export interface Health {
  status: string;
  version: string;
  store: string;
  articles: number;
  events: number;
  ingest: boolean;
}
