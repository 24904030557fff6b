import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endOfPeriod, findCommitments } from '../src/core/stages/commitments/index.js';
import { engine, article } from './helpers/engine.js';

const commitments = (text: string) => {
  const a = engine().analyze(article(text, '2022-07-08'));
  return { a, list: findCommitments({ doc: a.doc!, actors: a.actors!, times: [], events: [] }) };
};
const codes = (a: ReturnType<typeof commitments>['a'], ids: string[]) => ids.map((id) => a.actors!.find((x) => x.id === id)!.code).sort();

test('an agreement in principle to a concrete action, with both parties', () => {
  const { a, list } = commitments('Japanese Foreign Minister Kenji Sato and German Foreign Minister Eva Hartmann met in Tokyo. They agreed in principle to hold a joint cabinet meeting in Berlin.');
  assert.equal(list.length, 1);
  assert.equal(list[0].action, 'hold a joint cabinet meeting in Berlin');
  assert.equal(list[0].strength, 'in-principle');
  assert.deepEqual(codes(a, list[0].parties), ['DEU', 'JPN']);
});

test('general intentions are not commitments', () => {
  assert.equal(commitments('The two sides agreed to expand bilateral cooperation and strengthen exchanges.').list.length, 0);
  assert.equal(commitments('France pledged to continue its close cooperation on these issues.').list.length, 0);
  assert.equal(commitments('Canada reaffirmed its commitment to Ukraine’s sovereignty.').list.length, 0);
});

test('pledges, undertakings and conditions', () => {
  const pledge = commitments('The Taliban reiterated their pledge to not allow attacks from Afghan territory.').list[0];
  assert.equal(pledge.action, 'not allow attacks from Afghan territory');
  const will = commitments('Japan will provide $50 million in emergency aid to Ukraine.').list[0];
  assert.equal(will.rule, 'will-undertake');
  const cond = commitments('Iran agreed to release the tanker if the United Kingdom released its own ship.').list[0];
  assert.equal(cond.strength, 'conditional');
});

test('the due date is the last day of the period named in the action', () => {
  assert.equal(endOfPeriod('2022'), '2022-12-31');
  assert.equal(endOfPeriod('2024-02'), '2024-02-29');
  assert.equal(endOfPeriod('2022-07-07'), '2022-07-07');
  const a = engine().analyze(article('Chile and Peru agreed to exchange visits within this year.', '2022-07-08'));
  const text = a.article.text;
  const t = { start: text.indexOf('within'), end: text.indexOf('.'), text: 'within this year', value: '2022' };
  const [c] = findCommitments({ doc: a.doc!, actors: a.actors!, times: [t], events: [] });
  assert.deepEqual([c.action, c.due, c.dueText], ['exchange visits', '2022-12-31', 'within this year']);
});

test('denied promises, names and promises nobody made are not commitments', () => {
  assert.equal(commitments('Australia did not agree to the extension of the fishing ban.').list.length, 0);
  assert.equal(commitments('Chile has not yet agreed on a schedule for the talks.').list.length, 0);
  assert.equal(commitments('Brazil joined the General Agreement on Tariffs and Trade in 1986.').list.length, 0);
  assert.equal(commitments('They agreed to exchange visits within this year.').list.length, 0, 'no party in the text');
  // the negation of another verb leaves the promise standing
  const kept = commitments('Chile will not change its decision to admit Peru as an observer.');
  assert.deepEqual(kept.list.map((c) => [c.action, codes(kept.a, c.parties)]), [['admit Peru as an observer', ['CHL']]]);
});
