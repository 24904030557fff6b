import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer } from '../src/core/nlp.js';

test('tokens carry offsets into the original text, and sentences split at line breaks', () => {
  const text = 'Office of the Spokesperson\n\nThe minister’s visit ended.  It was brief.';
  const d = createAnalyzer()(text);
  for (const t of d.tokens) assert.equal(text.slice(t.start, t.end), t.text);
  assert.equal(d.sentences.length, 3);
  assert.ok(d.tokens.some((t) => t.text === '’s'), 'the possessive is a token of its own');
});

test('the analysis of a text does not depend on the texts read before it', () => {
  // wink-nlp caches words it has seen: "Kellmar's." closing a sentence enters its cache whole, and
  // an unseen "Kellmar's" is then kept whole instead of split
  const first = 'The bonds are rated highly by Zorvath\'s and Kellmar\'s.';
  const text = 'Zorvath and Kellmar\'s Corp said it affirmed the ratings.';
  const fresh = createAnalyzer()(text);
  const warm = createAnalyzer();
  warm(first);
  const after = warm(text);
  assert.deepEqual(after.tokens.map((t) => [t.text, t.start, t.pos]), fresh.tokens.map((t) => [t.text, t.start, t.pos]));
});
