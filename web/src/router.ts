/** Hash routes: #/events?actor=KEN, #/article/<id>?sel=event:E1. */
import { useEffect, useState } from 'preact/hooks';

export interface Route {
  page: string;
  arg: string | null;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const h = hash.replace(/^#\/?/, '');
  const [path, query = ''] = h.split('?', 2);
  const [page, ...rest] = path.split('/');
  let arg: string | null = null;
  if (rest.length) {
    try {
      arg = decodeURIComponent(rest.join('/'));
    } catch {
      arg = null;
    }
  }
  return { page: page || 'articles', arg, params: new URLSearchParams(query) };
}

export function href(page: string, arg?: string | null, params?: Record<string, string | number | boolean | null | undefined | string[]>): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v == null || v === '' || v === false) continue;
    if (Array.isArray(v)) v.forEach((x) => u.append(k, x));
    else u.set(k, String(v));
  }
  const q = u.toString();
  return `#/${page}${arg != null ? '/' + encodeURIComponent(arg) : ''}${q ? '?' + q : ''}`;
}

export function navigate(to: string): void {
  if (location.hash !== to) location.hash = to;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const on = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** Params as a plain object (repeated keys joined with commas). */
export function paramsObject(p: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of new Set(p.keys())) out[k] = p.getAll(k).join(',');
  return out;
}
