import test from 'node:test';
import assert from 'node:assert/strict';
import { createAnalyzer } from '../src/core/nlp.js';
import { attributeQuotes, findQuotes, type QuoteCandidate } from '../src/core/stages/quotes/index.js';
import type { Actor } from '../src/core/types.js';

const analyze = createAnalyzer();
const quotes = (text: string) => findQuotes(analyze(text));
const spk = (text: string, q: QuoteCandidate) => (q.speakerSpan ? text.slice(q.speakerSpan.start, q.speakerSpan.end) : null);
const only = (text: string) => {
  const qs = quotes(text);
  assert.equal(qs.length, 1, `one quote expected, got ${JSON.stringify(qs.map((q) => q.text))}`);
  return qs[0];
};

test('direct quote in curly marks, attribution after', () => {
  const text = '“We will expand trade with our neighbours,” Lee said on Tuesday.';
  const q = only(text);
  assert.equal(q.kind, 'direct');
  assert.equal(q.text, 'We will expand trade with our neighbours');
  assert.equal(q.cue?.text, 'said');
  assert.equal(spk(text, q), 'Lee');
});

test('direct quote in ASCII marks, inverted attribution', () => {
  const text = '"The border will stay open," said the interior minister.';
  const q = only(text);
  assert.equal(q.text, 'The border will stay open');
  assert.equal(spk(text, q), 'the interior minister');
});

test('direct quote in single marks and in guillemets', () => {
  const a = "'Nobody wants another war,' Lee told reporters.";
  assert.equal(only(a).text, 'Nobody wants another war');
  assert.equal(spk(a, only(a)), 'Lee');
  const b = 'Lee said: « Nous sommes prêts à négocier. »';
  assert.equal(only(b).kind, 'direct');
  assert.equal(only(b).text, 'Nous sommes prêts à négocier.');
});

test('attribution before the quote, with a colon', () => {
  const text = 'The foreign minister said: "Our doors remain open to dialogue."';
  const q = only(text);
  assert.equal(q.kind, 'direct');
  assert.equal(q.text, 'Our doors remain open to dialogue.');
  assert.equal(spk(text, q), 'The foreign minister');
});

test('a quote interrupted by its attribution is one entry', () => {
  const text = '“The talks were useful,” Lee said. “We agreed to meet again in the spring.”';
  const q = only(text);
  assert.equal(q.kind, 'direct');
  assert.equal(q.parts?.length, 2);
  assert.ok(q.text.startsWith('The talks were useful'));
  assert.ok(q.text.endsWith('meet again in the spring.'));
  assert.equal(spk(text, q), 'Lee');
});

test('a quote spanning two paragraphs is one entry', () => {
  const text = 'Lee said: “The first round went well.\n\n“The second round will start in May.”\n\nMarkets rose.';
  const q = only(text);
  assert.equal(q.kind, 'direct');
  assert.ok(q.text.startsWith('The first round went well.'));
  assert.ok(q.text.endsWith('will start in May.'));
});

test('a quote paragraph continuing the previous speaker gets the same speaker', () => {
  const text = '“We are ready,” the envoy said.\n\n“We have been ready for a long time.”';
  const qs = quotes(text);
  assert.equal(qs.length, 1);
  assert.equal(spk(text, qs[0]), 'the envoy');
  assert.ok(qs[0].text.includes('for a long time'));
});

test('nested quotes stay inside the outer quote', () => {
  const text = '“He told me ‘we are ready’ before the meeting,” Kim said.';
  const q = only(text);
  assert.equal(q.text, 'He told me ‘we are ready’ before the meeting');
  assert.equal(spk(text, q), 'Kim');
});

test('an unclosed quote does not swallow the rest of the article', () => {
  const text = 'Lee said: “We are ready to talk and the ball is in their court.\n\nLater, officials said progress was made in Geneva.\n\nThe ministry said the next round would be held in March.';
  const qs = quotes(text);
  const direct = qs.filter((q) => q.kind === 'direct');
  assert.equal(direct.length, 1);
  assert.ok(!direct[0].text.includes('Geneva'));
  const indirect = qs.filter((q) => q.kind === 'indirect').map((q) => q.text);
  assert.ok(indirect.includes('progress was made in Geneva'));
  assert.ok(indirect.includes('the next round would be held in March'));
});

test('a phrase in quotation marks inside a sentence is not a direct quote', () => {
  const text = 'The so-called “peace plan” was rejected by parliament on Monday.';
  assert.deepEqual(quotes(text), []);
});

test('a cue followed only by a noun phrase is not a quote', () => {
  assert.deepEqual(quotes('Lee emphasized the importance of regional stability.'), []);
  assert.deepEqual(quotes('The minister stressed the need for closer cooperation in trade.'), []);
  assert.deepEqual(quotes('Kim noted the progress made in the talks.'), []);
});

test('a negated cue is not a quote', () => {
  assert.deepEqual(quotes('The ministry did not say whether the talks would resume.'), []);
});

test('indirect quote: cue with and without "that"', () => {
  const a = 'Lee said the talks were useful.';
  assert.equal(only(a).kind, 'indirect');
  assert.equal(only(a).text, 'the talks were useful');
  assert.equal(spk(a, only(a)), 'Lee');
  const b = 'Kim stressed that both sides must respect the ceasefire.';
  assert.equal(only(b).text, 'both sides must respect the ceasefire');
  assert.equal(only(b).cue?.text, 'stressed');
});

test('indirect quote after its content: "..., the ministry said"', () => {
  const text = 'The next round of talks will be held in Oslo, the ministry said.';
  const q = only(text);
  assert.equal(q.text, 'The next round of talks will be held in Oslo');
  assert.equal(spk(text, q), 'the ministry');
});

test('"Noting that ..., X said ..." gives two quotes by X', () => {
  const text = 'Noting that this year marks the tenth anniversary of the treaty, Lee said relations are entering a new stage.';
  const qs = quotes(text);
  assert.equal(qs.length, 2);
  assert.equal(qs[0].text, 'this year marks the tenth anniversary of the treaty');
  assert.equal(qs[1].text, 'relations are entering a new stage');
  for (const q of qs) assert.equal(spk(text, q), 'Lee');
});

test('"..., adding that ..." is spoken by the speaker of the main clause', () => {
  const text = 'The dispute should be settled through dialogue, Kim said, adding that both sides had shown restraint.';
  const qs = quotes(text);
  assert.equal(qs.length, 2);
  assert.equal(qs[0].text, 'The dispute should be settled through dialogue');
  assert.equal(qs[1].text, 'both sides had shown restraint');
  assert.equal(qs[1].cue?.text, 'adding');
  assert.equal(spk(text, qs[1]), 'Kim');
});

test('"according to" before and after the content', () => {
  const a = 'According to the ministry, the agreement will take effect in June.';
  assert.equal(only(a).text, 'the agreement will take effect in June');
  assert.equal(only(a).cue?.text, 'According to');
  assert.equal(spk(a, only(a)), 'the ministry');
  const b = 'The shipment left the port on Friday, according to customs officials.';
  assert.equal(only(b).text, 'The shipment left the port on Friday');
  assert.equal(spk(b, only(b)), 'customs officials');
});

test('"called X a milestone" is a quote; "For his part, Park ..." finds Park', () => {
  const text = 'For his part, Park called the new agreement a milestone in bilateral ties.';
  const q = only(text);
  assert.equal(q.kind, 'indirect');
  assert.equal(q.text, 'the new agreement a milestone in bilateral ties');
  assert.equal(q.cue?.text, 'called');
  assert.equal(spk(text, q), 'Park');
  assert.deepEqual(quotes('Park called the minister on Friday to discuss the visit.'), []);
  assert.deepEqual(quotes('Park called for an immediate ceasefire.'), []);
});

test('"he added" keeps the pronoun as the speaker expression', () => {
  const text = 'Lee met Kim in Seoul. “We must prevent a new arms race,” he added.';
  const q = only(text);
  assert.equal(spk(text, q), 'he');
  assert.equal(q.cue?.text, 'added');
});

test('the speaker of an appositive subject is the whole phrase, headed by the name', () => {
  const text = 'Anna Berg, a spokeswoman for the ministry, told reporters the embassy would reopen.';
  const q = only(text);
  assert.equal(q.text, 'the embassy would reopen');
  assert.equal(spk(text, q), 'Anna Berg, a spokeswoman for the ministry');
  assert.equal(text.slice(q.speakerHead!.start, q.speakerHead!.end), 'Berg');
});

test('dash attribution and transcript labels', () => {
  const a = '“We are not afraid of sanctions.” ― Maria Lopez';
  assert.equal(spk(a, only(a)), 'Maria Lopez');
  const b = 'HOST: What happens next?\n\nLOPEZ: We will wait for their answer.';
  const qs = quotes(b);
  assert.equal(qs.length, 2);
  assert.deepEqual(qs.map((q) => spk(b, q)), ['HOST', 'LOPEZ']);
  assert.equal(qs[1].text, 'We will wait for their answer');
});

test('a transcript turn runs over unlabelled paragraphs up to the next speaker', () => {
  const text = 'MR LEE: We will start with the budget.\n\nThen we turn to the border question.\n\nMS PARK: Thank you. QUESTION: When will the talks resume?';
  const qs = quotes(text);
  assert.deepEqual(qs.map((q) => spk(text, q)), ['MR LEE', 'MS PARK']);
  assert.ok(qs[0].text.endsWith('the border question'));
  assert.equal(qs[1].text, 'Thank you');
  assert.equal(qs[0].kind, 'direct');
});

test('every span indexes the text', () => {
  const text = 'Noting that trade grew, Lee said: “We are ready,” adding that talks would resume. “Soon,” he said.\n\nThe ministry said on Friday that it welcomed the move, according to a statement.';
  for (const q of quotes(text)) {
    assert.equal(text.slice(q.start, q.end), q.text);
    if (q.cue) assert.equal(text.slice(q.cue.start, q.cue.end), q.cue.text);
    if (q.speakerSpan) assert.ok(q.speakerSpan.end <= text.length && q.speakerSpan.start < q.speakerSpan.end);
  }
});

const actor = (id: string, name: string, mentions: [number, number, string][], extra: Partial<Actor> = {}): Actor => ({
  id, name, type: 'person', code: null, sector: null, titles: [],
  mentions: mentions.map(([start, end, kind]) => ({ start, end, text: '', kind: kind as Actor['mentions'][number]['kind'] })),
  ...extra,
});

test('attributeQuotes maps the speaker expression to the actor mentioned there', () => {
  const text = 'Lee met Kim in Seoul. “We must prevent a new arms race,” he added.';
  const cands = quotes(text);
  const he = text.indexOf('he added');
  const actors = [actor('A1', 'Lee Min', [[0, 3, 'name'], [he, he + 2, 'pronoun']]), actor('A2', 'Kim Soo', [[8, 11, 'name']])];
  const [q] = attributeQuotes(cands, actors);
  assert.equal(q.id, 'Q1');
  assert.equal(q.speaker, 'A1');
  assert.equal(q.kind, 'direct');
});

test('attributeQuotes prefers the mention covering the head and never guesses', () => {
  const text = 'Anna Berg, a spokeswoman for the ministry, told reporters the embassy would reopen.';
  const cands = quotes(text);
  const ministry = text.indexOf('the ministry');
  const actors = [
    actor('A1', 'Russia', [[ministry, ministry + 12, 'body']], { type: 'state', code: 'RUS' }),
    actor('A2', 'Anna Berg', [[0, 9, 'name']]),
  ];
  assert.equal(attributeQuotes(cands, actors)[0].speaker, 'A2');
  // no mention at the speaker expression: no speaker, even with a name nearby
  assert.equal(attributeQuotes(cands, [actor('A3', 'Someone', [[text.length - 7, text.length - 1, 'name']])])[0].speaker, null);
});

test('attributeQuotes: a group speaks through its first member', () => {
  const text = 'They noted that the region needs stability.';
  const cands = quotes(text);
  const actors = [
    actor('A1', 'Lee Min', [[100, 103, 'name']]),
    actor('A2', 'Kim Soo', [[110, 113, 'name']]),
    actor('A3', 'the two sides', [[0, 4, 'group']], { type: 'group', members: ['A1', 'A2'] }),
  ];
  assert.equal(attributeQuotes(cands, actors)[0].speaker, 'A1');
});

test('attributeQuotes: in a transcript, "I" and "we" are whoever holds the turn', () => {
  const paras = ['MR LEE: Good afternoon, everyone.', 'We have three announcements.', 'First, the envoy travels to Jakarta.', 'Second, the embassy reopens.', 'Third, the visa office moves.', 'The schedule is online.', 'That is all for today.', 'One more thing before questions.', 'I noted yesterday that the talks had stalled.', 'QUESTION: And on Iran? Officials said that we would know more soon.'];
  const text = paras.join('\n\n');
  const cands = quotes(text);
  const lee = text.indexOf('LEE');
  const actors = [actor('A1', 'Lee Min', [[lee, lee + 3, 'name']])];
  const out = attributeQuotes(cands, actors).map((q) => [q.text, q.speaker]);
  assert.deepEqual(out.find(([t]) => t === 'the talks had stalled'), ['the talks had stalled', 'A1']);
  // another turn's "we", with no label speaker of its own known, stays unattributed
  assert.ok(!out.some(([t, s]) => String(t).includes('know more') && s === 'A1'));
});
