/** The parley.article/1 contract (see ../shared/spec/OUTPUT-SCHEMA.md). Field names are a contract. */

export interface Article {
  id: string;
  /** Publication date, YYYY-MM-DD, or null. */
  date: string | null;
  title: string | null;
  dateline: string | null;
  url: string | null;
  lang: string;
  /** The body all offsets index into (JS string indices). */
  text: string;
  /** Who published it (an outlet, feed or collection), when the input says: distinct sources are counted by it. */
  source?: string;
}

export interface Span {
  start: number;
  end: number;
}

export type ActorType = 'person' | 'state' | 'organization' | 'group' | 'other';

/** How a span refers to its actor; an addition to the contract, for readers and later stages. */
export type MentionKind =
  | 'name' // "Wang Yi", "China", "United Nations"
  | 'partial' // "Wang"
  | 'acronym' // "G20", "UN"
  | 'adjective' // "Chinese", "South Korean"
  | 'capital' // "Beijing" as a metonym
  | 'title' // "the Secretary"
  | 'pronoun' // "he", "his"
  | 'body' // "the South Korean side", "the Foreign Ministry"
  | 'group' // "the two sides"
  | 'description'; // an unnamed speaker: "a senior official", "banking sources"

export interface Mention extends Span {
  text: string;
  kind: MentionKind;
}

export interface Actor {
  id: string;
  name: string;
  type: ActorType;
  /** ISO 3166-1 alpha-3 or an organisation code; null if unknown. */
  code: string | null;
  sector: string | null;
  titles: string[];
  mentions: Mention[];
  /** For groups ("the two sides"): the ids of the actors referred to. */
  members?: string[];
  /** The KB entry this actor was resolved to, if any. */
  kbId?: string | null;
}

export type Modality = 'asserted' | 'future' | 'negated' | 'hypothetical';

export interface EventLocation {
  name: string;
  code: string | null;
  lat: number | null;
  lon: number | null;
  geonameId: number | null;
}

export interface Event {
  id: string;
  type: string;
  mode: string | null;
  cameo: string | null;
  goldstein: number | null;
  quad: number | null;
  actors: string[];
  recipients: string[];
  date: string | null;
  dateText: string | null;
  location: EventLocation | null;
  modality: Modality;
  trigger: Span & { text: string };
  sentence: Span;
  confidence: number;
  /** Present when the event is told only in the title: its trigger and sentence index article.title. */
  field?: 'title';
}

export interface Quote extends Span {
  id: string;
  kind: 'direct' | 'indirect';
  text: string;
  speaker: string | null;
  cue: (Span & { text: string }) | null;
  /** Tone of the quoted words (see the tone stage); an addition to the contract. */
  tone?: number | null;
}

export interface Commitment extends Span {
  id: string;
  parties: string[];
  action: string;
  due: string | null;
  dueText: string | null;
  event: string | null;
  /** firm | in-principle | conditional (an addition to the contract). */
  strength?: 'firm' | 'in-principle' | 'conditional';
  /** The rule that found it. */
  rule?: string;
}

export interface TimeExpression extends Span {
  text: string;
  /** YYYY-MM-DD, YYYY-MM or YYYY. */
  value: string;
}

/** A place the article mentions, resolved against the gazetteer (an addition to the contract). */
export interface PlaceRecord {
  id: string;
  name: string;
  /** ISO 3166-1 alpha-3 of the country it lies in. */
  code: string;
  kind: 'country' | 'admin1' | 'capital' | 'seat' | 'place';
  lat: number;
  lon: number;
  geonameId: number | null;
  /** True when the article's dateline names it. */
  dateline: boolean;
  mentions: (Span & { text: string })[];
}

export interface ArticleResult {
  schema: 'parley.article/1';
  article: Article;
  actors: Actor[];
  events: Event[];
  quotes: Quote[];
  commitments: Commitment[];
  times: TimeExpression[];
  places: PlaceRecord[];
  tone: number | null;
}
