/**
 * A coded event before one-per-occurrence merging (a "draft"), the passes that refine drafts, and the
 * shape the stage emits (the contract's Event plus its rule and evidence).
 */
import type { Actor, Event, Modality, Span } from '../../types.js';
import type { Ctx, Field } from './context.js';
import type { PloverType } from './lexicon.js';

export interface Evidence extends Span {
  /** Where the span indexes: the body (article.text) or the title. */
  field: Field;
  text: string;
  trigger: Span & { text: string };
  rule: string;
}

/** An event as this stage emits it: the contract's fields plus its rule and evidence. */
export interface CodedEvent extends Event {
  rule: string;
  evidence: Evidence[];
}

export interface Draft {
  field: Field;
  type: PloverType;
  mode: string | null;
  cameo: string | null;
  goldstein: number | null;
  quad: number | null;
  actors: string[];
  recipients: string[];
  /** The parties' codes, sorted: with the type, the key of one occurrence. */
  codes: string[];
  modality: Modality;
  date: string | null;
  dateText: string | null;
  trigger: Span & { text: string };
  sentence: Span;
  /** Token whose clause carries modality and date. */
  predicate: number;
  confidence: number;
  rule: string;
  evidence: Evidence[];
}

/** A pass over the drafts of one token view, in text order (see DRAFT_PASSES in index.ts). */
export interface DraftPass {
  name: string;
  run(c: Ctx, drafts: Draft[]): Draft[];
}

/** An actor's code as the scorer reads it: its code, else its name in upper case. */
export const codeOf = (a: Actor | undefined): string => (a ? a.code || a.name.toUpperCase() : '?');

/** Re-prices a draft under another CAMEO code (Goldstein score and quad class from the lexicon). */
export function recode(c: Ctx, d: Draft, cameo: string): void {
  const f = c.lex.cameo.get(cameo);
  d.cameo = cameo;
  d.goldstein = f?.goldstein ?? null;
  d.quad = f?.quad ?? null;
}
