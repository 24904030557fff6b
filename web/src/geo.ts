/**
 * The world outline for the map: world-atlas's 110m countries (Natural Earth, public domain), bundled,
 * drawn with the Natural Earth projection. No tiles, no network.
 */
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';

export const MAP_W = 960;
const SCALE = MAP_W / (2 * 2.7354);
export const MAP_H = Math.ceil(2 * 1.4224 * SCALE);

/** Natural Earth I (Šavrič et al.), as d3-geo's naturalEarth1Raw. */
export function project(lon: number, lat: number): [number, number] {
  const l = (lon * Math.PI) / 180;
  const p = (lat * Math.PI) / 180;
  const p2 = p * p;
  const p4 = p2 * p2;
  const x = l * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)));
  const y = p * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)));
  return [MAP_W / 2 + x * SCALE, MAP_H / 2 - y * SCALE];
}

function ringPath(ring: number[][]): string {
  let d = '';
  let prev: number[] | null = null;
  for (const pt of ring) {
    const [x, y] = project(pt[0], pt[1]);
    // a ring that crosses the antimeridian is cut there rather than drawn across the map
    const jump = prev && Math.abs(pt[0] - prev[0]) > 180;
    d += `${!prev || jump ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    prev = pt;
  }
  return d + 'Z';
}

export interface CountryShape {
  id: string;
  name: string;
  d: string;
}

let cache: CountryShape[] | null = null;

export function countries(): CountryShape[] {
  if (cache) return cache;
  const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const fc = feature(topo, topo.objects.countries);
  cache = fc.features.map((f, i) => {
    const g = f.geometry;
    const polys = !g ? [] : g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
    return { id: String(f.id ?? i), name: f.properties?.name ?? '', d: polys.map((poly) => poly.map((ring) => ringPath(ring as number[][])).join('')).join('') };
  });
  return cache;
}

/** The graticule: meridians every 30°, parallels every 30°. */
export function graticule(): string {
  let d = '';
  for (let lon = -180; lon <= 180; lon += 30) {
    for (let lat = -90; lat <= 90; lat += 5) {
      const [x, y] = project(lon, lat);
      d += `${lat === -90 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    }
  }
  for (let lat = -60; lat <= 60; lat += 30) {
    for (let lon = -180; lon <= 180; lon += 5) {
      const [x, y] = project(lon, lat);
      d += `${lon === -180 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
    }
  }
  return d;
}

export function outline(): string {
  let d = '';
  for (let lat = -90; lat <= 90; lat += 5) {
    const [x, y] = project(-180, lat);
    d += `${lat === -90 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
  }
  for (let lat = 90; lat >= -90; lat -= 5) {
    const [x, y] = project(180, lat);
    d += `L${x.toFixed(1)},${y.toFixed(1)}`;
  }
  return d + 'Z';
}
