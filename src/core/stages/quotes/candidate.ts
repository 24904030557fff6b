import type { Span } from '../../types.js';

/** A quote found in the text, before its speaker expression is mapped to an actor. */
export interface QuoteCandidate {
  kind: 'direct' | 'indirect';
  /** The content: text.slice(start, end) === text. For a quote interrupted by its attribution
   * ("...," Wang said. "...") the span runs from the first passage to the last and `parts` lists the passages. */
  start: number;
  end: number;
  text: string;
  cue: { start: number; end: number; text: string } | null;
  /** The speaker expression in the text ("Wang", "he", "the ministry"), or null when none is found. */
  speakerSpan: Span | null;
  /** The head word of the speaker expression, used to pick the right actor mention. */
  speakerHead?: Span | null;
  /** What the head is: a name ("Wang"), a pronoun ("he"), a human role ("spokesman", "aides") or another noun ("campaign"). */
  speakerHeadKind?: 'name' | 'pronoun' | 'noun' | 'role';
  /** The quoted passages, without their marks, when there are several. */
  parts?: Span[];
  /** The rule that found the quote (and, after a "+", how its speaker was found). */
  rule: string;
  /** The transcript turn that holds the quote (see text/turns.ts), or -1: the article is no transcript. */
  turn: number;
  /** The speaker expression is "I" or "we". */
  firstPerson: boolean;
}

/** What the rules produce; `cueTok` ties a candidate to its cue so two rules never claim one cue twice. */
export interface Found {
  kind: 'direct' | 'indirect';
  start: number;
  end: number;
  parts?: Span[];
  cue: Span | null;
  cueTok: number;
  /** The cue's class in the lexicon (say, tell, that, direct), when a verb. */
  cueClass?: string;
  speaker: Span | null;
  head: Span | null;
  rule: string;
}
