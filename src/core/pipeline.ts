/**
 * The pipeline: one visible, ordered list of named stages. Each stage declares the fields of the
 * analysis it requires and the ones it assigns, so the order is checked before anything runs, and a
 * stage can be switched off by name (its outputs then stay empty).
 */
import type { Gazetteer } from './gazetteer.js';
import type { CompiledKb } from './kb/compile.js';
import type { Analyzer, Doc } from './nlp.js';
import type { Mentions } from './stages/mentions/index.js';
import type { QuoteCandidate } from './stages/quotes/index.js';
import type { ToneLexicon } from './stages/tone/index.js';
import type { EventLexicon } from './stages/events/index.js';
import type { Actor, Article, Commitment, Event, PlaceRecord, Quote, TimeExpression } from './types.js';

export interface Analysis {
  article: Article;
  doc?: Doc;
  mentions?: Mentions;
  /** Quotes found in the text, before their speakers are resolved: their speaker spans guide the actors stage. */
  quoteCandidates?: QuoteCandidate[];
  actors?: Actor[];
  times?: TimeExpression[];
  places?: PlaceRecord[];
  events?: Event[];
  quotes?: Quote[];
  commitments?: Commitment[];
  tone?: number | null;
}

export type Field = keyof Analysis;

export interface EngineContext {
  kb: CompiledKb;
  gazetteer: Gazetteer;
  tone: ToneLexicon;
  events: EventLexicon | null;
  analyze: Analyzer;
}

export interface Stage {
  name: string;
  requires: Field[];
  assigns: Field[];
  run(a: Analysis, ctx: EngineContext): void;
}

export class PipelineError extends Error {
  constructor(readonly code: string, message: string) {
    super(`[${code}] ${message}`);
  }
}

/** Throws when a stage requires a field that no earlier stage assigns, or a name is unknown. */
export function checkPipeline(stages: Stage[], disabled: string[] = []): void {
  const names = new Set(stages.map((s) => s.name));
  for (const d of disabled) if (!names.has(d)) throw new PipelineError('E_STAGE', `unknown stage "${d}"; stages are: ${[...names].join(', ')}`);
  const have = new Set<Field>(['article']);
  for (const s of stages) {
    if (disabled.includes(s.name)) continue;
    for (const r of s.requires) if (!have.has(r)) throw new PipelineError('E_ORDER', `stage "${s.name}" requires "${r}", which no earlier enabled stage assigns`);
    for (const f of s.assigns) have.add(f);
  }
}

export function runPipeline(stages: Stage[], article: Article, ctx: EngineContext, disabled: string[] = []): Analysis {
  const a: Analysis = { article };
  for (const s of stages) if (!disabled.includes(s.name)) s.run(a, ctx);
  return a;
}
