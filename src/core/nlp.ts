/**
 * The NLP layer: the only module that imports the tokenizer/tagger (wink-nlp with its English model).
 * It turns text into a Doc: tokens with character offsets into the original text, POS tags and
 * sentences. Everything downstream reads the Doc through these named fields, never wink-nlp itself.
 */
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

export interface Token {
  /** Character offsets into the text: text.slice(start, end) === this.text. */
  start: number;
  end: number;
  text: string;
  /** Lower-cased form, for lexicon look-ups. */
  lower: string;
  /** Universal POS tag (NOUN, PROPN, VERB, AUX, PRON, ADP, PUNCT, ...). */
  pos: string;
  /** Index of the sentence that holds the token. */
  sentence: number;
  /** True when a line break separates this token from the previous one. */
  lineStart: boolean;
}

export interface Sentence {
  start: number;
  end: number;
  /** Token indices: first and one past the last. */
  first: number;
  last: number;
}

export interface Doc {
  text: string;
  tokens: Token[];
  sentences: Sentence[];
}

export type Analyzer = (text: string) => Doc;

/** Loads the model once (about 80 ms) and returns a pure text → Doc function. */
export function createAnalyzer(): Analyzer {
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  return (text: string): Doc => {
    const wd = nlp.readDoc(text);
    const values = wd.tokens().out(its.value) as string[];
    const pos = wd.tokens().out(its.pos) as string[];
    const sentSpans = wd.sentences().out(its.span) as unknown as number[][];
    const tokens: Token[] = [];
    const tokenIndex: number[] = new Array(values.length);
    let cursor = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!v) continue;
      // wink-nlp keeps token values verbatim and in order, so each is found at or after the cursor
      let at = text.startsWith(v, cursor) ? cursor : text.indexOf(v, cursor);
      if (at < 0 || at - cursor > 64) {
        if (!/^\s*$/.test(text.slice(cursor, Math.min(text.length, cursor + 64)))) continue; // a normalised value: skip it
        at = cursor;
      }
      const end = Math.min(at + v.length, text.length);
      if (end <= at) continue;
      tokenIndex[i] = tokens.length;
      const lineStart = tokens.length === 0 || text.slice(cursor, at).includes('\n');
      tokens.push({ start: at, end, text: v, lower: v.toLowerCase(), pos: pos[i], sentence: 0, lineStart });
      cursor = end;
    }
    // sentences from wink-nlp, split again at line breaks (headlines, datelines and bylines carry no period)
    const sentences: Sentence[] = [];
    const pushSentence = (first: number, last: number) => {
      if (last <= first) return;
      sentences.push({ start: tokens[first].start, end: tokens[last - 1].end, first, last });
    };
    for (const [a, b] of sentSpans) {
      let first = -1;
      let last = -1;
      for (let i = a; i <= b; i++) {
        const t = tokenIndex[i];
        if (t === undefined) continue;
        if (first < 0) first = t;
        last = t + 1;
      }
      if (first < 0) continue;
      let s = first;
      for (let t = first + 1; t < last; t++) {
        if (tokens[t].lineStart) {
          pushSentence(s, t);
          s = t;
        }
      }
      pushSentence(s, last);
    }
    sentences.forEach((s, i) => {
      for (let t = s.first; t < s.last; t++) tokens[t].sentence = i;
    });
    return { text, tokens, sentences };
  };
}

/** The tokenizer/tagger pass alone, for the throughput baseline in benchmarks. */
export function createBaselineTagger(): (text: string) => number {
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  return (text: string) => (nlp.readDoc(text).tokens().out(its.pos) as string[]).length;
}
