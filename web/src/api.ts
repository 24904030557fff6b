/** Calls to the parley API (same origin). */
export type Params = Record<string, string | number | boolean | null | undefined | string[]>;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function qs(params: Params = {}): string {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === '' || v === false) continue;
    if (Array.isArray(v)) v.filter(Boolean).forEach((x) => u.append(k, x));
    else u.set(k, v === true ? 'true' : String(v));
  }
  const s = u.toString();
  return s ? `?${s}` : '';
}

export async function api<T>(path: string, params?: Params, init?: RequestInit): Promise<T> {
  const res = await fetch(path + qs(params), { headers: { accept: 'application/json' }, ...init });
  const type = res.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) throw new ApiError(res.status, typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : `HTTP ${res.status}`);
  return body as T;
}

export const postArticle = (body: Record<string, string>) =>
  api<{ status: string; id: string }>('/articles', undefined, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify(body) });
