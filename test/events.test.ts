/**
 * The event stage, rule family by rule family, on sentences written for these tests, with hand-built
 * actors (the actor stage is tested on its own). Plus the PLOVER gold-standard sentences: the share
 * whose event type the stage gets right, with a floor that only rises.
 */
import test from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAnalyzer } from '../src/core/nlp.js';
import type { Actor, ActorType, Article, MentionKind, TimeExpression } from '../src/core/types.js';
import { codeEvents, loadLexicon, LexiconError, PLOVER_TYPES, type CodedEvent, type EventLexicon } from '../src/core/stages/events/index.js';

/** The project root: the nearest directory above this file holding package.json. */
function projectRoot(): string {
  let dir = fileURLToPath(new URL('.', import.meta.url));
  while (!existsSync(dir + 'package.json') && dir !== '/') dir = dir.replace(/[^/]+\/$/, '');
  return dir;
}
const ROOT = projectRoot();
const lexicon: EventLexicon = loadLexicon(JSON.parse(readFileSync(ROOT + 'data/lexicon/events.json', 'utf8')));
const analyze = createAnalyzer();

// ---------- helpers ----------

interface ActorSpec {
  id: string;
  name: string;
  code: string | null;
  type?: ActorType;
  sector?: string | null;
  /** Surface forms to find in the text (every occurrence), optionally with their kind. */
  forms: (string | [string, MentionKind])[];
  members?: string[];
}

/** Builds actors whose mentions are every occurrence of their forms in the text (longest forms first,
 *  so "Deputy Secretary Sherman" is not also read as "Secretary"). */
function actors(text: string, specs: ActorSpec[]): Actor[] {
  const taken: [number, number][] = [];
  const all = specs.flatMap((s) => s.forms.map((f) => ({ s, form: typeof f === 'string' ? f : f[0], kind: typeof f === 'string' ? ('name' as MentionKind) : f[1] })));
  all.sort((a, b) => b.form.length - a.form.length);
  const out = new Map<string, Actor>(
    specs.map((s) => [s.id, { id: s.id, name: s.name, type: s.type ?? 'state', code: s.code, sector: s.sector ?? null, titles: [], mentions: [], ...(s.members ? { members: s.members } : {}) }]),
  );
  for (const { s, form, kind } of all) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
      const end = at + form.length;
      if (/\w/.test(text[at - 1] ?? '') || /\w/.test(text[end] ?? '')) continue;
      if (taken.some(([a, b]) => at < b && end > a)) continue;
      taken.push([at, end]);
      out.get(s.id)!.mentions.push({ start: at, end, text: form, kind });
    }
  }
  return [...out.values()];
}

function article(text: string, extra: Partial<Article> = {}): Article {
  return { id: 't', date: '2022-07-08', title: null, dateline: null, url: null, lang: 'en', text, ...extra };
}

function run(text: string, specs: ActorSpec[], extra: Partial<Article> = {}, times?: TimeExpression[], oneSided = false): { events: CodedEvent[]; code: (id: string) => string } {
  const a = article(text, extra);
  const acts = actors(text, specs);
  const byId = new Map(acts.map((x) => [x.id, x]));
  const events = codeEvents({ doc: analyze(text), article: a, actors: acts, lexicon, times, oneSided });
  return { events, code: (id) => byId.get(id)?.code ?? byId.get(id)?.name.toUpperCase() ?? '?' };
}

/** "TYPE A,B>C" for each event, codes sorted within each side. */
function summary(text: string, specs: ActorSpec[], extra: Partial<Article> = {}, times?: TimeExpression[]): string[] {
  const { events, code } = run(text, specs, extra, times);
  const side = (ids: string[]) => [...new Set(ids.map(code))].sort().join(',');
  return events.map((e) => `${e.type} ${side(e.actors)}>${side(e.recipients)}`);
}

const CHN: ActorSpec = { id: 'CHN', name: 'China', code: 'CHN', forms: ['China', ['Chinese', 'adjective'], ['Beijing', 'capital']] };
const KOR: ActorSpec = { id: 'KOR', name: 'South Korea', code: 'KOR', forms: ['South Korea', ['South Korean', 'adjective'], ['Seoul', 'capital']] };
const USA: ActorSpec = { id: 'USA', name: 'United States', code: 'USA', forms: ['United States', 'U.S.', ['Washington', 'capital']] };
const RUS: ActorSpec = { id: 'RUS', name: 'Russia', code: 'RUS', forms: ['Russia', ['Russian', 'adjective'], ['Moscow', 'capital']] };
const UKR: ActorSpec = { id: 'UKR', name: 'Ukraine', code: 'UKR', forms: ['Ukraine', ['Ukrainian', 'adjective'], ['Kyiv', 'capital']] };
const IRN: ActorSpec = { id: 'IRN', name: 'Iran', code: 'IRN', forms: ['Iran', ['Iranian', 'adjective']] };
const THA: ActorSpec = { id: 'THA', name: 'Thailand', code: 'THA', forms: ['Thailand', ['Thai', 'adjective']] };
const CAN: ActorSpec = { id: 'CAN', name: 'Canada', code: 'CAN', forms: ['Canada', ['Canadian', 'adjective']] };
const person = (id: string, name: string, code: string, forms: ActorSpec['forms']): ActorSpec => ({ id, name, code, type: 'person', sector: 'GOV', forms });
const WANG = person('P1', 'Wang Yi', 'CHN', ['Wang Yi', ['Wang', 'partial']]);
const PARK = person('P2', 'Park Jin', 'KOR', ['Park Jin', ['Park', 'partial']]);
const BLINKEN = person('P3', 'Antony Blinken', 'USA', ['Secretary Blinken', ['Blinken', 'partial'], ['the Secretary', 'title'], ['The Secretary', 'title']]);
const LAVROV = person('P4', 'Sergey Lavrov', 'RUS', ['Foreign Minister Lavrov', ['Lavrov', 'partial']]);

// ---------- the lexicon ----------

test('lexicon: covers all 16 PLOVER types with verbs and nouns, and carries Goldstein and quad facts', () => {
  const spec = lexicon.spec;
  for (const t of PLOVER_TYPES) {
    const es = (spec.entries ?? []).filter((e) => e.type === t);
    assert.ok(es.length >= 5, `${t} has ${es.length} entries`);
  }
  for (const [code, f] of Object.entries(spec.cameo ?? {})) {
    assert.ok(f.quad >= 1 && f.quad <= 4, code);
    assert.ok(f.goldstein >= -10 && f.goldstein <= 10, code);
  }
  assert.deepEqual(spec.cameo?.['042'], { goldstein: 1.9, quad: 1 });
  assert.deepEqual(spec.cameo?.['163'], { goldstein: -8, quad: 4 });
});

test('lexicon: lemmas come from the data (irregular verbs) and regular inflection', () => {
  for (const [form, lemma] of [['met', 'meet'], ['held', 'hold'], ['sought', 'seek'], ['spoke', 'speak'], ['told', 'tell'], ['took', 'take'], ['agreed', 'agree'], ['urging', 'urge'], ['talks', 'talk'], ['sanctions', 'sanction'], ['banned', 'ban'], ['threatens', 'threaten']])
    assert.ok(lexicon.lemmas(form).includes(lemma), `${form} → ${lexicon.lemmas(form)}`);
  assert.deepEqual([...lexicon.lemmas('meeting')].sort(), ['meet', 'meeting']);
  assert.deepEqual(lexicon.lemmas('zebra'), []);
});

test('lexicon: a malformed file is refused with a code and the valid options', () => {
  assert.throws(() => loadLexicon({ entries: [{ pattern: 'meet', type: 'MEET' }] }), (e: unknown) => e instanceof LexiconError && e.code === 'E005' && /CONSULT/.test(e.message));
  assert.throws(() => loadLexicon({ entries: [{ pattern: '', type: 'AGREE' }] }), (e: unknown) => e instanceof LexiconError && e.code === 'E004');
  assert.throws(() => loadLexicon({ licensors: { hold: ['TALKS'] } }), LexiconError);
  assert.throws(() => loadLexicon([]), LexiconError);
});

test('lexicon: a user file is merged over the shipped one (new entries, removed ids, extra licensors)', () => {
  const text = 'China parleyed with South Korea in Beijing.';
  assert.deepEqual(summary(text, [CHN, KOR]), []);
  const user = loadLexicon({ entries: [{ pattern: 'parley', pos: 'verb', type: 'CONSULT', cameo: '040', frame: { recipient: ['with'] } }] }, lexicon);
  const events = codeEvents({ doc: analyze(text), article: article(text), actors: actors(text, [CHN, KOR]), lexicon: user });
  assert.deepEqual(events.map((e) => [e.type, e.cameo, e.goldstein, e.quad]), [['CONSULT', '040', 1, 1]]);
  const without = loadLexicon({ remove: ['meet/verb/CONSULT'] }, lexicon);
  const t2 = 'China met South Korea.';
  assert.equal(codeEvents({ doc: analyze(t2), article: article(t2), actors: actors(t2, [CHN, KOR]), lexicon: without }).length, 0);
  assert.equal(lexicon.size, (lexicon.spec.entries ?? []).length);
});

// ---------- verbs: subjects and frames ----------

test('verb frames: "met with X", "urged X to", joint subjects, the type per family', () => {
  assert.deepEqual(summary('Secretary Blinken met with Foreign Minister Lavrov in Geneva on Monday.', [BLINKEN, LAVROV]), ['CONSULT USA>RUS']);
  assert.deepEqual(summary('Wang Yi and Park Jin agreed on Thursday to expand bilateral cooperation.', [WANG, PARK]), ['AGREE CHN,KOR>']);
  assert.deepEqual(summary('The United States urged Russia to withdraw its troops from Ukraine.', [USA, RUS, UKR]), ['REQUEST USA>RUS']);
  assert.deepEqual(summary('Russia accused Ukraine of shelling the city.', [RUS, UKR]), ['ACCUSE RUS>UKR']);
  assert.deepEqual(summary('Iran rejected the Russian proposal.', [IRN, RUS]), ['REJECT IRN>RUS']);
  assert.deepEqual(summary('China threatened to impose tariffs on South Korea.', [CHN, KOR]), ['THREATEN CHN>KOR']);
  assert.deepEqual(summary('Russian forces shelled Kyiv overnight.', [RUS, UKR]), ['ASSAULT RUS>UKR']);
  assert.deepEqual(summary('Russia expelled two South Korean diplomats.', [RUS, KOR]), ['SANCTION RUS>KOR']);
  assert.deepEqual(summary('Iranian police arrested two Canadian journalists.', [IRN, CAN]), ['COERCE IRN>CAN']);
  assert.deepEqual(summary('Russia withdrew its troops from Ukraine.', [RUS, UKR]), ['RETREAT RUS>UKR']);
  assert.deepEqual(summary('China praised South Korea for its efforts.', [CHN, KOR]), ['SUPPORT CHN>KOR']);
  assert.deepEqual(summary('The United States will travel to Thailand next week.', [USA, THA]), ['CONSULT USA>THA']);
});

test('verb frames: coordinated and infinitive predicates take the subject of their clause', () => {
  assert.deepEqual(summary('Secretary Blinken met with Foreign Minister Lavrov and urged Russia to de-escalate.', [BLINKEN, LAVROV, RUS]), ['CONSULT USA>RUS', 'REQUEST USA>RUS']);
  assert.deepEqual(summary('Secretary Blinken will travel to Beijing to meet with Chinese officials.', [BLINKEN, CHN]), ['CONSULT USA>CHN']);
});

test('coreference: "When meeting with Park, Wang said" is China meeting South Korea', () => {
  const text = 'When meeting with Park on the sidelines of the summit in Bali, Wang said the talks were useful.';
  const { events, code } = run(text, [WANG, PARK]);
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'CONSULT');
  assert.deepEqual(events[0].actors.map(code), ['CHN']);
  assert.deepEqual(events[0].recipients.map(code), ['KOR']);
  assert.equal(events[0].mode, 'third-party');
  assert.equal(events[0].cameo, '044');
});

test('coreference: group actors expand to their members; an unresolved "they" is the parties of the meeting', () => {
  const SIDES: ActorSpec = { id: 'G1', name: 'the two sides', code: null, type: 'group', forms: [['the two sides', 'group']], members: ['CHN', 'KOR'] };
  // the talks are the occasion of the agreement: a meeting that produced agreement is CONSULT plus AGREE
  assert.deepEqual(summary('During the talks, the two sides agreed to strengthen exchanges.', [CHN, KOR, SIDES]), ['CONSULT CHN,KOR>', 'AGREE CHN,KOR>']);
  const text = 'Secretary Blinken spoke with Foreign Minister Lavrov. They reiterated their support for Ukraine.';
  assert.deepEqual(summary(text, [BLINKEN, LAVROV, UKR]), ['CONSULT USA>RUS', 'SUPPORT RUS,USA>UKR']);
});

// ---------- passive voice ----------

test('passive: the "by" phrase acts, the subject or the "on" phrase receives', () => {
  assert.deepEqual(summary('Sanctions were imposed on Iran by the United States.', [IRN, USA]), ['SANCTION USA>IRN']);
  assert.deepEqual(summary('Two Canadian citizens were detained by Chinese police.', [CAN, CHN]), ['COERCE CHN>CAN']);
  // no agent: the actor of the last event of the same type
  assert.deepEqual(summary('The United States imposed sanctions on Iran. Two Russian banks were also sanctioned.', [USA, IRN, RUS]), ['SANCTION USA>IRN', 'SANCTION USA>RUS']);
});

// ---------- nominal events ----------

test('nominal events: a dialogue, a call, talks held, concern expressed, sanctions announced', () => {
  assert.deepEqual(summary('The Seventh U.S.-Thailand Strategic Dialogue took place in Bangkok.', [USA, THA]), ['CONSULT THA,USA>']);
  assert.deepEqual(summary("Secretary Blinken's call with Foreign Minister Lavrov", [BLINKEN, LAVROV]), ['CONSULT USA>RUS']);
  assert.deepEqual(summary('China held talks with South Korea in Seoul.', [CHN, KOR]), ['CONSULT CHN>KOR']);
  assert.deepEqual(summary('The United States expressed concern over Iranian missile tests.', [USA, IRN]), ['ACCUSE USA>IRN']);
  assert.deepEqual(summary('The United States today announced sanctions on two entities located in Iran.', [USA, IRN]), ['SANCTION USA>IRN']);
  assert.deepEqual(summary('The United States granted Thailand a loan of 50 million dollars.', [USA, THA]), ['AID USA>THA']);
});

test('nominal events: background nouns are not events ("discussed Russia\'s build-up", "condemned Russia\'s attack")', () => {
  assert.deepEqual(summary("Secretary Blinken discussed Russia's build-up with Foreign Minister Lavrov.", [BLINKEN, RUS, LAVROV]), ['CONSULT USA>RUS']);
  assert.deepEqual(summary("The United States condemned Russia's attack on Kyiv.", [USA, RUS, UKR]), ['ACCUSE USA>RUS']);
  assert.deepEqual(summary("Russia's war against Ukraine was discussed.", [RUS, UKR]), []);
  assert.deepEqual(summary("The Secretary stressed the importance of ending Russia's war against Ukraine.", [BLINKEN, RUS, UKR]).filter((s) => s.startsWith('ASSAULT')), []);
});

// ---------- titles and headlines ----------

test('titles: the headline\'s call and the body\'s call are one event with two evidence spans', () => {
  const text = 'Secretary Blinken spoke today with Foreign Minister Lavrov.';
  const { events, code } = run(text, [BLINKEN, LAVROV], { title: "Secretary Blinken's Call with Russian Foreign Minister Lavrov" });
  assert.equal(events.length, 1);
  assert.equal(events[0].type, 'CONSULT');
  assert.deepEqual([...new Set([...events[0].actors, ...events[0].recipients].map(code))].sort(), ['RUS', 'USA']);
  assert.deepEqual(events[0].evidence.map((e) => e.field).sort(), ['text', 'title']);
  assert.equal(events[0].field, undefined);
});

test('titles: an event told only in the headline is kept, its spans indexing the title', () => {
  const title = 'CHINA OPENS TALKS WITH SOUTH KOREA ON TRADE';
  const text = 'China and South Korea have a long trade relationship, officials said.';
  const { events, code } = run(text, [CHN, KOR], { title });
  const talks = events.filter((e) => e.type === 'CONSULT');
  assert.equal(talks.length, 1);
  assert.equal(talks[0].field, 'title');
  assert.equal(title.slice(talks[0].trigger.start, talks[0].trigger.end), talks[0].trigger.text);
  assert.deepEqual(talks[0].actors.map(code), ['CHN']);
  assert.deepEqual(talks[0].recipients.map(code), ['KOR']);
});

test('trap: "the Secretary" is not read into another secretary\'s title in the headline', () => {
  const SHERMAN = person('P5', 'Wendy Sherman', 'USA', ['Deputy Secretary Sherman', ['The Deputy Secretary', 'title'], ['Sherman', 'partial']]);
  const DELATTRE = person('P6', 'François Delattre', 'FRA', ['Secretary General Delattre', ['Delattre', 'partial']]);
  const text = 'Deputy Secretary Sherman spoke with Secretary General Delattre today. The Deputy Secretary thanked France for its support.';
  const FRA: ActorSpec = { id: 'FRA', name: 'France', code: 'FRA', forms: ['France', ['French', 'adjective']] };
  const { events, code } = run(text, [SHERMAN, DELATTRE, FRA], { title: "Deputy Secretary Sherman's Call with French Foreign Ministry Secretary General Delattre" });
  const consult = events.filter((e) => e.type === 'CONSULT');
  assert.equal(consult.length, 1);
  assert.deepEqual(consult[0].actors.map(code), ['USA']);
  assert.deepEqual([...new Set(consult[0].recipients.map(code))], ['FRA']);
  assert.equal(consult[0].evidence.length, 2);
});

// ---------- modality ----------

test('modality: asserted, future, negated, hypothetical', () => {
  const mod = (text: string, specs: ActorSpec[]) => run(text, specs).events.map((e) => `${e.type} ${e.modality}`);
  assert.deepEqual(mod('China will hold talks with South Korea next week.', [CHN, KOR]), ['CONSULT future']);
  assert.deepEqual(mod('Secretary Blinken is due to meet Foreign Minister Lavrov in Geneva.', [BLINKEN, LAVROV]), ['CONSULT future']);
  assert.deepEqual(mod('China and South Korea did not agree on a date.', [CHN, KOR]), ['AGREE negated']);
  assert.deepEqual(mod('Russia could meet with Ukraine in Istanbul.', [RUS, UKR]), ['CONSULT hypothetical']);
  assert.deepEqual(mod('If the talks succeed, China will meet South Korea again.', [CHN, KOR]), ['CONSULT hypothetical']);
  assert.deepEqual(mod('Russia should withdraw its troops from Ukraine, the minister said.', [RUS, UKR]), ['RETREAT hypothetical']);
  assert.deepEqual(mod('Russia met Ukraine in Istanbul.', [RUS, UKR]), ['CONSULT asserted']);
  // a gerund after "of" or "from" is what its governor says of it
  assert.deepEqual(mod('China does not want a trade war and is not afraid of fighting one.', [CHN]), ['ASSAULT hypothetical']);
  assert.deepEqual(mod('Russia refrained from attacking Ukraine.', [RUS, UKR]), ['ASSAULT negated']);
});

test('labour strikes, trade wars, the month of March and attacks on a policy are not violence or protest marches', () => {
  const JPN: ActorSpec = { id: 'JPN', name: 'Japan', code: 'JPN', forms: ['Japan', ['Japanese', 'adjective']] };
  const types = (text: string, actors: ActorSpec[]) => run(text, actors, {}, undefined, true).events.map((e) => e.type);
  assert.deepEqual(types('Japanese dock workers strike over pay.', [JPN]), []);
  assert.deepEqual(types('Japan warned of a trade war with the United States.', [JPN, USA]).filter((t) => t === 'ASSAULT'), []);
  assert.deepEqual(types('Japan said its March trade surplus fell.', [JPN]), []);
  assert.deepEqual(types('Russia attacked Ukraine.', [RUS, UKR]), ['ASSAULT']);
  assert.deepEqual(types('Russia attacked the Ukrainian policy on grain exports.', [RUS, UKR]), ['ACCUSE']);
  assert.deepEqual(types('A rescheduling agreement between Russia and Ukraine was struck last September.', [RUS, UKR]).filter((t) => t === 'ASSAULT'), []);
  // a vow to attack is a threat, not an agreement
  assert.deepEqual(types('Russia vowed to attack Ukraine.', [RUS, UKR]), ['THREATEN']);
});

test('calling off military exercises is de-escalation (RETREAT), not a sanction', () => {
  const oneSided = (text: string, actors: ActorSpec[]) => run(text, actors, {}, undefined, true).events.map((e) => `${e.type} ${e.cameo}`);
  assert.deepEqual(oneSided('The United States and South Korea suspended their joint military exercises.', [USA, KOR]), ['RETREAT 087']);
  assert.deepEqual(oneSided('South Korea called off its drills with the United States.', [KOR, USA]), ['RETREAT 087']);
});

test('modality: a refusal is the action, not a negated meeting; "said they would" is future', () => {
  const { events } = run('Russia refused to meet Ukrainian negotiators.', [RUS, UKR]);
  assert.deepEqual(events.map((e) => `${e.type} ${e.modality}`), ['REJECT asserted']);
  const CHN_IT: ActorSpec = { ...CHN, forms: [...CHN.forms, ['it', 'pronoun']] };
  assert.deepEqual(run('China said it would impose sanctions on South Korea.', [CHN_IT, KOR]).events.map((e) => `${e.type} ${e.modality}`), ['SANCTION future']);
});

test('trap: negation scope stops at the clause ("who did not comment" does not negate "agreed")', () => {
  const { events } = run('The Chinese minister, who did not comment on the dispute, agreed to expand trade with South Korea.', [CHN, KOR]);
  assert.deepEqual(events.map((e) => `${e.type} ${e.modality}`), ['AGREE asserted']);
  const CHN_IT: ActorSpec = { ...CHN, forms: [...CHN.forms, ['it', 'pronoun']] };
  const neg = run('China did not meet South Korea, but it agreed to hold talks with Russia.', [CHN_IT, KOR, RUS]).events;
  assert.deepEqual(neg.map((e) => `${e.type} ${e.modality}`), ['CONSULT negated', 'AGREE asserted']);
});

// ---------- what is not an event ----------

test('not events: statements with no other actor, a bare "said", talks between companies', () => {
  assert.deepEqual(summary('Wang stressed that the international community should uphold multilateralism.', [WANG]), []);
  assert.deepEqual(summary('Wang said bilateral relations are facing important opportunities.', [WANG]), []);
  const BOEING: ActorSpec = { id: 'O1', name: 'Boeing', code: null, type: 'organization', forms: ['Boeing'] };
  const AIRBUS: ActorSpec = { id: 'O2', name: 'Airbus', code: null, type: 'organization', forms: ['Airbus'] };
  assert.deepEqual(summary('Boeing held talks with Airbus on Monday about a joint venture.', [BOEING, AIRBUS]), []);
  assert.deepEqual(summary('Merger talks between Boeing and Airbus resumed in Washington.', [BOEING, AIRBUS, USA]), []);
  // contacts inside one executive are not coded; Congress and the President are distinct bodies
  const AMB = person('P7', 'John Smith', 'USA', ['Ambassador Smith']);
  assert.deepEqual(summary('Secretary Blinken met with Ambassador Smith.', [BLINKEN, AMB]), []);
  const CONGRESS: ActorSpec = { id: 'L1', name: 'Congress', code: 'USA', type: 'organization', sector: 'LEG', forms: ['Congress'] };
  assert.deepEqual(summary('Congress criticized Secretary Blinken.', [CONGRESS, BLINKEN]), ['ACCUSE USA>USA']);
});

// ---------- date, place, merging ----------

test('date and place: "today" is the publication date, the dateline the place; times when given', () => {
  const { events } = run('China met South Korea today.', [CHN, KOR], { dateline: 'BEIJING, July 8 -' });
  assert.equal(events[0].date, '2022-07-08');
  assert.equal(events[0].dateText, 'today');
  assert.deepEqual(events[0].location, { name: 'Beijing', code: null, lat: null, lon: null, geonameId: null });
  assert.equal(run('China met South Korea.', [CHN, KOR]).events[0].date, null);
  const text = 'China met South Korea on Thursday.';
  const times: TimeExpression[] = [{ start: text.indexOf('on Thursday'), end: text.indexOf('.'), text: 'on Thursday', value: '2022-07-07' }];
  const e = run(text, [CHN, KOR], {}, times).events[0];
  assert.equal(e.date, '2022-07-07');
  assert.equal(e.dateText, 'on Thursday');
  // a phone call has no place
  assert.equal(run("China's call with South Korea", [CHN, KOR], { dateline: 'BEIJING -' }).events[0].location, null);
});

test('merging: the same occurrence twice is one event; different occasions stay apart', () => {
  const text = 'China held talks with South Korea on Thursday. During the talks, China thanked South Korea. China had met South Korea on Monday.';
  const times: TimeExpression[] = [
    { start: text.indexOf('on Thursday'), end: text.indexOf('on Thursday') + 11, text: 'on Thursday', value: '2022-07-07' },
    { start: text.indexOf('on Monday'), end: text.indexOf('on Monday') + 9, text: 'on Monday', value: '2022-07-04' },
  ];
  const { events } = run(text, [CHN, KOR], {}, times);
  const consults = events.filter((e) => e.type === 'CONSULT');
  assert.deepEqual(consults.map((e) => e.date).sort(), ['2022-07-04', '2022-07-07']);
  assert.equal(consults.find((e) => e.date === '2022-07-07')!.evidence.length, 2);
  for (const e of events) {
    assert.ok(e.confidence > 0 && e.confidence <= 1);
    assert.equal(text.slice(e.trigger.start, e.trigger.end), e.trigger.text);
    assert.ok(e.sentence.start <= e.trigger.start && e.trigger.end <= e.sentence.end);
    assert.ok(e.rule.length > 0);
  }
});

test('a trip with several stops is one CONSULT per country visited', () => {
  assert.deepEqual(summary('Secretary Blinken will travel to China and South Korea next week.', [BLINKEN, CHN, KOR]), ['CONSULT USA>CHN', 'CONSULT USA>KOR']);
});

// ---------- discourse ----------

test('discourse: what a meeting discussed is not an event; a readout\'s statements address the other side', () => {
  // topics of a discussion
  assert.deepEqual(summary('Secretary Blinken spoke with Foreign Minister Lavrov. They discussed efforts to urge Iran to return to the talks.', [BLINKEN, LAVROV, IRN]), ['CONSULT USA>RUS']);
  assert.deepEqual(summary('China met South Korea. They discussed how China can support South Korea.', [CHN, KOR]), ['CONSULT CHN>KOR']);
  // a statement with no recipient in a readout is addressed to the interlocutor
  const text = 'Secretary Blinken spoke today with Foreign Minister Lavrov. The Secretary expressed a desire for further collaboration and urged de-escalation.';
  const { events, code } = run(text, [BLINKEN, LAVROV]);
  assert.deepEqual(events.map((e) => `${e.type} ${e.actors.map(code)}>${e.recipients.map(code)} ${e.rule}`), [
    'CONSULT USA>RUS active-verb',
    'AGREE USA>RUS licensed-noun+addressed',
    'REQUEST USA>RUS active-verb+addressed',
  ]);
  // ... and they happened at the meeting: its date
  assert.deepEqual(events.map((e) => e.date), ['2022-07-08', '2022-07-08', '2022-07-08']);
});

test('discourse: a participle describing a noun is background; an agreement "reached between" two parties is one', () => {
  assert.deepEqual(summary('The United States commended Canada for supporting the resolution condemning Russia.', [USA, CAN, RUS]), ['SUPPORT USA>CAN']);
  assert.deepEqual(summary('The talks follow an agreement reached between China and South Korea in December.', [CHN, KOR]), ['AGREE CHN,KOR>']);
});

test('brief examples: "a call with", "on the sidelines of", "expressed concern over", "agreed in principle"', () => {
  const { events, code } = run("Secretary Blinken had a call with Foreign Minister Lavrov on the sidelines of the G20 meeting.", [BLINKEN, LAVROV]);
  assert.deepEqual(events.map((e) => [e.type, e.mode, e.cameo, e.actors.map(code).join(), e.recipients.map(code).join()]), [['CONSULT', 'third-party', '044', 'USA', 'RUS']]);
  assert.deepEqual(summary('China expressed concern over Russian troop movements near Ukraine.', [CHN, RUS, UKR]), ['ACCUSE CHN>RUS']);
  const ag = run('Wang Yi and Park Jin agreed in principle to exchange visits within this year.', [WANG, PARK]).events;
  assert.deepEqual(ag.map((e) => [e.type, e.trigger.text]), [['AGREE', 'agreed in principle']]);
});

test('threats: a hostile action announced under a condition is a threat', () => {
  const { events } = run('Russia said it will withdraw its troops from Ukraine unless Kyiv accepts its terms.', [{ ...RUS, forms: [...RUS.forms, ['it', 'pronoun']] }, UKR]);
  assert.deepEqual(events.map((e) => `${e.type} ${e.cameo} ${e.modality} ${e.rule}`), ['THREATEN 136 asserted active-verb+conditional-threat']);
  assert.deepEqual(summary('China warned South Korea against deploying the missiles.', [CHN, KOR]), ['THREATEN CHN>KOR']);
});

test('modality: a coordinated predicate shares the first one\'s auxiliary; a participle with "by" is passive', () => {
  assert.deepEqual(run('China will make a visit to Russia and hold talks with Russian officials.', [CHN, RUS]).events.map((e) => `${e.type} ${e.modality}`), ['CONSULT future']);
  assert.deepEqual(summary('The United States and Canada, backed by Russia, condemned the attack.', [USA, CAN, RUS]).filter((x) => x.startsWith('SUPPORT')), ['SUPPORT RUS>CAN,USA']);
});

test('modality: a question asks about an event, it does not assert it', () => {
  assert.deepEqual(run('Will China meet South Korea next week?', [CHN, KOR]).events.map((e) => e.modality), ['hypothetical']);
});

test('one-sided events follow PLOVER when asked: "thousands protested", "the president resigned"', () => {
  const PRES = person('P8', 'Eduard Shevardnadze', 'GEO', ['Georgian President Eduard Shevardnadze']);
  assert.deepEqual(summary('Georgian President Eduard Shevardnadze resigned on Sunday.', [PRES]), ['RETREAT GEO>']);
  // AGREE needs another party under the guide's convention, not under PLOVER's
  assert.deepEqual(summary('Russia agreed to postpone the vote.', [RUS]), []);
  assert.deepEqual(run('Russia agreed to postpone the vote.', [RUS], {}, undefined, true).events.map((e) => e.type), ['AGREE']);
  // aid needs a recipient either way
  assert.deepEqual(run('Russia provided humanitarian aid.', [RUS], {}, undefined, true).events, []);
});

test('"demonstrated by" is "shown by", not a protest ("the willingness demonstrated by Canada")', () => {
  const oneSided = (text: string, actors: ActorSpec[]) => run(text, actors, {}, undefined, true).events.map((e) => e.type);
  assert.deepEqual(oneSided('Thousands of Ukrainians were demonstrating outside the Russian embassy.', [UKR, RUS]), ['PROTEST']);
  assert.deepEqual(oneSided('China welcomed the willingness demonstrated by Canada to join the initiative.', [CHN, CAN]).filter((t) => t === 'PROTEST'), []);
});

// ---------- the PLOVER gold-standard sentences ----------

/** Older PLOVER names in PLOVER_GSR_CAMEO.txt and the 2.0 type we code them as. DEMAND→REQUEST,
 *  DISAPPROVE→ACCUSE and FIGHT→ASSAULT as the issue says; INVESTIGATE→ACCUSE (mode investigate), as
 *  CAMEO2PLOVER-2021 maps CAMEO root 09. */
const OLD_NAMES: Record<string, string> = { DEMAND: 'REQUEST', DISAPPROVE: 'ACCUSE', FIGHT: 'ASSAULT', INVESTIGATE: 'ACCUSE' };
/** The share of sentences whose event type is right. Raise it when the stage improves; never lower it. */
const GSR_FLOOR = 0.71;

const PRONOUNS = ['it', 'its', 'It', 'Its', 'they', 'their', 'them', 'They', 'Their', 'he', 'his', 'him', 'He', 'His', 'she', 'her', 'She', 'Her'];

interface GsrActor {
  actorText?: string;
  code?: string;
  sector?: string;
}
interface GsrRecord {
  id: string;
  event: string;
  text?: string;
  source?: GsrActor[] | string;
  target?: GsrActor[] | string;
}

test('PLOVER gold-standard sentences: share whose event type is right', (t) => {
  const file = ROOT + '../shared/data/plover/PLOVER_GSR_CAMEO.txt';
  if (!existsSync(file)) return t.skip('../shared/data/plover/PLOVER_GSR_CAMEO.txt not found');
  const records = (JSON.parse(readFileSync(file, 'utf8')) as GsrRecord[]).filter((r) => r.text && r.event !== 'DOCUMENT');
  let right = 0;
  const wrong: Record<string, number> = {};
  for (const r of records) {
    const text = r.text!;
    // the record's source and target as actors, found where the text names them
    const specs: ActorSpec[] = [];
    for (const side of [r.source, r.target]) {
      if (!Array.isArray(side)) continue;
      for (const a of side) {
        const form = (a.actorText ?? '').split(/\s*\.\.\.\s*/)[0].trim();
        if (!form || !text.includes(form) || specs.some((s) => s.forms.includes(form))) continue;
        const sector = a.sector && /^[A-Z]{3}/.test(a.sector) ? a.sector.slice(0, 3) : null;
        specs.push({ id: `A${specs.length + 1}`, name: form, code: a.code && /^[A-Z]{3}$/.test(a.code) ? a.code : null, sector, forms: [form] });
      }
    }
    // the coreference an actor stage would do: third-person pronouns refer to the (first) source
    if (specs.length && Array.isArray(r.source) && r.source.length) specs[0].forms.push(...PRONOUNS.map((p) => [p, 'pronoun'] as [string, MentionKind]));
    const want = OLD_NAMES[r.event] ?? r.event;
    const { events } = run(text, specs, {}, undefined, true);
    const best = [...events].sort((a, b) => b.confidence - a.confidence || a.trigger.start - b.trigger.start)[0];
    if (best?.type === want) right++;
    else wrong[want] = (wrong[want] ?? 0) + 1;
  }
  const share = right / records.length;
  t.diagnostic(`PLOVER GSR: ${right}/${records.length} = ${share.toFixed(3)} event types right; misses by gold type ${JSON.stringify(wrong)}`);
  assert.ok(share >= GSR_FLOOR, `share ${share.toFixed(3)} fell under the floor ${GSR_FLOOR}`);
});
