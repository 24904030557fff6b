/**
 * Small hand-written article results for the store, link, query and export tests. The texts are
 * written for the tests; event and actor layers are given directly (the store works on the contract,
 * whatever the engine's stages produce today).
 */
import type { Actor, ArticleResult, Commitment, Event, EventLocation, Modality, Quote } from '../../src/core/types.js';

export interface EventSpec {
  id?: string;
  type: string;
  actors: string[];
  recipients?: string[];
  date?: string | null;
  location?: EventLocation | null;
  modality?: Modality;
  trigger: string;
  cameo?: string | null;
  goldstein?: number | null;
  quad?: number | null;
}

export interface ArticleSpec {
  id: string;
  date: string | null;
  text: string;
  title?: string | null;
  url?: string | null;
  actors: Array<Pick<Actor, 'id' | 'name' | 'code' | 'type'> & Partial<Actor>>;
  events?: EventSpec[];
  quotes?: Array<Omit<Quote, 'start' | 'end' | 'cue'> & { cue?: string }>;
  commitments?: Array<Omit<Commitment, 'start' | 'end' | 'dueText'> & { dueText?: string | null; evidence: string }>;
  tone?: number | null;
}

export const BALI: EventLocation = { name: 'Bali', code: 'IDN', lat: -8.4, lon: 115.2, geonameId: 1650535 };
export const SEOUL: EventLocation = { name: 'Seoul', code: 'KOR', lat: 37.57, lon: 126.98, geonameId: 1835848 };

const CAMEO: Record<string, [string, number, number]> = {
  CONSULT: ['040', 1, 1],
  AGREE: ['030', 4, 1],
  AID: ['070', 7, 2],
  ACCUSE: ['112', -2, 3],
  REQUEST: ['020', 3, 1],
  ASSAULT: ['190', -10, 4],
};

function span(text: string, part: string, from = 0): { start: number; end: number; text: string } {
  const start = text.indexOf(part, from);
  if (start < 0) throw new Error(`"${part}" not in the test text`);
  return { start, end: start + part.length, text: part };
}

function sentenceAround(text: string, at: number): { start: number; end: number } {
  const before = text.lastIndexOf('. ', at);
  const start = before < 0 ? 0 : before + 2;
  const after = text.indexOf('.', at);
  return { start, end: after < 0 ? text.length : after + 1 };
}

export function result(spec: ArticleSpec): ArticleResult {
  const text = spec.text;
  const actors: Actor[] = spec.actors.map((a) => ({
    sector: null,
    titles: [],
    mentions: text.includes(a.name) ? [{ ...span(text, a.name), kind: 'name' as const }] : [],
    ...a,
  }));
  const events: Event[] = (spec.events ?? []).map((e, i) => {
    const trigger = span(text, e.trigger);
    const [cameo, goldstein, quad] = CAMEO[e.type] ?? [null, null, null];
    return {
      id: e.id ?? `E${i + 1}`,
      type: e.type,
      mode: null,
      cameo: e.cameo === undefined ? cameo : e.cameo,
      goldstein: e.goldstein === undefined ? goldstein : e.goldstein,
      quad: e.quad === undefined ? quad : e.quad,
      actors: e.actors,
      recipients: e.recipients ?? [],
      date: e.date ?? null,
      dateText: null,
      location: e.location ?? null,
      modality: e.modality ?? 'asserted',
      trigger,
      sentence: sentenceAround(text, trigger.start),
      confidence: 0.8,
    };
  });
  const quotes: Quote[] = (spec.quotes ?? []).map((q) => {
    const s = span(text, q.text);
    return { ...q, start: s.start, end: s.end, cue: q.cue ? span(text, q.cue) : null };
  });
  const commitments: Commitment[] = (spec.commitments ?? []).map(({ evidence, ...c }) => {
    const s = span(text, evidence);
    return { dueText: null, ...c, start: s.start, end: s.end };
  });
  return {
    schema: 'parley.article/1',
    article: { id: spec.id, date: spec.date, title: spec.title ?? null, dateline: null, url: spec.url ?? null, lang: 'en', text },
    actors,
    events,
    quotes,
    commitments,
    times: [],
    places: [],
    tone: spec.tone ?? null,
  };
}

const CHINA_KOREA = [
  { id: 'A1', name: 'Lin Hao', code: 'CHN', type: 'person' as const },
  { id: 'A2', name: 'Cho Min', code: 'KOR', type: 'person' as const },
];

/** Two reports of one meeting (different outlets, different words), as the linking rule's example. */
export const MEETING_A = result({
  id: 'wire-1',
  date: '2022-07-08',
  url: 'https://wire.example/2022/07/08/lin-cho',
  title: 'Lin and Cho meet in Bali',
  text:
    'Chinese Foreign Minister Lin Hao met South Korean Foreign Minister Cho Min in Bali on Thursday. ' +
    'The two ministers agreed in principle to an exchange of visits between the foreign ministers within this year. ' +
    '"We are neighbours who cannot move away," Lin said.',
  actors: [...CHINA_KOREA, { id: 'A3', name: 'the two ministers', code: null, type: 'group', members: ['A1', 'A2'] }],
  events: [
    { type: 'CONSULT', actors: ['A1'], recipients: ['A2'], date: '2022-07-07', location: BALI, trigger: 'met' },
    { type: 'AGREE', actors: ['A3'], date: '2022-07-07', location: BALI, trigger: 'agreed' },
  ],
  quotes: [{ id: 'Q1', kind: 'direct', text: 'We are neighbours who cannot move away', speaker: 'A1', cue: 'said' }],
  commitments: [
    {
      id: 'C1',
      parties: ['A3'],
      action: 'exchange of visits between the foreign ministers',
      due: '2022-12-31',
      dueText: 'within this year',
      event: 'E2',
      evidence: 'agreed in principle to an exchange of visits between the foreign ministers within this year',
    },
  ],
  tone: 2,
});

export const MEETING_B = result({
  id: 'daily-77',
  date: '2022-07-07',
  url: 'https://daily.example/news/77',
  title: 'Seoul and Beijing hold talks on the sidelines of the G20',
  text:
    'BALI, July 7 - South Korea\'s top diplomat Cho Min held talks with his Chinese counterpart Lin Hao on Thursday, ' +
    'the ministry said. Cho asked Beijing to play a constructive role on the peninsula.',
  actors: CHINA_KOREA.slice().reverse().map((a, i) => ({ ...a, id: `A${i + 1}` })),
  events: [
    { type: 'CONSULT', actors: ['A1'], recipients: ['A2'], date: '2022-07-07', location: { ...BALI, lat: null, lon: null, geonameId: null }, trigger: 'held talks' },
    { type: 'REQUEST', actors: ['A1'], recipients: ['A2'], date: '2022-07-07', trigger: 'asked' },
  ],
  tone: -1,
});

/** Months later: the visit happens (it carries out MEETING_A's commitment). */
export const VISIT = result({
  id: 'wire-2',
  date: '2022-09-20',
  url: 'https://wire.example/2022/09/20/cho-visit',
  title: 'Cho visits Lin',
  text: 'South Korean Foreign Minister Cho Min visited Seoul\'s neighbour and met Chinese Foreign Minister Lin Hao on Monday in Qingdao.',
  actors: CHINA_KOREA.slice().reverse().map((a, i) => ({ ...a, id: `A${i + 1}` })),
  events: [{ type: 'CONSULT', actors: ['A1'], recipients: ['A2'], date: '2022-09-19', location: { name: 'Qingdao', code: 'CHN', lat: 36.07, lon: 120.38, geonameId: 1797929 }, trigger: 'visited' }],
  tone: 1.5,
});

/** A promise nobody keeps (overdue by the corpus's latest date) and one still open. */
export const PROMISES = result({
  id: 'desk-5',
  date: '2022-07-15',
  url: 'https://desk.example/5',
  text:
    'Ruritania will provide 50 million dollars in aid to Freedonia by the end of August, its foreign minister Ana Ruiz said. ' +
    'She also pledged to hold a summit with Freedonia next year. Freedonian troops shelled a border post.',
  actors: [
    { id: 'A1', name: 'Ana Ruiz', code: 'RUR', type: 'person' },
    { id: 'A2', name: 'Freedonia', code: 'FRE', type: 'state' },
  ],
  events: [
    { type: 'AID', actors: ['A1'], recipients: ['A2'], modality: 'future', trigger: 'provide', date: '2022-08' },
    { type: 'ASSAULT', actors: ['A2'], recipients: [], trigger: 'shelled', date: '2022-07-14', location: { name: 'Rurik', code: 'RUR', lat: null, lon: null, geonameId: null } },
  ],
  commitments: [
    { id: 'C1', parties: ['A1', 'A2'], action: 'provide 50 million dollars in aid', due: '2022-08-31', event: 'E1', evidence: 'will provide 50 million dollars in aid to Freedonia by the end of August' },
    { id: 'C2', parties: ['A1', 'A2'], action: 'hold a summit with Freedonia', due: '2023-12-31', event: null, evidence: 'pledged to hold a summit with Freedonia next year' },
  ],
  tone: 0.5,
});

/** A syndicated copy of MEETING_A with a new headline, a new URL and one word edited. */
export const MEETING_A_COPY = result({
  ...{ id: 'portal-9', date: '2022-07-08', url: 'https://portal.example/a/9', title: 'China, South Korea ministers meet' },
  text: MEETING_A.article.text.replace('on Thursday', 'on Thursday afternoon'),
  actors: CHINA_KOREA,
  events: [{ type: 'CONSULT', actors: ['A1'], recipients: ['A2'], date: '2022-07-07', location: BALI, trigger: 'met' }],
});

/** An article with no events, quotes or commitments at all. */
export const EMPTY = result({ id: 'empty-1', date: '2022-07-10', text: 'Markets were calm on Sunday.', actors: [] });

export const CORPUS = [MEETING_A, MEETING_B, VISIT, PROMISES, EMPTY];

/** An event only the headline reports: as the engine gives it, trigger and sentence offsets into the title. */
export const HEADLINE: ArticleResult = (() => {
  const r = result({
    id: 'head-1',
    date: '2023-05-02',
    title: 'Chile protests fishing by Peruvian boats',
    text: 'Chile summoned the Peruvian ambassador on Monday over fishing boats seen off Arica.',
    actors: [
      { id: 'A1', name: 'Chile', code: 'CHL', type: 'state' },
      { id: 'A2', name: 'Peru', code: 'PER', type: 'state' },
    ],
    events: [{ type: 'PROTEST', actors: ['A1'], recipients: ['A2'], trigger: 'summoned' }],
  });
  const title = r.article.title!;
  const at = title.indexOf('protests');
  Object.assign(r.events[0], { field: 'title', trigger: { start: at, end: at + 8, text: 'protests' }, sentence: { start: 0, end: title.length } });
  return r;
})();
