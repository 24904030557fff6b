import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  bandKeys,
  checkCommitment,
  commitmentRecords,
  eventMentions,
  isNearDuplicate,
  leadEnd,
  linkEvents,
  mentionDay,
  minhash,
  normaliseText,
  periodOf,
  sameEvent,
  similarity,
  textHash,
  typesFor,
  type EventMention,
} from '../src/link/index.js';
import { EMPTY, MEETING_A, MEETING_A_COPY, MEETING_B, PROMISES, VISIT } from './helpers/corpus.js';

const consult = (r: typeof MEETING_A) => eventMentions(r, new URL(r.article.url!).host).find((m) => m.type === 'CONSULT')!;

test('text identity: normalisation ignores case, spacing and punctuation, not words', () => {
  assert.equal(normaliseText('  Talks  were HELD.\n'), 'talks were held');
  assert.equal(textHash('Talks were held.'), textHash('talks  were held'));
  assert.notEqual(textHash('Talks were held.'), textHash('Talks were not held.'));
});

test('minhash: a syndicated copy with a small edit is a near-duplicate; another article is not', () => {
  const a = minhash(MEETING_A.article.text);
  const copy = minhash(MEETING_A_COPY.article.text);
  const other = minhash(MEETING_B.article.text);
  assert.ok(similarity(a, copy) >= 0.75, `copy similarity ${similarity(a, copy)}`);
  assert.ok(isNearDuplicate(a, copy));
  assert.ok(similarity(a, other) < 0.3, `other similarity ${similarity(a, other)}`);
  assert.ok(!isNearDuplicate(a, other));
  // candidates share at least one band key
  const ka = bandKeys(a);
  assert.ok(bandKeys(copy).some((k, i) => k === ka[i]));
  // deterministic
  assert.deepEqual([...minhash(MEETING_A.article.text)], [...a]);
  assert.equal(similarity(minhash('one two'), minhash('one two')), 1);
});

test('mentions: participants as codes, groups as their members, lead flag', () => {
  const ms = eventMentions(MEETING_A, 'wire.example');
  assert.deepEqual(ms.map((m) => [m.type, m.actors, m.recipients]), [
    ['CONSULT', ['CHN'], ['KOR']],
    ['AGREE', ['CHN', 'KOR'], []],
  ]);
  assert.equal(ms[0].inLead, true);
  assert.deepEqual(ms[0].names, { CHN: ['Lin Hao'], KOR: ['Cho Min'] });
  assert.deepEqual(eventMentions(EMPTY), []);
  const long = 'Header line\n\n' + 'x'.repeat(90) + '\n\n' + 'y'.repeat(300);
  assert.equal(leadEnd(long), 13 + 90);
  const [c] = commitmentRecords(MEETING_A);
  assert.deepEqual(c.parties, ['CHN', 'KOR']);
  assert.equal(c.eventType, 'AGREE');
});

test('linking rule: two articles about the same meeting are one event with two mentions', () => {
  const a = consult(MEETING_A);
  const b = consult(MEETING_B);
  assert.ok(sameEvent(a, b));
  const events = linkEvents([...eventMentions(MEETING_A, 'wire.example'), ...eventMentions(MEETING_B, 'daily.example')]);
  const meeting = events.filter((e) => e.type === 'CONSULT');
  assert.equal(meeting.length, 1);
  assert.equal(meeting[0].numMentions, 2);
  assert.equal(meeting[0].numArticles, 2);
  assert.equal(meeting[0].numSources, 2);
  assert.equal(meeting[0].date, '2022-07-07');
  assert.equal(meeting[0].location?.code, 'IDN');
  assert.equal(meeting[0].tone, 0.5); // mean of 2 and -1
  // a mean reads as a number, not as the float arithmetic's remainder (0.2 and 0.1 → 0.15, not 0.15000000000000002)
  const tones = linkEvents([...eventMentions({ ...MEETING_A, tone: 0.2 }, 'wire.example'), ...eventMentions({ ...MEETING_B, tone: 0.1 }, 'daily.example')]);
  assert.equal(tones.find((e) => e.type === 'CONSULT')!.tone, 0.15);
  assert.deepEqual(meeting[0].mentions.map((m) => m.articleId).sort(), ['daily-77', 'wire-1']);
  assert.equal(events.length, 3); // CONSULT, AGREE, REQUEST
  // input order does not matter, ids are stable
  const again = linkEvents([...eventMentions(MEETING_B, 'daily.example'), ...eventMentions(MEETING_A, 'wire.example')]);
  assert.deepEqual(again.map((e) => e.id).sort(), events.map((e) => e.id).sort());
});

test('linking rule: each condition separates events', () => {
  const a = consult(MEETING_A);
  const variant = (patch: Partial<EventMention>) => ({ ...a, articleId: 'other', ...patch });
  assert.ok(sameEvent(a, variant({})));
  assert.ok(!sameEvent(a, variant({ type: 'AGREE' })), 'type');
  assert.ok(!sameEvent(a, variant({ modality: 'future' })), 'modality');
  assert.ok(!sameEvent(a, variant({ recipients: ['JPN'] })), 'participants');
  assert.ok(sameEvent(a, variant({ actors: ['KOR'], recipients: ['CHN'] })), 'direction is not compared');
  assert.ok(sameEvent(a, variant({ date: '2022-07-08' })), 'one day apart');
  assert.ok(!sameEvent(a, variant({ date: '2022-07-09' })), 'two days apart');
  assert.ok(!sameEvent(a, variant({ location: { name: 'Seoul', code: 'KOR', lat: null, lon: null, geonameId: null } })), 'place');
  assert.ok(sameEvent(a, variant({ location: null })), 'no place is compatible');
  // dates: no event date → publication day; a month holding the publication day → the publication day
  assert.equal(mentionDay({ date: null, articleDate: '2022-07-08' }), mentionDay({ date: '2022-07-08', articleDate: null }));
  assert.equal(mentionDay({ date: '2022-07', articleDate: '2022-07-08' }), mentionDay({ date: '2022-07-08', articleDate: null }));
  assert.equal(mentionDay({ date: '2021', articleDate: '2022-07-08' }), null);
  assert.equal(mentionDay({ date: null, articleDate: null }), null);
});

test('linking rule: events are anchored on their first mention and do not drift', () => {
  const a = consult(MEETING_A);
  const chain = ['2022-07-07', '2022-07-08', '2022-07-09', '2022-07-10'].map((d, i) => ({ ...a, articleId: `x${i}`, date: d }));
  const events = linkEvents(chain);
  assert.deepEqual(events.map((e) => [e.date, e.numMentions]), [['2022-07-07', 2], ['2022-07-09', 2]]);
});

test('commitments: a later visit keeps the promise; no event past the deadline is overdue; else open', () => {
  const events = linkEvents([...eventMentions(MEETING_A, 'w'), ...eventMentions(MEETING_B, 'd'), ...eventMentions(VISIT, 'w'), ...eventMentions(PROMISES, 'p')]);
  const [c1] = commitmentRecords(MEETING_A);
  assert.deepEqual(typesFor(c1), ['CONSULT']);
  const kept = checkCommitment(c1, events, '2022-09-20');
  assert.equal(kept.status, 'kept');
  assert.equal(kept.keptBy?.articleId, 'wire-2');
  assert.equal(kept.keptBy?.date, '2022-09-19');
  assert.equal(kept.late, false);
  // without the visit, it is open until the end of the year, then overdue
  const noVisit = events.filter((e) => !e.mentions.some((m) => m.articleId === 'wire-2'));
  assert.equal(checkCommitment(c1, noVisit, '2022-09-20').status, 'open', 'the Bali meeting itself does not keep it');
  assert.equal(checkCommitment(c1, noVisit, '2023-01-01').status, 'overdue');
  const [aid, summit] = commitmentRecords(PROMISES);
  assert.deepEqual(typesFor(aid), ['AID']);
  assert.equal(checkCommitment(aid, events, '2022-09-20').status, 'overdue');
  assert.deepEqual(typesFor(summit), ['CONSULT']);
  assert.equal(checkCommitment(summit, events, '2022-09-20').status, 'open');
  // a visit within a month after the deadline keeps it late; later than that, it is overdue
  const late = checkCommitment({ ...c1, due: '2022-08-31' }, events, '2022-09-20');
  assert.equal(late.status, 'kept');
  assert.equal(late.late, true);
  assert.equal(checkCommitment({ ...c1, due: '2022-07-31' }, events, '2022-09-20').status, 'overdue');
  // no due date: a year to keep it
  assert.equal(checkCommitment({ ...c1, due: null }, events, '2022-09-20').status, 'kept');
  assert.equal(checkCommitment({ ...c1, due: null, articleDate: '2021-06-01' }, events, '2022-09-20').status, 'open');
  // an action that names no kind of event cannot be checked
  assert.deepEqual(typesFor({ action: 'remain good friends', eventType: null, eventModality: null }), []);
  assert.equal(checkCommitment({ ...c1, action: 'keep in touch', eventType: 'AGREE' }, events, '2022-09-20').status, 'open');
  // the parties include the commitment's own event's participants; a single party cannot be checked
  assert.equal(checkCommitment({ ...c1, parties: ['KOR'] }, events, '2022-09-20').status, 'kept', 'CHN from the own event');
  assert.equal(checkCommitment({ ...c1, parties: ['KOR'], eventParticipants: [] }, events, '2022-09-20').status, 'open');
  // an event dated by a year only is not evidence
  const yearOnly = events.map((e) => (e.mentions.some((m) => m.articleId === 'wire-2') ? { ...e, date: '2022' } : e));
  assert.equal(checkCommitment(c1, yearOnly, '2022-09-20').status, 'open');
});

test('periods for time series', () => {
  assert.equal(periodOf('2022-07-08', 'month'), '2022-07');
  assert.equal(periodOf('2022-07-08', 'quarter'), '2022-Q3');
  assert.equal(periodOf('2022-07-08', 'year'), '2022');
  assert.equal(periodOf('2022-07-08', 'week'), '2022-W27');
  assert.equal(periodOf('2021-01-01', 'week'), '2020-W53');
});
