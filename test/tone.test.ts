import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer } from '../src/core/nlp.js';
import { compileToneLexicon, scoreTone } from '../src/core/stages/tone/index.js';
import { loadToneExtension } from '../src/knowledge/lexicons.js';

const analyze = createAnalyzer();
const lex = compileToneLexicon(loadToneExtension());
const tone = (s: string) => scoreTone(analyze(s), [], lex).tone!;

test('diplomatic language moves the tone both ways', () => {
  assert.ok(tone('The two sides praised the mutually beneficial partnership as a milestone.') > 5);
  assert.ok(tone('The ministry condemned the bullying and interference, warning of confrontation.') < -5);
  assert.equal(tone('The delegation arrived on Tuesday.'), 0);
});

test('negation flips a word; an empty text has no tone', () => {
  assert.ok(tone('The talks were constructive.') > 0);
  assert.ok(tone('The talks were not constructive.') < 0);
  assert.equal(scoreTone(analyze(''), [], lex).tone, null);
});

test('each quote gets the tone of its own words', () => {
  const text = 'He said: "This is a friendly and fruitful visit." She said: "We condemn the aggression."';
  const doc = analyze(text);
  const q = (s: string, id: string) => ({ id, kind: 'direct' as const, text: s, start: text.indexOf(s), end: text.indexOf(s) + s.length, speaker: null, cue: null });
  const { quotes } = scoreTone(doc, [q('This is a friendly and fruitful visit.', 'Q1'), q('We condemn the aggression.', 'Q2')], lex);
  assert.ok(quotes[0].tone! > 0 && quotes[1].tone! < 0);
});
