/** Commitments: open, kept and overdue, each with the words that make it and, when kept, the event. */
import { api } from '../api';
import { useLoad } from '../hooks';
import { href } from '../router';
import type { CommitmentRow, Page } from '../types';
import { CodeChip, Empty, ErrorBox, Loading, StatusBadge } from '../ui';

const TABS = ['all', 'open', 'kept', 'overdue'] as const;

export function CommitmentsPage({ params }: { params: URLSearchParams }) {
  const status = (TABS as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as (typeof TABS)[number]) : 'all';
  const all = useLoad('commitments', () => api<Page<CommitmentRow>>('/commitments', { limit: 500 }));
  const rows = (all.data?.items ?? []).filter((c) => status === 'all' || c.status === status);
  const count = (s: string) => (all.data?.items ?? []).filter((c) => s === 'all' || c.status === s).length;
  return (
    <section class="commitments">
      <div class="page-head">
        <h1>Commitments</h1>
        <p class="muted">Promises to a concrete action, checked against the events reported after them: kept by a later event, overdue past their due date, or open.</p>
      </div>
      <nav class="tabs" aria-label="status">
        {TABS.map((t) => (
          <a key={t} href={href('commitments', null, { status: t === 'all' ? null : t })} class={t === status ? 'active' : ''}>
            {t} <span class="count">{all.data ? count(t) : ''}</span>
          </a>
        ))}
      </nav>
      {all.error ? <ErrorBox error={all.error} /> : null}
      {all.loading && !all.data ? <Loading /> : null}
      {all.data && !rows.length ? <Empty>No {status === 'all' ? '' : status + ' '}commitments.</Empty> : null}
      <ol class="commitment-list">
        {rows.map((c) => (
          <li key={c.articleId + c.commitmentId} class={`commitment status-${c.status}`} data-status={c.status}>
            <div class="c-head">
              <StatusBadge status={c.status} late={c.late} />
              <span class="action">{c.action}</span>
            </div>
            <div class="c-meta muted">
              made {c.madeOn ?? '—'} · due {c.due ?? 'no date'}
              {c.dueText ? ` (“${c.dueText}”)` : ''} · parties{' '}
              {c.parties.length ? c.parties.map((p) => <CodeChip key={p} code={p} />) : '—'} · looks for {c.looksFor.join(', ') || '—'}
            </div>
            <div class="c-evidence">
              <a href={href('article', c.articleId, { sel: `commitment:${c.commitmentId}` })}>{c.articleId}</a>
              {c.evidence ? <q class="evidence">{c.evidence.text}</q> : null}
            </div>
            {c.keptBy ? (
              <div class="c-kept">
                kept {c.keptBy.date ?? ''} by{' '}
                <a href={href('article', c.keptBy.articleId, { sel: `event:${c.keptBy.eventId}` })}>
                  {c.keptBy.articleId} {c.keptBy.eventId}
                </a>{' '}
                (<a href={href('events', null, { event: c.keptBy.event })}>linked event</a>)<q class="evidence">{c.keptBy.evidence}</q>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
