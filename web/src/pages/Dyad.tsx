/**
 * The dyad view: two actors over time. Cooperative events up, conflictual down, the mean Goldstein
 * score as a line; counts by type; tone; click a period for its events and their evidence.
 */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { goldsteinColor } from '../colors';
import { useLoad } from '../hooks';
import { href, navigate } from '../router';
import type { ActorSummary, Dyad, DyadRow, EventRow, Network, Page } from '../types';
import { CodeChip, Empty, ErrorBox, Evidence, fmt, Goldstein, Loading, Parties } from '../ui';
import { EventDetail } from './Events';

const PERIODS = ['week', 'month', 'quarter', 'year'];

/** Every period from the first to the last (months, quarters, years), so gaps show as gaps. */
export function fillPeriods(rows: DyadRow[], by: string): DyadRow[] {
  if (rows.length < 2 || !['month', 'quarter', 'year'].includes(by)) return rows;
  const key = (p: string) => {
    if (by === 'year') return +p * 12;
    if (by === 'quarter') return +p.slice(0, 4) * 12 + (+p.slice(6) - 1) * 3;
    return +p.slice(0, 4) * 12 + (+p.slice(5, 7) - 1);
  };
  const label = (k: number) => {
    const y = Math.floor(k / 12);
    const m = k % 12;
    if (by === 'year') return String(y);
    if (by === 'quarter') return `${y}-Q${Math.floor(m / 3) + 1}`;
    return `${y}-${String(m + 1).padStart(2, '0')}`;
  };
  const step = by === 'year' ? 12 : by === 'quarter' ? 3 : 1;
  const have = new Map(rows.map((r) => [r.period, r]));
  const out: DyadRow[] = [];
  const last = key(rows[rows.length - 1].period);
  for (let k = key(rows[0].period); k <= last && out.length < 600; k += step) {
    const p = label(k);
    out.push(have.get(p) ?? { period: p, events: 0, byType: {}, goldsteinSum: 0, goldsteinMean: null, tone: null, cooperative: 0, conflictual: 0 });
  }
  return out;
}

/** A period as from/to bounds for the events filter. */
export function periodRange(p: string): { from: string; to: string } {
  let m = /^(\d{4})-Q(\d)$/.exec(p);
  if (m) {
    const q = +m[2];
    return { from: `${m[1]}-${String(q * 3 - 2).padStart(2, '0')}`, to: `${m[1]}-${String(q * 3).padStart(2, '0')}` };
  }
  m = /^(\d{4})-W(\d{2})$/.exec(p);
  if (m) {
    const jan4 = new Date(Date.UTC(+m[1], 0, 4));
    const monday = new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * 86400000 + (+m[2] - 1) * 7 * 86400000);
    const sunday = new Date(monday.getTime() + 6 * 86400000);
    return { from: monday.toISOString().slice(0, 10), to: sunday.toISOString().slice(0, 10) };
  }
  return { from: p, to: p };
}

export function DyadPage({ params }: { params: URLSearchParams }) {
  const actors = useLoad('actors', () => api<Page<ActorSummary>>('/actors', { limit: 500 }));
  const top = useLoad(params.get('a') ? null : 'top-edge', () => api<Network>('/network', { limit: 20 }));
  const a = (params.get('a') ?? top.data?.edges[0]?.a ?? '').toUpperCase();
  const b = (params.get('b') ?? top.data?.edges[0]?.b ?? '').toUpperCase();
  const by = params.get('by') ?? 'month';
  const directed = params.get('directed') === 'true';
  const period = params.get('period');
  const dyad = useLoad(a && b ? `${a}|${b}|${by}|${directed}` : null, () => api<Dyad>(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}`, { by, directed }));
  const go = (o: Record<string, string | boolean | null>) => navigate(href('dyad', null, { a, b, by, directed, ...o }));

  const options = actors.data?.items ?? [];
  const select = (value: string, onChange: (v: string) => void, label: string) => (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)} name={label}>
        {!options.some((o) => o.code === value) && value ? <option value={value}>{value}</option> : null}
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.code} · {o.name} ({o.events})
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section class="dyad">
      <div class="page-head">
        <h1>Dyads</h1>
        <p class="muted">Two actors over time: cooperation above the line, conflict below, the mean Goldstein score as a line.</p>
      </div>
      <form class="filters" onSubmit={(e) => e.preventDefault()}>
        {select(a, (v) => go({ a: v, period: null }), 'actor A')}
        <button type="button" class="swap" title="swap" onClick={() => go({ a: b, b: a, period: null })}>
          ⇄
        </button>
        {select(b, (v) => go({ b: v, period: null }), 'actor B')}
        <label>
          by
          <select value={by} onChange={(e) => go({ by: (e.target as HTMLSelectElement).value, period: null })} name="by">
            {PERIODS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label class="check">
          <input type="checkbox" checked={directed} onChange={(e) => go({ directed: (e.target as HTMLInputElement).checked, period: null })} /> only A → B
        </label>
      </form>
      {!a || !b ? actors.loading || top.loading ? <Loading /> : <Empty>Choose two actors.</Empty> : null}
      {dyad.error ? <ErrorBox error={dyad.error} /> : null}
      {dyad.data ? <DyadBody d={dyad.data} period={period} onPeriod={(p) => go({ period: p })} /> : dyad.loading ? <Loading /> : null}
    </section>
  );
}

function DyadBody({ d, period, onPeriod }: { d: Dyad; period: string | null; onPeriod: (p: string | null) => void }) {
  const rows = fillPeriods(d.series, d.by);
  if (!d.series.length)
    return (
      <Empty>
        No dated, asserted events between {d.a} and {d.b}.{' '}
        <a href={href('events', null, { dyad: `${d.a}-${d.b}` })}>All their events →</a>
      </Empty>
    );
  const types = Object.entries(d.totals.byType).sort((x, y) => y[1] - x[1]);
  const maxType = Math.max(1, ...types.map(([, n]) => n));
  return (
    <>
      <div class="dyad-head">
        <CodeChip code={d.a} name={d.names.a} /> {d.directed ? '→' : '↔'} <CodeChip code={d.b} name={d.names.b} />
        <span class="muted">
          {' '}
          {d.totals.events} events · {d.totals.cooperative} cooperative · {d.totals.conflictual} conflictual · mean Goldstein <Goldstein value={d.totals.goldsteinMean} /> · tone {fmt(d.totals.tone, 2)}
        </span>
      </div>
      <div class="dyad-grid">
        <div class="card">
          <h2>Cooperation and conflict by {d.by}</h2>
          <DyadChart rows={rows} selected={period} onSelect={onPeriod} />
          <p class="legend muted">
            <span class="key coop" /> cooperative events <span class="key conf" /> conflictual events <span class="key line" /> mean Goldstein (−10 … +10) · click a period for its events
          </p>
        </div>
        <div class="card">
          <h2>By type</h2>
          <ul class="bars">
            {types.map(([t, n]) => (
              <li key={t}>
                <a href={href('events', null, { dyad: `${d.a}-${d.b}`, type: t, directed: d.directed || null })}>{t}</a>
                <span class="bar" style={{ width: `${(n / maxType) * 100}%` }} />
                <span class="num">{n}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <table class="dyad-table">
        <thead>
          <tr>
            <th>{d.by}</th>
            <th>events</th>
            <th>coop</th>
            <th>conf</th>
            <th>Goldstein sum</th>
            <th>mean</th>
            <th>tone</th>
            <th>types</th>
          </tr>
        </thead>
        <tbody>
          {d.series.map((r) => (
            <tr key={r.period} class={r.period === period ? 'on' : ''}>
              <td>
                <button type="button" class="link" onClick={() => onPeriod(r.period === period ? null : r.period)}>
                  {r.period}
                </button>
              </td>
              <td class="num">{r.events}</td>
              <td class="num">{r.cooperative}</td>
              <td class="num">{r.conflictual}</td>
              <td class="num">{fmt(r.goldsteinSum)}</td>
              <td class="num">
                <Goldstein value={r.goldsteinMean} />
              </td>
              <td class="num">{fmt(r.tone, 2)}</td>
              <td class="muted">
                {Object.entries(r.byType)
                  .sort((x, y) => y[1] - x[1])
                  .map(([t, n]) => `${t} ${n}`)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {period ? <Drill d={d} period={period} /> : null}
    </>
  );
}

function DyadChart({ rows, selected, onSelect }: { rows: DyadRow[]; selected: string | null; onSelect: (p: string | null) => void }) {
  const W = 720;
  const H = 280;
  const pad = { l: 36, r: 36, t: 14, b: 34 };
  const maxUp = Math.max(1, ...rows.map((r) => r.cooperative));
  const maxDown = Math.max(1, ...rows.map((r) => r.conflictual));
  const max = Math.max(maxUp, maxDown);
  const mid = pad.t + (H - pad.t - pad.b) / 2;
  const half = (H - pad.t - pad.b) / 2;
  const bw = (W - pad.l - pad.r) / rows.length;
  const x = (i: number) => pad.l + i * bw;
  const gy = (g: number) => mid - (g / 10) * half;
  const line = rows
    .map((r, i) => (r.goldsteinMean == null ? null : [x(i) + bw / 2, gy(r.goldsteinMean)]))
    .reduce<string[]>((acc, p, i, all) => {
      if (p) acc.push(`${all[i - 1] ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`);
      return acc;
    }, [])
    .join(' ');
  const every = Math.max(1, Math.ceil(rows.length / 12));
  const [hover, setHover] = useState<number | null>(null);
  return (
    <svg class="chart dyad-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="cooperative and conflictual events by period">
      <line class="axis" x1={pad.l} x2={W - pad.r} y1={mid} y2={mid} />
      <text class="tick" x={pad.l - 4} y={pad.t + 4} text-anchor="end">
        {max}
      </text>
      <text class="tick" x={pad.l - 4} y={H - pad.b} text-anchor="end">
        {max}
      </text>
      <text class="tick" x={W - pad.r + 4} y={pad.t + 4}>
        +10
      </text>
      <text class="tick" x={W - pad.r + 4} y={H - pad.b}>
        −10
      </text>
      {rows.map((r, i) => {
        const up = (r.cooperative / max) * half;
        const down = (r.conflictual / max) * half;
        const on = r.period === selected;
        return (
          <g key={r.period} class={`period ${on ? 'on' : ''} ${hover === i ? 'hover' : ''}`} data-period={r.period} onClick={() => onSelect(on ? null : r.period)} onMouseEnter={() => setHover(i)} onMouseLeave={() => setHover(null)}>
            <rect class="hit" x={x(i)} y={pad.t} width={bw} height={H - pad.t - pad.b} />
            {up ? <rect class="coop" x={x(i) + bw * 0.15} y={mid - up} width={bw * 0.7} height={up} /> : null}
            {down ? <rect class="conf" x={x(i) + bw * 0.15} y={mid} width={bw * 0.7} height={down} /> : null}
            {i % every === 0 ? (
              <text class="tick" x={x(i) + bw / 2} y={H - pad.b + 16} text-anchor="middle">
                {r.period}
              </text>
            ) : null}
            <title>
              {r.period}: {r.events} events, {r.cooperative} cooperative, {r.conflictual} conflictual, mean Goldstein {fmt(r.goldsteinMean)}, tone {fmt(r.tone, 2)}
            </title>
          </g>
        );
      })}
      {line ? <path class="gline" d={line} /> : null}
      {rows.map((r, i) => (r.goldsteinMean == null ? null : <circle key={r.period} class="gdot" cx={x(i) + bw / 2} cy={gy(r.goldsteinMean)} r={3.5} style={{ '--g': goldsteinColor(r.goldsteinMean) }} />))}
    </svg>
  );
}

function Drill({ d, period }: { d: Dyad; period: string }) {
  const range = periodRange(period);
  const q = { dyad: `${d.a}-${d.b}`, directed: d.directed || undefined, ...range, limit: 200 };
  const ev = useLoad(JSON.stringify(q), () => api<Page<EventRow>>('/events', q));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div class="drill card">
      <h2>
        {period}: events between {d.a} and {d.b}
      </h2>
      <p class="muted">
        All modalities; the chart counts asserted events only. <a href={href('events', null, { dyad: `${d.a}-${d.b}`, directed: d.directed || null, ...range })}>Open in the explorer →</a>
      </p>
      {ev.error ? <ErrorBox error={ev.error} /> : null}
      {ev.data ? (
        <ul class="drill-list">
          {ev.data.items.map((e) => (
            <li key={e.id}>
              <button type="button" class="link" onClick={() => setOpen(open === e.id ? null : e.id)}>
                {e.date} <b>{e.type}</b>
              </button>{' '}
              <Parties event={e} />{' '}
              <Goldstein value={e.goldstein} /> {e.modality !== 'asserted' ? <span class="badge modality">{e.modality}</span> : null}
              <Evidence sentence={{ start: 0, text: e.evidence }} />
              {open === e.id ? <EventDetail id={e.id} /> : null}
            </li>
          ))}
        </ul>
      ) : (
        <Loading />
      )}
    </div>
  );
}

