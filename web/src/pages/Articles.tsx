/** Articles: newest first or searched (full text), each opening in the reader; add an article. */
import { useState } from 'preact/hooks';
import { api, postArticle } from '../api';
import { useLoad } from '../hooks';
import { href, navigate, paramsObject } from '../router';
import type { ArticleSummary, Health, Page } from '../types';
import { Empty, ErrorBox, Loading, Snippet } from '../ui';

const PAGE = 30;

export function ArticlesPage({ params }: { params: URLSearchParams }) {
  const p = paramsObject(params);
  const q = p.q ?? '';
  const offset = Number(p.offset ?? 0) || 0;
  const health = useLoad('health', () => api<Health>('/health'));
  const list = useLoad(`${q}|${offset}`, () => api<Page<ArticleSummary>>('/articles', { q, limit: PAGE, offset }));
  const [draft, setDraft] = useState(q);
  return (
    <section class="articles">
      <div class="page-head">
        <h1>Articles</h1>
        {health.data ? (
          <p class="muted stats">
            {health.data.articles.toLocaleString('en-US')} articles · {health.data.events.toLocaleString('en-US')} linked events · parley {health.data.version}
          </p>
        ) : null}
      </div>
      <form
        class="search"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('articles', null, { q: draft.trim() }));
        }}
      >
        <input type="search" name="q" placeholder='Search titles and texts: words, "a phrase", talks OR meeting, boundar*' value={draft} onInput={(e) => setDraft((e.target as HTMLInputElement).value)} aria-label="search articles" />
        <button type="submit">Search</button>
        {q ? (
          <a class="clear" href={href('articles')}>
            clear
          </a>
        ) : null}
      </form>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && !list.data.items.length ? <Empty>No articles{q ? ` match “${q}”` : ' yet: ingest some with parley ingest, or add one below'}.</Empty> : null}
      {list.data ? (
        <ol class="article-list">
          {list.data.items.map((a) => (
            <li key={a.id}>
              <a class="title" href={href('article', a.id)}>
                {a.title || a.id}
              </a>
              <div class="meta muted">
                {a.date ?? 'no date'}
                {a.dateline ? ` · ${a.dateline}` : ''}
                {a.source ? ` · ${a.source}` : ''} · {a.events} event report{a.events === 1 ? '' : 's'}
                {a.nearDuplicateOf ? ' · near-duplicate' : ''}
              </div>
              {a.snippet ? <Snippet text={a.snippet} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {list.data ? (
        <div class="pager">
          {offset > 0 ? <a href={href('articles', null, { q, offset: Math.max(0, offset - PAGE) })}>← newer</a> : null}
          {list.data.next != null ? <a href={href('articles', null, { q, offset: list.data.next })}>older →</a> : null}
        </div>
      ) : null}
      {health.data?.ingest ? <AddArticle /> : null}
    </section>
  );
}

function AddArticle() {
  const [mode, setMode] = useState<'text' | 'url'>('text');
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <details class="add-article">
      <summary>Add an article</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          try {
            const body: Record<string, string> = mode === 'url' ? { url: text.trim() } : { text };
            if (title) body.title = title;
            if (date) body.date = date;
            const r = await postArticle(body);
            navigate(href('article', r.id));
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div class="row">
          <label>
            <input type="radio" name="mode" checked={mode === 'text'} onChange={() => setMode('text')} /> text
          </label>
          <label>
            <input type="radio" name="mode" checked={mode === 'url'} onChange={() => setMode('url')} /> URL
          </label>
        </div>
        {mode === 'text' ? (
          <textarea rows={8} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} placeholder="The article's text" aria-label="article text" />
        ) : (
          <input type="url" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder="https://…" aria-label="article URL" />
        )}
        <div class="row">
          <input value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} placeholder="title (optional)" aria-label="title" />
          <input type="date" value={date} onInput={(e) => setDate((e.target as HTMLInputElement).value)} aria-label="publication date" />
          <button type="submit" disabled={busy || !text.trim()}>
            {busy ? 'Extracting…' : 'Extract and store'}
          </button>
        </div>
        {error ? <ErrorBox error={error} /> : null}
      </form>
    </details>
  );
}
