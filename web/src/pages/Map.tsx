/** The map: linked events by place, on a bundled world outline; click a place for its events. */
import { useMemo, useState } from 'preact/hooks';
import { api } from '../api';
import { goldsteinColor } from '../colors';
import { countries, graticule, MAP_H, MAP_W, outline, project } from '../geo';
import { useLoad } from '../hooks';
import { href, paramsObject } from '../router';
import type { EventRow, Page, PlaceStat } from '../types';
import { Empty, ErrorBox, Goldstein, Loading, Parties } from '../ui';
import { FilterForm } from './Events';

const FIELDS = ['actor', 'country', 'type', 'from', 'to', 'modality'];

export function MapPage({ params }: { params: URLSearchParams }) {
  const p = paramsObject(params);
  const filters: Record<string, string> = {};
  for (const k of FIELDS) if (p[k]) filters[k] = p[k];
  const world = p.view === 'world';
  const data = useLoad(JSON.stringify(filters), () => api<{ places: PlaceStat[]; unplaced: number }>('/places', { ...filters, limit: 500 }));
  const [sel, setSel] = useState<PlaceStat | null>(null);
  return (
    <section class="map">
      <div class="page-head">
        <h1>Map</h1>
        <p class="muted">Events by place: a circle's area is the number of events, its colour their mean Goldstein score.</p>
      </div>
      <FilterForm filters={filters} page="map" fields={FIELDS} />
      <p class="view-toggle">
        {world ? <a href={href('map', null, { ...filters })}>fit to the events</a> : <a href={href('map', null, { ...filters, view: 'world' })}>whole world</a>}
        {data.data ? (
          <span class="muted">
            {' '}
            · {data.data.places.length} places{data.data.unplaced ? `, ${data.data.unplaced} events without a place` : ''}
          </span>
        ) : null}
      </p>
      {data.error ? <ErrorBox error={data.error} /> : null}
      {data.data ? (
        <div class="map-grid">
          <WorldMap places={data.data.places} fit={!world} selected={sel} onSelect={setSel} />
          <aside class="map-panel">{sel ? <PlaceEvents place={sel} filters={filters} onBack={() => setSel(null)} /> : <PlaceList places={data.data.places} onSelect={setSel} />}</aside>
        </div>
      ) : (
        <Loading />
      )}
    </section>
  );
}

function WorldMap({ places, fit, selected, onSelect }: { places: PlaceStat[]; fit: boolean; selected: PlaceStat | null; onSelect: (p: PlaceStat | null) => void }) {
  const shapes = useMemo(() => countries(), []);
  const grid = useMemo(() => graticule(), []);
  const sphere = useMemo(() => outline(), []);
  const maxN = Math.max(1, ...places.map((p) => p.events));
  const pts = places.map((p) => ({ p, xy: project(p.lon, p.lat) }));
  let view = `0 0 ${MAP_W} ${MAP_H}`;
  if (fit && pts.length) {
    const xs = pts.map((q) => q.xy[0]);
    const ys = pts.map((q) => q.xy[1]);
    let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const minW = 160;
    const w = Math.max(minW, (x1 - x0) * 1.5);
    const h = Math.max(w * (MAP_H / MAP_W), (y1 - y0) * 1.5);
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    const ww = Math.max(w, h * (MAP_W / MAP_H));
    x0 = cx - ww / 2;
    y0 = cy - h / 2;
    x1 = ww;
    y1 = h;
    view = `${x0.toFixed(1)} ${y0.toFixed(1)} ${x1.toFixed(1)} ${y1.toFixed(1)}`;
  }
  const scale = fit && pts.length ? Number(view.split(' ')[2]) / MAP_W : 1;
  const r = (n: number) => (4 + 18 * Math.sqrt(n / maxN)) * Math.max(scale, 0.12);
  return (
    <svg class="chart world-map" viewBox={view} role="img" aria-label="events by place">
      <path class="sphere" d={sphere} onClick={() => onSelect(null)} />
      <path class="graticule" d={grid} />
      <g class="countries">
        {shapes.map((c) => (
          <path key={c.id} d={c.d} class="country">
            <title>{c.name}</title>
          </path>
        ))}
      </g>
      <g class="places">
        {pts.map(({ p, xy }) => (
          <circle
            key={`${p.name}|${p.lat}|${p.lon}`}
            class={`place ${selected && selected.name === p.name && selected.lat === p.lat ? 'on' : ''}`}
            cx={xy[0]}
            cy={xy[1]}
            r={r(p.events)}
            style={{ '--g': goldsteinColor(p.goldsteinMean), strokeWidth: String(Math.max(scale, 0.12)) }}
            data-place={p.name}
            onClick={() => onSelect(p)}
          >
            <title>
              {p.name}
              {p.code ? ` (${p.code})` : ''}: {p.events} events, mean Goldstein {p.goldsteinMean ?? '—'}
            </title>
          </circle>
        ))}
      </g>
      {fit && pts.length <= 40 ? (
        <g class="labels">
          {pts.map(({ p, xy }) => (
            <text key={`${p.name}|${p.lat}|${p.lon}`} x={xy[0] + r(p.events) + 2 * scale} y={xy[1] + 3.5 * scale} style={{ fontSize: `${(11 * scale).toFixed(2)}px` }}>
              {p.name}
            </text>
          ))}
        </g>
      ) : null}
    </svg>
  );
}

function PlaceList({ places, onSelect }: { places: PlaceStat[]; onSelect: (p: PlaceStat) => void }) {
  if (!places.length) return <Empty>No events with a place match.</Empty>;
  return (
    <>
      <h2>Places</h2>
      <ol class="place-list">
        {places.slice(0, 30).map((p) => (
          <li key={`${p.name}|${p.lat}`}>
            <button type="button" class="link" onClick={() => onSelect(p)}>
              {p.name}
            </button>{' '}
            <span class="muted">
              {p.code} · {p.events}
            </span>{' '}
            <Goldstein value={p.goldsteinMean} />
          </li>
        ))}
      </ol>
    </>
  );
}

function PlaceEvents({ place, filters, onBack }: { place: PlaceStat; filters: Record<string, string>; onBack: () => void }) {
  const q = { ...filters, place: place.name, country: place.code ?? undefined, limit: 100 };
  const ev = useLoad(JSON.stringify(q), () => api<Page<EventRow>>('/events', q));
  return (
    <div class="place-events">
      <h2>
        {place.name} <span class="muted">{place.code}</span>
      </h2>
      <p class="muted">
        {place.events} events ·{' '}
        {Object.entries(place.types)
          .sort((a, b) => b[1] - a[1])
          .map(([t, n]) => `${t} ${n}`)
          .join(', ')}
      </p>
      <p>
        <a href={href('events', null, { place: place.name, country: place.code, ...filters })}>Open in the explorer →</a>{' '}
        <button type="button" class="link" onClick={onBack}>
          back to all places
        </button>
      </p>
      {ev.error ? <ErrorBox error={ev.error} /> : null}
      {ev.data ? (
        <ul class="drill-list">
          {ev.data.items.map((e) => (
            <li key={e.id}>
              <a href={href('events', null, { event: e.id })}>
                {e.date} <b>{e.type}</b>
              </a>{' '}
              <Parties event={e} />
              <q class="evidence">{e.evidence}</q>
            </li>
          ))}
        </ul>
      ) : (
        <Loading />
      )}
    </div>
  );
}
