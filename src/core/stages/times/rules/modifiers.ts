/**
 * Widens a candidate over the modifiers in front of it, which keep its value and granularity (TimeBank's
 * convention: "early next year" is 1990, "mid-November" is 1989-11, "late yesterday" is the day):
 * "early", "late", "mid-", "earlier", "later", "the beginning/middle/rest of", "around", "this coming".
 * "the end of" / "the close of" also marks the candidate as naming the end of its period, which the
 * deadline rule reads ("by the end of 1990" → 1990-12-31).
 */
import type { Candidate, TimeContext, TimeRefiner } from '../types.js';

const MODIFIER = new RegExp(
  String.raw`(?:\b(?:the\s+)?(?:very\s+)?(end|close|beginning|start|middle|rest|remainder|(?:first|second|latter|early|later)\s+(?:half|part)|bulk)\s+of\s+` +
    String.raw`|\b(?:(?:earlier|later|early|late)\s+in\s+|(?:in\s+)?(?:early|late|earlier|later|around|about|approximately|sometime|some\s+time|as\s+early\s+as|as\s+late\s+as|this\s+coming)\s+)` +
    String.raw`|\bmid-?\s*)$`,
  'i',
);

export const modifierRefiner: TimeRefiner = {
  name: 'modifier',
  role: 'refiner',
  refine(ctx: TimeContext, cands: Candidate[]): Candidate[] {
    for (const c of cands) {
      for (let i = 0; i < 2; i++) {
        const before = ctx.text.slice(Math.max(0, c.start - 40), c.start);
        const m = MODIFIER.exec(before);
        if (!m || m[0].length === 0) break;
        // keep the preposition "in" out of the span ("in early May" → "early May")
        const lead = /^in\s+/i.exec(m[0]);
        c.start -= m[0].length - (lead ? lead[0].length : 0);
        if (m[1] && /^(?:end|close)$/i.test(m[1])) c.endOfPeriod = true;
        if (lead) break;
      }
    }
    return cands;
  },
};
