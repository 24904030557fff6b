/**
 * fast-check generators of hostile articles, shared by test/properties.test.ts (bounded, in `npm test`)
 * and bench/soak-extract.mjs (the long run). Each family is named, so a failure says what kind of input
 * it was; every generated article is a plain Article, ready for `engine.extract`.
 */
import fc from 'fast-check';
import type { Article } from '../../src/core/types.js';

/** English news prose the stages have something to bite on: names, titles, states, cues, dates. */
const NEWS_WORDS = [
  'Foreign Minister', 'Wang Yi', 'Park Jin', 'Secretary of State', 'Antony Blinken', 'President', 'Putin', 'Zelensky',
  'China', 'South Korea', 'the United States', 'Ukraine', 'Russia', 'the European Union', 'NATO', 'the UN', 'G20',
  'Chinese', 'Korean', 'Beijing', 'Seoul', 'Moscow', 'Kyiv', 'Bali', 'Indonesia', 'the Kremlin', 'the White House',
  'said', 'told reporters', 'according to', 'agreed to', 'pledged to', 'will provide', 'met', 'visited', 'condemned',
  'urged', 'threatened to', 'signed', 'talks', 'sanctions', 'aid', 'he', 'she', 'they', 'his', 'her', 'the two sides',
  'both sides', 'the minister', 'the Secretary', 'on Thursday', 'next week', 'last year', 'within this year',
  'by 2030', 'in March', 'on July 7', '2022', 'this month', 'in principle', 'if', 'not', 'the', 'a', 'and', 'of',
  'in', 'with', 'that', 'to', 'on', 'for', 'cooperation', 'exchange of visits', 'trade', 'security', 'troops',
];
const PUNCT = ['.', ',', ';', ':', '-', '—', '(', ')', '?', '!', '...', '\n', '\n\n', ' '];
export const QUOTE_MARKS = ['"', '“', '”', '‘', '’', "'", '«', '»', '„', '‹', '›', '「', '」', '『', '』', '〝', '〞', '＂', '`', '´'];
/** Zero-width, format, bidi and control characters, and the Unicode line and paragraph separators. */
export const INVISIBLE = [
  '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad', '\u034f', '\u180e', '\u200e', '\u200f', '\u061c',
  '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u2028', '\u2029',
  '\u0085', '\u007f', '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\r', '\u001b', '\u001f', '\t',
  '\ufffd', '\ufffe', '\uffff', '\u0301', '\u0308', '\u20dd', '\ud83d', '\ude00', '\udbff',
];
const RTL_WORDS = [
  'وزير الخارجية', 'الصين', 'قال', 'اتفق', 'محادثات', 'إسرائيل', 'فلسطين', 'طهران', 'السلام', '٢٠٢٢', '١٥ مارس',
  'שר החוץ', 'ישראל', 'אמר', 'ירושלים', 'שיחות', 'ממשלה', 'וזיר خارجه ایران', 'گفت', 'اسلام آباد',
];

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const join = (parts: string[]) => parts.join('');

/** A sentence-ish run of news words and punctuation. */
export const newsText = (maxParts = 120) =>
  fc.array(fc.oneof({ weight: 6, arbitrary: pick(NEWS_WORDS).map((w) => w + ' ') }, { weight: 2, arbitrary: pick(PUNCT) }), { maxLength: maxParts, size: 'max' }).map(join);

/** Any code point, astral planes included. */
export const anyUnicode = (maxLength = 400) => fc.string({ unit: 'binary', maxLength, size: 'max' });

/** Any UTF-16 code unit: lone surrogates, noncharacters, NUL. */
export const anyCodeUnits = (maxLength = 400) => fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength, size: 'max' });

/** News prose with zero-width, bidi and control characters scattered through it, inside words too. */
export const invisibleNews = () =>
  fc
    .tuple(newsText(80), fc.array(fc.tuple(fc.nat(), pick(INVISIBLE), fc.integer({ min: 1, max: 4 })), { maxLength: 40, size: 'max' }))
    .map(([text, inserts]) => {
      let t = text;
      for (const [at, ch, n] of inserts) {
        const i = t.length ? at % (t.length + 1) : 0;
        t = t.slice(0, i) + ch.repeat(n) + t.slice(i);
      }
      return t;
    });

/** Right-to-left text, alone and mixed with English names, with and without bidi controls. */
export const rtlText = () =>
  fc
    .array(fc.oneof({ weight: 3, arbitrary: pick(RTL_WORDS) }, { weight: 2, arbitrary: pick(NEWS_WORDS) }, pick(PUNCT), pick(['\u200f', '\u202b', '\u202c', '\u2067', '\u2069', '\u061c'])), { maxLength: 80, size: 'max' })
    .map((ws) => ws.join(' '));

/** News prose with quotation marks of every script inserted at random: most unbalanced. */
export const unbalancedQuotes = () =>
  fc
    .tuple(newsText(80), fc.array(fc.tuple(fc.nat(), pick(QUOTE_MARKS)), { minLength: 1, maxLength: 30, size: 'max' }))
    .map(([text, inserts]) => {
      let t = text;
      for (const [at, q] of inserts) {
        const i = t.length ? at % (t.length + 1) : 0;
        t = t.slice(0, i) + q + t.slice(i);
      }
      return t;
    });

/** Thousands of quotation marks: alone, around tiny words, or around cue words ("said"). */
export const manyQuotes = () =>
  fc.oneof(
    fc.tuple(pick(QUOTE_MARKS), fc.integer({ min: 1000, max: 6000 })).map(([q, n]) => q.repeat(n)),
    fc.array(pick(QUOTE_MARKS), { minLength: 1000, maxLength: 5000, size: 'max' }).map(join),
    fc.tuple(fc.integer({ min: 500, max: 2500 }), pick(['x', 'he said', 'Wang said', ', he said.', ' ', 'China'])).map(([n, w]) => Array.from({ length: n }, (_, i) => (i % 2 ? `“${w}”` : `"${w}"`)).join(' ')),
  );

/** One line, no newline, of 20–120 kB: a repeated sentence, one endless word, or digits and dates. */
export const longLine = () =>
  fc
    .tuple(
      fc.oneof(
        newsText(40).map((s) => s.replace(/\n/g, ' ') || 'x'),
        pick(['a', 'Wang', 'Ünïcödé', '漢字', '😀', '-', '.', ',', '2022', 'Mr.', 'U.S.', '"', '\u200b']),
        pick(['Foreign Minister Wang Yi met Park Jin on Thursday and said ', '12 March 2022 ', '1 2 3 4 5 ', 'the the the ', 'he said, she said, they said ']),
      ),
      fc.integer({ min: 20_000, max: 120_000 }),
    )
    .map(([unit, size]) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size));

/** Deeply nested HTML, as the article text itself (the engine does not read HTML; an input may still be markup). */
export const nestedHtml = () =>
  fc
    .tuple(fc.integer({ min: 1, max: 5000 }), pick(['div', 'span', 'p', 'b', 'blockquote', 'table', 'q']), newsText(30), fc.boolean())
    .map(([depth, tag, inner, closed]) => `<${tag} class="x">`.repeat(depth) + inner + (closed ? `</${tag}>`.repeat(depth) : ''));

/** Empty, or only whitespace of every kind (zero-width included). */
export const blank = () =>
  fc.string({ unit: pick([' ', '\n', '\t', '\r', '\u00a0', '\u2003', '\u3000', '\u200b', '\u2028', '\u2029', '\u000b', '\u000c', '\ufeff']), maxLength: 200, size: 'max' });

/** Bytes decoded as a reader would meet them: UTF-8 (with replacement characters) or Latin-1. */
export const binary = () =>
  fc.tuple(fc.uint8Array({ maxLength: 4000, size: 'max' }), fc.boolean()).map(([b, utf8]) => Buffer.from(b).toString(utf8 ? 'utf8' : 'latin1'));

/** The families, by name: each an arbitrary of article text. */
export const FAMILIES = {
  news: () => newsText(),
  unicode: () => anyUnicode(),
  codeUnits: () => anyCodeUnits(),
  invisible: invisibleNews,
  rtl: rtlText,
  unbalancedQuotes,
  manyQuotes,
  longLine,
  nestedHtml,
  blank,
  binary,
} as const;
export type Family = keyof typeof FAMILIES;

const dayArb = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

/** A short, reproducible description of an article for failure messages: sizes, the head of each field. */
export function describeArticle(a: Article): string {
  const head = (s: string | null, n = 120) => (s === null ? 'null' : JSON.stringify(s.length > n ? s.slice(0, n) : s) + (s.length > n ? `… (${s.length} chars)` : ''));
  return `{text: ${head(a.text)}, date: ${a.date}, title: ${head(a.title, 60)}, dateline: ${head(a.dateline, 40)}}`;
}

/** An article around a text: date (or none), and a title and dateline that are sometimes hostile too. */
export const articleOf = (text: fc.Arbitrary<string>): fc.Arbitrary<Article> =>
  fc
    .record({
      text,
      date: fc.option(dayArb, { nil: null, freq: 4 }),
      title: fc.option(fc.oneof(newsText(20), anyCodeUnits(60), rtlText(), unbalancedQuotes()), { nil: null, freq: 2 }),
      dateline: fc.option(fc.oneof(pick(['Bali', 'BEIJING', 'Seoul, South Korea', 'MOSCOW, April 13 -', 'Washington, D.C.', '']), anyUnicode(30)), { nil: null, freq: 2 }),
    })
    .map((r) => {
      const a: Article = { id: 'prop', url: null, lang: 'en', ...r };
      // fast-check prints a counterexample with this (a 100 kB text in full would bury the message)
      Object.defineProperty(a, fc.toStringMethod, { value: () => describeArticle(a), enumerable: false });
      return a;
    });
