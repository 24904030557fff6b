/** Quotes: who said what, by speaker name or code. */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { useLoad } from '../hooks';
import { href, navigate, paramsObject } from '../router';
import type { Page, QuoteRow } from '../types';
import { CodeChip, Empty, ErrorBox, Loading } from '../ui';

const PAGE = 50;

export function QuotesPage({ params }: { params: URLSearchParams }) {
  const p = paramsObject(params);
  const offset = Number(p.offset ?? 0) || 0;
  const q = { speaker: p.speaker, actor: p.actor, q: p.q };
  const list = useLoad(JSON.stringify({ ...q, offset }), () => api<Page<QuoteRow>>('/quotes', { ...q, limit: PAGE, offset }));
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [JSON.stringify(q)]);
  return (
    <section class="quotes">
      <div class="page-head">
        <h1>Quotes</h1>
        <p class="muted">What was said, and by whom.</p>
      </div>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          navigate(href('quotes', null, draft));
        }}
      >
        <label>
          speaker
          <input name="speaker" value={draft.speaker ?? ''} onInput={(e) => setDraft({ ...draft, speaker: (e.target as HTMLInputElement).value })} placeholder="Mushi" />
        </label>
        <label>
          actor code
          <input name="actor" value={draft.actor ?? ''} onInput={(e) => setDraft({ ...draft, actor: (e.target as HTMLInputElement).value })} placeholder="TZA" size={6} />
        </label>
        <label>
          words
          <input name="q" value={draft.q ?? ''} onInput={(e) => setDraft({ ...draft, q: (e.target as HTMLInputElement).value })} placeholder="lake" />
        </label>
        <button type="submit">Apply</button>
        <a class="clear" href={href('quotes')}>
          clear
        </a>
      </form>
      {list.error ? <ErrorBox error={list.error} /> : null}
      {list.loading && !list.data ? <Loading /> : null}
      {list.data && !list.data.items.length ? <Empty>No quotes match.</Empty> : null}
      <ol class="quote-list">
        {(list.data?.items ?? []).map((x) => (
          <li key={x.articleId + x.id}>
            <blockquote class={`quote-text ${x.kind}`}>{x.text}</blockquote>
            <div class="muted">
              — {x.speakerName ?? 'unknown speaker'} {x.speakerCode ? <CodeChip code={x.speakerCode} /> : null} · {x.kind} ·{' '}
              <a href={href('article', x.articleId, { sel: `quote:${x.id}` })}>
                {x.articleDate ?? ''} {x.articleTitle ?? x.articleId}
              </a>
            </div>
          </li>
        ))}
      </ol>
      {list.data ? (
        <div class="pager">
          {offset > 0 ? <a href={href('quotes', null, { ...q, offset: Math.max(0, offset - PAGE) })}>← previous</a> : null}
          {list.data.next != null ? <a href={href('quotes', null, { ...q, offset: list.data.next })}>next →</a> : null}
        </div>
      ) : null}
    </section>
  );
}
