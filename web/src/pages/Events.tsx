/** The events explorer: the filters of `parley query`, a sortable table, each event's evidence, export. */
import { useEffect, useState } from 'preact/hooks';
import { api, qs } from '../api';
import { useLoad } from '../hooks';
import { href, navigate, paramsObject } from '../router';
import type { EventRow, MentionRow, Page } from '../types';
import { Empty, ErrorBox, Evidence, ExternalLink, fmt, Goldstein, Loading, Parties } from '../ui';

export const FILTERS = ['actor', 'country', 'dyad', 'directed', 'type', 'from', 'to', 'place', 'modality', 'text', 'minSources'] as const;
const PLOVER = ['AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST', 'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT'];
const PAGE = 100;

type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

function filtersOf(p: URLSearchParams): Filters {
  const o = paramsObject(p);
  const f: Filters = {};
  for (const k of FILTERS) if (o[k]) f[k] = o[k];
  return f;
}

type SortKey = 'date' | 'type' | 'goldstein' | 'numMentions' | 'numSources' | 'place' | 'actors';

function sortRows(rows: EventRow[], key: SortKey, dir: 1 | -1): EventRow[] {
  const val = (e: EventRow): string | number => {
    switch (key) {
      case 'goldstein':
        return e.goldstein ?? -99;
      case 'numMentions':
        return e.numMentions;
      case 'numSources':
        return e.numSources;
      case 'place':
        return e.place?.name ?? '';
      case 'actors':
        return e.actors.join('+');
      case 'type':
        return e.type;
      default:
        return e.date ?? '';
    }
  };
  return rows.slice().sort((a, b) => {
    const x = val(a);
    const y = val(b);
    return (x < y ? -1 : x > y ? 1 : 0) * dir || a.id.localeCompare(b.id);
  });
}

export function EventsPage({ params }: { params: URLSearchParams }) {
  const filters = filtersOf(params);
  const key = JSON.stringify(filters);
  const openEvent = params.get('event');
  const [rows, setRows] = useState<EventRow[]>([]);
  const [next, setNext] = useState<number | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 }>({ key: 'date', dir: 1 });
  const [open, setOpen] = useState<string | null>(openEvent);

  const load = async (offset: number) => {
    setState({ loading: true, error: null });
    try {
      const p = await api<Page<EventRow>>('/events', { ...filters, limit: PAGE, offset });
      setRows((r) => (offset ? [...r, ...p.items] : p.items));
      setNext(p.next);
      setState({ loading: false, error: null });
    } catch (e) {
      setRows([]);
      setNext(null);
      setState({ loading: false, error: (e as Error).message });
    }
  };
  useEffect(() => {
    void load(0);
  }, [key]);
  useEffect(() => setOpen(openEvent), [openEvent]);

  const sorted = sortRows(rows, sort.key, sort.dir);
  const th = (k: SortKey, label: string) => (
    <th scope="col" class={`sortable ${sort.key === k ? (sort.dir === 1 ? 'asc' : 'desc') : ''}`} aria-sort={sort.key === k ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" onClick={() => setSort({ key: k, dir: sort.key === k ? (-sort.dir as 1 | -1) : 1 })}>
        {label}
      </button>
    </th>
  );
  const exportQs = qs({ ...filters });
  return (
    <section class="events">
      <div class="page-head">
        <h1>Events</h1>
        <p class="muted">Linked events: one row per real-world event, however many articles report it.</p>
      </div>
      <FilterForm filters={filters} />
      {openEvent && !rows.some((r) => r.id === openEvent) ? <OneEvent id={openEvent} /> : null}
      <div class="table-head">
        <span class="count" data-count={rows.length}>
          {rows.length}
          {next != null ? '+' : ''} event{rows.length === 1 ? '' : 's'}
        </span>
        <span class="export">
          Export: <a href={`/events/export${qs({ ...filters, format: 'csv' })}`} download="parley-events.csv">CSV</a> · <a href={`/events/export${qs({ ...filters, format: 'jsonl' })}`} download="parley-events.jsonl">JSONL</a> ·{' '}
          <a href={`/events${exportQs}`} target="_blank" rel="noopener">
            API
          </a>
        </span>
      </div>
      {state.error ? <ErrorBox error={state.error} /> : null}
      {!state.loading && !state.error && !rows.length ? <Empty>No events match these filters.</Empty> : null}
      {rows.length ? (
        <table class="events-table">
          <thead>
            <tr>
              {th('date', 'date')}
              {th('type', 'type')}
              {th('actors', 'actors → recipients')}
              {th('place', 'place')}
              {th('goldstein', 'Goldstein')}
              {th('numMentions', 'reports')}
              {th('numSources', 'sources')}
              <th scope="col">evidence</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((e) => [
              <tr key={e.id} class={`event-row ${open === e.id ? 'open' : ''}`} data-id={e.id} onClick={() => setOpen(open === e.id ? null : e.id)}>
                <td class="nowrap">{e.date ?? '—'}</td>
                <td>
                  <b>{e.type}</b> <span class="muted">{e.cameo ?? ''}</span>
                  {e.modality !== 'asserted' ? <span class="badge modality">{e.modality}</span> : null}
                </td>
                <td>
                  <Parties event={e} />
                </td>
                <td>{e.place ? `${e.place.name}${e.place.code ? ` ${e.place.code}` : ''}` : '—'}</td>
                <td class="num">
                  <Goldstein value={e.goldstein} />
                </td>
                <td class="num">{e.numMentions}</td>
                <td class="num">{e.numSources}</td>
                <td class="evidence-cell">{e.evidence}</td>
              </tr>,
              open === e.id ? (
                <tr key={e.id + '-detail'} class="detail-row">
                  <td colSpan={8}>
                    <EventDetail id={e.id} />
                  </td>
                </tr>
              ) : null,
            ])}
          </tbody>
        </table>
      ) : null}
      {state.loading ? <Loading /> : null}
      {next != null && !state.loading ? (
        <button type="button" class="more" onClick={() => load(next)}>
          Load more
        </button>
      ) : null}
    </section>
  );
}

function OneEvent({ id }: { id: string }) {
  return (
    <div class="one-event">
      <h2>Event {id}</h2>
      <EventDetail id={id} full />
    </div>
  );
}

/** An event's reports: each article, its sentence with the trigger marked, a link into the reader. */
export function EventDetail({ id, full = false }: { id: string; full?: boolean }) {
  const d = useLoad(id, () => api<{ event: EventRow; mentions: MentionRow[] }>(`/events/${encodeURIComponent(id)}`));
  if (d.error) return <ErrorBox error={d.error} />;
  if (!d.data) return <Loading what="Evidence" />;
  const e = d.data.event;
  return (
    <div class="event-detail">
      {full ? (
        <p>
          <b>{e.type}</b> {e.date ?? ''} · <Parties event={e} />{' '}
          · Goldstein <Goldstein value={e.goldstein} />
        </p>
      ) : null}
      <p class="muted">
        {e.id} · CAMEO {e.cameo ?? '—'} · quad {e.quad ?? '—'} · {e.modality} · tone {fmt(e.tone, 2)} · {e.numArticles} article{e.numArticles === 1 ? '' : 's'}, {e.numSources} source
        {e.numSources === 1 ? '' : 's'}
        {e.isRoot ? ' · in the lead' : ''}
      </p>
      <ol class="reports">
        {d.data.mentions.map((m) => (
          <li key={m.articleId + m.eventId}>
            <a href={href('article', m.articleId, { sel: `event:${m.eventId}` })}>
              {m.articleDate ?? ''} {m.articleId}
            </a>{' '}
            <span class="muted">
              {m.source ?? ''}
              {m.dateText ? ` · “${m.dateText}”` : ''}
              {m.inLead ? ' · lead' : ''}
            </span>{' '}
            <ExternalLink url={m.url}>original</ExternalLink>
            <Evidence sentence={m.sentence} mark={m.trigger} />
          </li>
        ))}
      </ol>
    </div>
  );
}

export function FilterForm({ filters, page = 'events', fields = FILTERS as readonly string[] }: { filters: Filters; page?: string; fields?: readonly string[] }) {
  const [draft, setDraft] = useState<Filters>(filters);
  useEffect(() => setDraft(filters), [JSON.stringify(filters)]);
  const set = (k: keyof Filters) => (e: Event) => {
    const t = e.target as HTMLInputElement;
    setDraft({ ...draft, [k]: t.type === 'checkbox' ? (t.checked ? 'true' : '') : t.value });
  };
  const has = (k: string) => fields.includes(k);
  return (
    <form
      class="filters"
      onSubmit={(e) => {
        e.preventDefault();
        const clean: Record<string, string> = {};
        for (const [k, v] of Object.entries(draft)) if (v && v.trim()) clean[k] = v.trim();
        navigate(href(page, null, clean));
      }}
    >
      {has('actor') ? (
        <label>
          actor
          <input name="actor" value={draft.actor ?? ''} onInput={set('actor')} placeholder="KEN, Otieno" />
        </label>
      ) : null}
      {has('country') ? (
        <label>
          place country
          <input name="country" value={draft.country ?? ''} onInput={set('country')} placeholder="TZA" size={6} />
        </label>
      ) : null}
      {has('dyad') ? (
        <label>
          dyad
          <input name="dyad" value={draft.dyad ?? ''} onInput={set('dyad')} placeholder="KEN-TZA" size={9} />
        </label>
      ) : null}
      {has('directed') ? (
        <label class="check">
          <input type="checkbox" name="directed" checked={draft.directed === 'true'} onChange={set('directed')} /> directed
        </label>
      ) : null}
      {has('type') ? (
        <label>
          type
          <input name="type" list="plover-types" value={draft.type ?? ''} onInput={set('type')} placeholder="CONSULT, 04" size={10} />
          <datalist id="plover-types">
            {PLOVER.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
        </label>
      ) : null}
      {has('from') ? (
        <label>
          from
          <input name="from" value={draft.from ?? ''} onInput={set('from')} placeholder="2025-01" size={10} />
        </label>
      ) : null}
      {has('to') ? (
        <label>
          to
          <input name="to" value={draft.to ?? ''} onInput={set('to')} placeholder="2025-06-30" size={10} />
        </label>
      ) : null}
      {has('place') ? (
        <label>
          place
          <input name="place" value={draft.place ?? ''} onInput={set('place')} placeholder="Kampala" size={10} />
        </label>
      ) : null}
      {has('modality') ? (
        <label>
          modality
          <select name="modality" value={draft.modality ?? ''} onChange={set('modality')}>
            <option value="">any</option>
            <option value="asserted">asserted</option>
            <option value="future">future</option>
            <option value="negated">negated</option>
            <option value="hypothetical">hypothetical</option>
          </select>
        </label>
      ) : null}
      {has('text') ? (
        <label>
          text
          <input name="text" value={draft.text ?? ''} onInput={set('text')} placeholder='"boundary talks"' size={12} />
        </label>
      ) : null}
      {has('minSources') ? (
        <label>
          min sources
          <input name="minSources" type="number" min={1} value={draft.minSources ?? ''} onInput={set('minSources')} size={3} />
        </label>
      ) : null}
      <button type="submit">Apply</button>
      <a class="clear" href={href(page)}>
        clear
      </a>
    </form>
  );
}
