/**
 * The article reader: the text with every span the engine found highlighted (actors coloured by
 * country, event triggers, quotes, times, places, commitments). Click a span to see its record; click
 * a record in the panel to see its spans. The text is always inserted as text, never as HTML.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { codeColor } from '../colors';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import type { Actor, ArticleDetail, ArticleResult, EventRow, MentionRow } from '../types';
import { CodeChip, ErrorBox, Evidence, ExternalLink, fmt, Goldstein, Loading, StatusBadge } from '../ui';

export type Kind = 'actor' | 'event' | 'quote' | 'time' | 'place' | 'commitment';
const KINDS: Kind[] = ['actor', 'event', 'quote', 'time', 'place', 'commitment'];
const LABEL: Record<Kind, string> = { actor: 'actors', event: 'events', quote: 'quotes', time: 'times', place: 'places', commitment: 'commitments' };
/** When spans overlap, a click picks the most specific: a trigger before a name before a quote. */
const PRIORITY: Record<Kind, number> = { event: 0, actor: 1, time: 2, place: 3, commitment: 4, quote: 5 };

interface SpanRef {
  kind: Kind;
  id: string;
  start: number;
  end: number;
  color?: string;
}

interface Segment {
  start: number;
  end: number;
  spans: SpanRef[];
}

interface Sel {
  kind: Kind;
  id: string;
}

function actorColor(a: Actor, byId: Map<string, Actor>): string {
  if (a.code) return codeColor(a.code);
  const codes = new Set((a.members ?? []).map((m) => byId.get(m)?.code).filter(Boolean));
  return codes.size === 1 ? codeColor([...codes][0]) : '#8a8a8a';
}

export function spansOf(r: ArticleResult): SpanRef[] {
  const byId = new Map(r.actors.map((a) => [a.id, a]));
  const out: SpanRef[] = [];
  for (const a of r.actors) for (const m of a.mentions) out.push({ kind: 'actor', id: a.id, start: m.start, end: m.end, color: actorColor(a, byId) });
  for (const e of r.events) out.push({ kind: 'event', id: e.id, start: e.trigger.start, end: e.trigger.end });
  for (const q of r.quotes) out.push({ kind: 'quote', id: q.id, start: q.start, end: q.end });
  r.times.forEach((t, i) => out.push({ kind: 'time', id: `T${i + 1}`, start: t.start, end: t.end }));
  for (const p of r.places ?? []) for (const m of p.mentions) out.push({ kind: 'place', id: p.id, start: m.start, end: m.end });
  for (const c of r.commitments) out.push({ kind: 'commitment', id: c.id, start: c.start, end: c.end });
  const n = r.article.text.length;
  return out.filter((s) => s.start >= 0 && s.end <= n && s.end > s.start);
}

/** Cuts the text at every span boundary; each piece knows the spans that cover it. */
export function segments(length: number, spans: SpanRef[]): Segment[] {
  const cuts = new Set<number>([0, length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const starts = new Map<number, SpanRef[]>();
  for (const s of spans) (starts.get(s.start) ?? starts.set(s.start, []).get(s.start)!).push(s);
  let active: SpanRef[] = [];
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    active = active.filter((s) => s.end > a);
    for (const s of starts.get(a) ?? []) active.push(s);
    out.push({ start: a, end: b, spans: active.slice() });
  }
  return out;
}

function pick(spans: SpanRef[], visible: Set<Kind>): SpanRef | null {
  const c = spans.filter((s) => visible.has(s.kind));
  if (!c.length) return null;
  return c.sort((x, y) => PRIORITY[x.kind] - PRIORITY[y.kind] || x.end - x.start - (y.end - y.start))[0];
}

function parseSel(v: string | null): Sel | null {
  if (!v) return null;
  const i = v.indexOf(':');
  const kind = v.slice(0, i) as Kind;
  return i > 0 && KINDS.includes(kind) ? { kind, id: v.slice(i + 1) } : null;
}

export function ReaderPage({ id, params }: { id: string; params: URLSearchParams }) {
  const detail = useLoad(id, () => api<ArticleDetail>(`/articles/${encodeURIComponent(id)}`));
  const sel = parseSel(params.get('sel'));
  const [visible, setVisible] = useState<Set<Kind>>(() => new Set(KINDS));
  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!detail.data) return <Loading what="Loading the article" />;
  return <Reader d={detail.data} sel={sel} visible={visible} setVisible={setVisible} />;
}

function Reader({ d, sel, visible, setVisible }: { d: ArticleDetail; sel: Sel | null; visible: Set<Kind>; setVisible: (v: Set<Kind>) => void }) {
  const r = d.result;
  const text = r.article.text;
  const spans = useMemo(() => spansOf(r), [r]);
  const segs = useMemo(() => segments(text.length, spans), [text, spans]);
  const actors = useMemo(() => new Map(r.actors.map((a) => [a.id, a])), [r]);
  const textRef = useRef<HTMLDivElement>(null);
  const select = (s: Sel | null) => navigate(href('article', r.article.id, s ? { sel: `${s.kind}:${s.id}` } : {}));

  // related spans: an event's sentence, a quote's speaker, a commitment's parties
  const related = useMemo(() => {
    const ids = new Set<string>();
    let range: { start: number; end: number } | null = null;
    if (sel?.kind === 'event') {
      const e = r.events.find((x) => x.id === sel.id);
      if (e) {
        range = e.sentence;
        [...e.actors, ...e.recipients].forEach((a) => ids.add(`actor:${a}`));
      }
    } else if (sel?.kind === 'quote') {
      const q = r.quotes.find((x) => x.id === sel.id);
      if (q?.speaker) ids.add(`actor:${q.speaker}`);
    } else if (sel?.kind === 'commitment') {
      r.commitments.find((x) => x.id === sel.id)?.parties.forEach((p) => ids.add(`actor:${p}`));
    }
    return { ids, range };
  }, [r, sel?.kind, sel?.id]);

  useEffect(() => {
    const el = textRef.current?.querySelector('.sel');
    if (el) (el as HTMLElement).scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [sel?.kind, sel?.id]);

  const body: ComponentChildren[] = segs.map((s) => {
    const piece = text.slice(s.start, s.end);
    const shown = s.spans.filter((x) => visible.has(x.kind));
    if (!shown.length && !(related.range && s.start >= related.range.start && s.end <= related.range.end)) return piece;
    const kinds = new Set(shown.map((x) => x.kind));
    const isSel = !!sel && shown.some((x) => x.kind === sel.kind && x.id === sel.id);
    const isRel = shown.some((x) => related.ids.has(`${x.kind}:${x.id}`)) || (!!related.range && s.start >= related.range.start && s.end <= related.range.end);
    const actor = shown.find((x) => x.kind === 'actor');
    const cls = ['seg', ...[...kinds].map((k) => `s-${k}`), isSel ? 'sel' : '', isRel ? 'rel' : ''].filter(Boolean).join(' ');
    const top = pick(shown, visible);
    return (
      <span
        key={s.start}
        class={cls}
        data-s={s.start}
        style={actor?.color ? { '--c': actor.color } : undefined}
        title={top ? `${top.kind} ${top.id}` : undefined}
        onClick={top ? () => select(isSel && top.kind === sel?.kind ? null : { kind: top.kind, id: top.id }) : undefined}
      >
        {piece}
      </span>
    );
  });

  return (
    <section class="reader">
      <div class="reader-main">
        <p class="crumbs">
          <a href={href('articles')}>Articles</a> ›
        </p>
        <h1>{r.article.title || r.article.id}</h1>
        <p class="meta muted">
          {r.article.date ?? 'no date'}
          {r.article.dateline ? ` · ${r.article.dateline}` : ''}
          {d.source ? ` · ${d.source}` : ''} · tone {fmt(r.tone, 2)} {r.article.url ? <>· <ExternalLink url={r.article.url}>original</ExternalLink></> : null}
          {d.nearDuplicateOf ? (
            <>
              {' '}
              · near-duplicate of <a href={href('article', d.nearDuplicateOf)}>{d.nearDuplicateOf}</a>
            </>
          ) : null}
        </p>
        <div class="layers" role="group" aria-label="highlight layers">
          {KINDS.map((k) => (
            <label key={k} class={`layer s-${k}`}>
              <input
                type="checkbox"
                checked={visible.has(k)}
                onChange={() => {
                  const v = new Set(visible);
                  if (v.has(k)) v.delete(k);
                  else v.add(k);
                  setVisible(v);
                }}
              />
              <span class="swatch" /> {LABEL[k]}
            </label>
          ))}
        </div>
        <div class="article-text" ref={textRef} lang={r.article.lang}>
          {body}
        </div>
      </div>
      <aside class="reader-panel">
        {sel ? <Record d={d} sel={sel} actors={actors} select={select} /> : <p class="muted hint">Click a highlighted span to see its record, or a record below to see its words.</p>}
        <Lists r={r} d={d} sel={sel} select={select} />
      </aside>
    </section>
  );
}

const name = (actors: Map<string, Actor>, id: string) => actors.get(id)?.name ?? id;

function ActorButton({ id, actors, select }: { id: string; actors: Map<string, Actor>; select: (s: Sel) => void }) {
  const a = actors.get(id);
  const color = a ? (a.code ? codeColor(a.code) : '#8a8a8a') : '#8a8a8a';
  return (
    <button type="button" class="link actor-btn" style={{ '--c': color }} onClick={() => select({ kind: 'actor', id })}>
      <span class="dot" />
      {name(actors, id)}
      {a?.code ? <span class="muted"> {a.code}</span> : null}
    </button>
  );
}

function Field({ k, children }: { k: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{k}</dt>
      <dd>{children}</dd>
    </>
  );
}

function Record({ d, sel, actors, select }: { d: ArticleDetail; sel: Sel; actors: Map<string, Actor>; select: (s: Sel | null) => void }) {
  const r = d.result;
  let content: ComponentChildren = <p class="muted">Nothing with id {sel.id}.</p>;
  if (sel.kind === 'actor') {
    const a = actors.get(sel.id);
    if (a) {
      const events = r.events.filter((e) => e.actors.includes(a.id) || e.recipients.includes(a.id));
      const quotes = r.quotes.filter((q) => q.speaker === a.id);
      content = (
        <>
          <h2>
            {a.name} {a.code ? <CodeChip code={a.code} /> : null}
          </h2>
          <dl>
            <Field k="type">{a.type}</Field>
            {a.sector ? <Field k="sector">{a.sector}</Field> : null}
            {a.titles.length ? <Field k="titles">{a.titles.join(', ')}</Field> : null}
            {a.members?.length ? (
              <Field k="stands for">
                {a.members.map((m) => (
                  <ActorButton key={m} id={m} actors={actors} select={select} />
                ))}
              </Field>
            ) : null}
            <Field k="mentions">
              <ul class="mentions">
                {a.mentions.map((m) => (
                  <li key={m.start}>
                    <q>{m.text}</q> <span class="muted">{m.kind}</span>
                  </li>
                ))}
              </ul>
            </Field>
            {events.length ? (
              <Field k="events">
                {events.map((e) => (
                  <button key={e.id} type="button" class="link" onClick={() => select({ kind: 'event', id: e.id })}>
                    {e.id} {e.type}
                  </button>
                ))}
              </Field>
            ) : null}
            {quotes.length ? (
              <Field k="quotes">
                {quotes.map((q) => (
                  <button key={q.id} type="button" class="link" onClick={() => select({ kind: 'quote', id: q.id })}>
                    {q.id}
                  </button>
                ))}
              </Field>
            ) : null}
          </dl>
        </>
      );
    }
  } else if (sel.kind === 'event') {
    const e = r.events.find((x) => x.id === sel.id);
    if (e)
      content = (
        <>
          <h2>
            {e.id} {e.type}
            {e.mode ? <span class="muted"> {e.mode}</span> : null}
          </h2>
          <dl>
            <Field k="trigger">
              <q>{e.trigger.text}</q>
            </Field>
            <Field k="who">
              {e.actors.map((a) => (
                <ActorButton key={a} id={a} actors={actors} select={select} />
              ))}
              {e.recipients.length ? (
                <>
                  {' → '}
                  {e.recipients.map((a) => (
                    <ActorButton key={a} id={a} actors={actors} select={select} />
                  ))}
                </>
              ) : null}
            </Field>
            <Field k="CAMEO">
              {e.cameo ?? '—'} · Goldstein <Goldstein value={e.goldstein} /> · quad {e.quad ?? '—'}
            </Field>
            <Field k="modality">{e.modality}</Field>
            <Field k="date">
              {e.date ?? '—'}
              {e.dateText ? <span class="muted"> “{e.dateText}”</span> : null}
            </Field>
            <Field k="place">{e.location ? `${e.location.name}${e.location.code ? ` (${e.location.code})` : ''}` : '—'}</Field>
            <Field k="confidence">{fmt(e.confidence, 2)}</Field>
          </dl>
          <Linked linked={d.links[e.id]} articleId={r.article.id} />
        </>
      );
  } else if (sel.kind === 'quote') {
    const q = r.quotes.find((x) => x.id === sel.id);
    if (q)
      content = (
        <>
          <h2>
            {q.id} <span class="muted">{q.kind} quote</span>
          </h2>
          <blockquote class="quote-text">{q.text}</blockquote>
          <dl>
            <Field k="speaker">{q.speaker ? <ActorButton id={q.speaker} actors={actors} select={select} /> : <span class="muted">unknown</span>}</Field>
            {q.cue ? (
              <Field k="cue">
                <q>{q.cue.text}</q>
              </Field>
            ) : null}
          </dl>
        </>
      );
  } else if (sel.kind === 'time') {
    const t = r.times[Number(sel.id.slice(1)) - 1];
    if (t)
      content = (
        <>
          <h2>
            <q>{t.text}</q>
          </h2>
          <dl>
            <Field k="value">{t.value}</Field>
            <Field k="resolved against">{r.article.date ?? 'no publication date'}</Field>
          </dl>
        </>
      );
  } else if (sel.kind === 'place') {
    const p = (r.places ?? []).find((x) => x.id === sel.id);
    if (p)
      content = (
        <>
          <h2>
            {p.name} <CodeChip code={p.code} link={false} />
          </h2>
          <dl>
            <Field k="kind">
              {p.kind}
              {p.dateline ? ' · the dateline' : ''}
            </Field>
            <Field k="coordinates">
              {p.lat.toFixed(2)}, {p.lon.toFixed(2)}
            </Field>
            <Field k="mentions">{p.mentions.map((m) => m.text).join(' · ')}</Field>
          </dl>
          <a href={href('events', null, { place: p.name })}>events at {p.name} →</a>
        </>
      );
  } else if (sel.kind === 'commitment') {
    const c = r.commitments.find((x) => x.id === sel.id);
    const row = d.commitments.find((x) => x.commitmentId === sel.id);
    if (c)
      content = (
        <>
          <h2>
            {c.id} commitment {row ? <StatusBadge status={row.status} late={row.late} /> : null}
          </h2>
          <dl>
            <Field k="action">{c.action}</Field>
            <Field k="parties">
              {c.parties.length ? (
                c.parties.map((p) => <ActorButton key={p} id={p} actors={actors} select={select} />)
              ) : (
                <span class="muted">—</span>
              )}
            </Field>
            <Field k="due">
              {c.due ?? '—'}
              {c.dueText ? <span class="muted"> “{c.dueText}”</span> : null}
            </Field>
            {c.strength ? <Field k="strength">{c.strength}</Field> : null}
            {c.event ? (
              <Field k="event">
                <button type="button" class="link" onClick={() => select({ kind: 'event', id: c.event! })}>
                  {c.event}
                </button>
              </Field>
            ) : null}
            {row?.keptBy ? (
              <Field k="kept by">
                <a href={href('article', row.keptBy.articleId, { sel: `event:${row.keptBy.eventId}` })}>
                  {row.keptBy.date} · {row.keptBy.articleId}
                </a>
                <q class="evidence">{row.keptBy.evidence}</q>
              </Field>
            ) : null}
            {row ? <Field k="looks for">{row.looksFor.join(', ') || '—'}</Field> : null}
          </dl>
        </>
      );
  }
  return (
    <div class="record" data-kind={sel.kind}>
      <button type="button" class="close" aria-label="close the record" onClick={() => select(null)}>
        ×
      </button>
      {content}
    </div>
  );
}

/** The corpus-level event an article's event is linked to, and the other articles that report it. */
function Linked({ linked, articleId }: { linked: string | undefined; articleId: string }) {
  const ev = useLoad(linked ?? null, () => api<{ event: EventRow; mentions: MentionRow[] }>(`/events/${encodeURIComponent(linked!)}`));
  if (!linked) return <p class="muted">Not linked (run parley link).</p>;
  if (ev.error) return <ErrorBox error={ev.error} />;
  if (!ev.data) return <Loading what="Linked event" />;
  const others = ev.data.mentions.filter((m) => m.articleId !== articleId);
  return (
    <div class="linked">
      <h3>
        Linked event <a href={href('events', null, { event: linked })}>{linked}</a>
      </h3>
      <p class="muted">
        {ev.data.event.numArticles} article{ev.data.event.numArticles === 1 ? '' : 's'} · {ev.data.event.numSources} source{ev.data.event.numSources === 1 ? '' : 's'}
      </p>
      {others.length ? (
        <ul class="other-reports">
          {others.map((m) => (
            <li key={m.articleId + m.eventId}>
              <a href={href('article', m.articleId, { sel: `event:${m.eventId}` })}>
                {m.articleDate ?? ''} {m.articleId}
              </a>
              <Evidence sentence={m.sentence} mark={m.trigger} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">No other article reports it.</p>
      )}
    </div>
  );
}

function Lists({ r, d, sel, select }: { r: ArticleResult; d: ArticleDetail; sel: Sel | null; select: (s: Sel) => void }) {
  const actors = new Map(r.actors.map((a) => [a.id, a]));
  const is = (kind: Kind, id: string) => (sel?.kind === kind && sel.id === id ? 'on' : '');
  const item = (kind: Kind, id: string, label: ComponentChildren, style?: Record<string, string>) => (
    <li key={id}>
      <button type="button" class={`rec s-${kind} ${is(kind, id)}`} style={style} onClick={() => select({ kind, id })}>
        {label}
      </button>
    </li>
  );
  return (
    <div class="lists">
      <h3>Actors ({r.actors.length})</h3>
      <ul class="recs">
        {r.actors.map((a) =>
          item(
            'actor',
            a.id,
            <>
              <span class="dot" />
              {a.name} <span class="muted">{a.code ?? a.type}</span> <span class="count">{a.mentions.length}</span>
            </>,
            { '--c': a.code ? codeColor(a.code) : '#8a8a8a' },
          ),
        )}
      </ul>
      <h3>Events ({r.events.length})</h3>
      <ul class="recs">
        {r.events.map((e) =>
          item(
            'event',
            e.id,
            <>
              <b>{e.type}</b> {e.actors.map((a) => name(actors, a)).join(' + ')}
              {e.recipients.length ? ` → ${e.recipients.map((a) => name(actors, a)).join(' + ')}` : ''} <span class="muted">{e.date ?? ''}</span>
            </>,
          ),
        )}
      </ul>
      <h3>Quotes ({r.quotes.length})</h3>
      <ul class="recs">
        {r.quotes.map((q) =>
          item(
            'quote',
            q.id,
            <>
              <b>{q.speaker ? name(actors, q.speaker) : '?'}</b>: {q.text.length > 70 ? q.text.slice(0, 69) + '…' : q.text}
            </>,
          ),
        )}
      </ul>
      <h3>Commitments ({r.commitments.length})</h3>
      <ul class="recs">
        {r.commitments.map((c) => {
          const row = d.commitments.find((x) => x.commitmentId === c.id);
          return item(
            'commitment',
            c.id,
            <>
              {row ? <StatusBadge status={row.status} late={row.late} /> : null} {c.action}
            </>,
          );
        })}
      </ul>
      <h3>Times ({r.times.length})</h3>
      <ul class="recs">
        {r.times.map((t, i) =>
          item(
            'time',
            `T${i + 1}`,
            <>
              “{t.text}” <span class="muted">{t.value}</span>
            </>,
          ),
        )}
      </ul>
      <h3>Places ({r.places?.length ?? 0})</h3>
      <ul class="recs">
        {(r.places ?? []).map((p) =>
          item(
            'place',
            p.id,
            <>
              {p.name} <span class="muted">{p.code}</span>
            </>,
          ),
        )}
      </ul>
    </div>
  );
}
