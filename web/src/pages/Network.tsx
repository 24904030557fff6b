/** The actor network: who interacts with whom, weighted by the events they share. */
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import { codeColor, goldsteinColor } from '../colors';
import { useLoad } from '../hooks';
import { href, paramsObject } from '../router';
import type { Network } from '../types';
import { CodeChip, Empty, ErrorBox, Goldstein, Loading } from '../ui';
import { FilterForm } from './Events';

const W = 900;
const H = 600;

/** A small deterministic force layout: springs on edges, repulsion between nodes, a pull to the centre. */
export function layout(net: Network, iterations = 400): Map<string, { x: number; y: number }> {
  const n = net.nodes.length;
  const pos = net.nodes.map((_, i) => ({ x: W / 2 + Math.cos((2 * Math.PI * i) / Math.max(1, n)) * W * 0.3, y: H / 2 + Math.sin((2 * Math.PI * i) / Math.max(1, n)) * H * 0.3, vx: 0, vy: 0 }));
  const index = new Map(net.nodes.map((nd, i) => [nd.code, i]));
  const maxW = Math.max(1, ...net.edges.map((e) => e.events));
  const k = Math.sqrt((W * H) / Math.max(1, n)) * 0.6;
  for (let it = 0; it < iterations; it++) {
    const t = 1 - it / iterations;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = pos[i].x - pos[j].x || 0.01;
        const dy = pos[i].y - pos[j].y || 0.01;
        const d2 = dx * dx + dy * dy;
        const f = (k * k) / d2;
        pos[i].vx += dx * f * 0.02;
        pos[i].vy += dy * f * 0.02;
        pos[j].vx -= dx * f * 0.02;
        pos[j].vy -= dy * f * 0.02;
      }
    }
    for (const e of net.edges) {
      const a = pos[index.get(e.a)!];
      const b = pos[index.get(e.b)!];
      if (!a || !b) continue;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 0.01;
      const f = ((d - k) / d) * 0.05 * (0.5 + e.events / maxW);
      a.vx += dx * f;
      a.vy += dy * f;
      b.vx -= dx * f;
      b.vy -= dy * f;
    }
    for (const p of pos) {
      p.vx += (W / 2 - p.x) * 0.01;
      p.vy += (H / 2 - p.y) * 0.01;
      const v = Math.sqrt(p.vx * p.vx + p.vy * p.vy);
      const cap = 30 * t + 1;
      if (v > cap) {
        p.vx = (p.vx / v) * cap;
        p.vy = (p.vy / v) * cap;
      }
      p.x = Math.min(W - 40, Math.max(40, p.x + p.vx));
      p.y = Math.min(H - 30, Math.max(30, p.y + p.vy));
      p.vx *= 0.5;
      p.vy *= 0.5;
    }
  }
  return new Map(net.nodes.map((nd, i) => [nd.code, { x: pos[i].x, y: pos[i].y }]));
}

export function NetworkPage({ params }: { params: URLSearchParams }) {
  const p = paramsObject(params);
  const filters = { from: p.from, to: p.to, type: p.type, modality: p.modality, actor: p.actor };
  const limit = Number(p.limit) || 40;
  const net = useLoad(JSON.stringify({ ...filters, limit }), () => api<Network>('/network', { ...filters, limit }));
  const [focus, setFocus] = useState<string | null>(null);
  return (
    <section class="network">
      <div class="page-head">
        <h1>Network</h1>
        <p class="muted">Who interacts with whom: the {limit} most active actors; a line's width is the events two actors share, its colour their mean Goldstein score.</p>
      </div>
      <FilterForm filters={Object.fromEntries(Object.entries(filters).filter(([, v]) => v))} page="network" fields={['actor', 'type', 'from', 'to', 'modality']} />
      {net.error ? <ErrorBox error={net.error} /> : null}
      {net.data ? net.data.nodes.length ? <Graph net={net.data} focus={focus} setFocus={setFocus} /> : <Empty>No events match.</Empty> : <Loading />}
    </section>
  );
}

function Graph({ net, focus, setFocus }: { net: Network; focus: string | null; setFocus: (c: string | null) => void }) {
  const pos = useMemo(() => layout(net), [net]);
  const maxN = Math.max(1, ...net.nodes.map((n) => n.events));
  const maxE = Math.max(1, ...net.edges.map((e) => e.events));
  const r = (n: number) => 8 + 22 * Math.sqrt(n / maxN);
  const touching = (e: Network['edges'][number]) => !focus || e.a === focus || e.b === focus;
  const node = focus ? net.nodes.find((n) => n.code === focus) : null;
  const partners = focus ? net.edges.filter((e) => e.a === focus || e.b === focus) : [];
  return (
    <div class="network-grid">
      <svg class="chart network-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="actor network">
        <rect class="bg" x={0} y={0} width={W} height={H} onClick={() => setFocus(null)} />
        {net.edges.map((e) => {
          const a = pos.get(e.a)!;
          const b = pos.get(e.b)!;
          return (
            <a key={e.a + e.b} href={href('dyad', null, { a: e.a, b: e.b })} class={`edge ${touching(e) ? '' : 'faded'}`}>
              <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} style={{ '--g': goldsteinColor(e.goldsteinMean), strokeWidth: String(1 + 9 * (e.events / maxE)) }} />
              <title>
                {e.a} – {e.b}: {e.events} events ({e.cooperative} cooperative, {e.conflictual} conflictual), mean Goldstein {e.goldsteinMean ?? '—'}
              </title>
            </a>
          );
        })}
        {net.nodes.map((n) => {
          const p = pos.get(n.code)!;
          return (
            <g key={n.code} class={`node ${focus === n.code ? 'on' : ''}`} data-code={n.code} transform={`translate(${p.x.toFixed(1)},${p.y.toFixed(1)})`} onClick={() => setFocus(focus === n.code ? null : n.code)}>
              <circle r={r(n.events)} style={{ '--c': codeColor(n.code) }} />
              <text y={4} text-anchor="middle">
                {n.code}
              </text>
              <title>
                {n.name}: {n.events} events
              </title>
            </g>
          );
        })}
      </svg>
      <aside class="network-panel">
        {node ? (
          <>
            <h2>
              <CodeChip code={node.code} name={node.name} />
            </h2>
            <p class="muted">
              {node.events} events · <a href={href('events', null, { actor: node.code })}>all events →</a>
            </p>
            <ul class="partners">
              {partners.map((e) => {
                const other = e.a === node.code ? e.b : e.a;
                return (
                  <li key={other}>
                    <a href={href('dyad', null, { a: node.code, b: other })}>
                      {node.code} ↔ {other}
                    </a>{' '}
                    {e.events} events · <Goldstein value={e.goldsteinMean} />
                  </li>
                );
              })}
            </ul>
          </>
        ) : (
          <p class="muted">Click an actor to see its partners; click a line for the dyad.</p>
        )}
        <h3>Strongest ties</h3>
        <ol class="ties">
          {net.edges.slice(0, 12).map((e) => (
            <li key={e.a + e.b}>
              <a href={href('dyad', null, { a: e.a, b: e.b })}>
                {e.a} ↔ {e.b}
              </a>{' '}
              <span class="muted">{e.events}</span> <Goldstein value={e.goldsteinMean} />
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}
