/**
 * The `text` filter of a query is written in SQLite FTS5 syntax (the default store's). For PostgreSQL
 * it is parsed here and rebuilt as a tsquery expression, so that the same query means the same thing
 * on both stores:
 *
 *   word  "a phrase"  prefix*  a AND b  a OR b  a NOT b  (grouping)  a b (implicit AND)  NEAR(a b, n)
 *
 * Precedence as in FTS5: NOT binds tightest, then AND (explicit or implicit), then OR. Words and
 * phrases go through PostgreSQL's `english` configuration (Snowball stemming, like FTS5's porter
 * tokenizer; English stop words are dropped, which FTS5 does not do). NEAR is read as AND (the
 * distance is not checked). Column filters (`title:`) and `^` are not supported. A query that does not
 * parse throws an error whose message starts "fts5: syntax error", as SQLite's does, so that the
 * command line reports it as a usage error.
 */

export class TextQueryError extends Error {}

type Token = { t: 'word' | 'phrase' | 'op' | '(' | ')' | '*' | ','; v: string };

const WORD = /[\p{L}\p{N}_\u001a]/u;

function tokens(q: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= q.length) throw new TextQueryError(`fts5: syntax error: unterminated string in "${q}"`);
        if (q[i] === '"') {
          if (q[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += q[i++];
      }
      out.push({ t: 'phrase', v: s });
    } else if (c === '(' || c === ')' || c === '*' || c === ',') {
      out.push({ t: c, v: c });
      i++;
    } else if (c === '+') {
      i++; // phrase concatenation: "a" + "b" is the phrase "a b"; kept as adjacent words
    } else if (WORD.test(c)) {
      let s = '';
      while (i < q.length && WORD.test(q[i])) s += q[i++];
      out.push(/^(AND|OR|NOT|NEAR)$/.test(s) ? { t: 'op', v: s } : { t: 'word', v: s });
    } else {
      throw new TextQueryError(`fts5: syntax error near "${c}"`);
    }
  }
  return out;
}

/**
 * The SQL of a tsquery for an FTS5 query; `param` adds a bound parameter and returns its placeholder.
 */
export function ftsToTsquery(query: string, param: (v: unknown) => string): string {
  const ts = tokens(query);
  let at = 0;
  const peek = () => ts[at];
  const fail = (): never => {
    const t = ts[at];
    throw new TextQueryError(t ? `fts5: syntax error near "${t.v}"` : `fts5: syntax error at the end of "${query}"`);
  };

  const term = (): string => {
    const t = ts[at];
    if (!t || (t.t !== 'word' && t.t !== 'phrase')) return fail();
    at++;
    if (peek()?.t === '*') {
      at++;
      // prefix: each word of the term, the last as a prefix
      const words = t.v.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
      if (!words.length) return fail();
      const expr = words.map((w, k) => `'${w.toLowerCase()}'${k === words.length - 1 ? ':*' : ''}`).join(' <-> ');
      return `to_tsquery('english', ${param(expr)})`;
    }
    return t.t === 'phrase' ? `phraseto_tsquery('english', ${param(t.v)})` : `plainto_tsquery('english', ${param(t.v)})`;
  };

  const primary = (): string => {
    const t = peek();
    if (!t) return fail();
    if (t.t === '(') {
      at++;
      const e = or();
      if (peek()?.t !== ')') return fail();
      at++;
      return e;
    }
    if (t.t === 'op' && t.v === 'NEAR' && ts[at + 1]?.t === '(') {
      at += 2;
      const parts: string[] = [];
      while (peek() && peek().t !== ')' && peek().t !== ',') parts.push(term());
      if (peek()?.t === ',') {
        at++;
        if (peek()?.t !== 'word' || !/^\d+$/.test(peek().v)) return fail();
        at++;
      }
      if (peek()?.t !== ')' || !parts.length) return fail();
      at++;
      return parts.length === 1 ? parts[0] : `(${parts.join(' && ')})`;
    }
    return term();
  };

  const not = (): string => {
    let e = primary();
    while (peek()?.t === 'op' && peek().v === 'NOT') {
      at++;
      e = `(${e} && !!${primary()})`;
    }
    return e;
  };

  const startsPrimary = (t: Token | undefined) => !!t && (t.t === 'word' || t.t === 'phrase' || t.t === '(' || (t.t === 'op' && t.v === 'NEAR'));

  const and = (): string => {
    let e = not();
    for (;;) {
      const t = peek();
      if (t?.t === 'op' && t.v === 'AND') {
        at++;
        e = `(${e} && ${not()})`;
      } else if (startsPrimary(t)) {
        e = `(${e} && ${not()})`;
      } else return e;
    }
  };

  const or = (): string => {
    let e = and();
    while (peek()?.t === 'op' && peek().v === 'OR') {
      at++;
      e = `(${e} || ${and()})`;
    }
    return e;
  };

  if (!ts.length) throw new TextQueryError('fts5: syntax error: empty query');
  const e = or();
  if (at < ts.length) fail();
  return e;
}
