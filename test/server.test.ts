/**
 * The HTTP API against a real server on a random local port, over a temporary SQLite store filled with
 * the demo articles (examples/demo). Responses are checked against the OpenAPI document the server
 * publishes, so the document and the behaviour cannot drift apart.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createServer } from '../src/adapters/server/index.js';
import { isPrivateAddress, safeFetch } from '../src/adapters/server/ingest.js';
import type { Store } from '../src/adapters/store/types.js';
import { validateResult } from '../src/schema.js';
import { demoStorePath, getJson, startServer, type TestServer } from './helpers/server.js';

let s: TestServer;
let doc: any;
const ajv = new Ajv2020({ strict: false, allErrors: true });

before(async () => {
  s = await startServer();
  doc = (await getJson(`${s.url}/openapi.json`)).body;
  ajv.addSchema(doc, 'doc');
});
after(async () => {
  await s?.close();
});

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Checks a response body against the document's schema for that path, method and status. */
function conforms(path: string, method: string, status: number, body: unknown): void {
  const ref = `doc#/${pointer('paths', path, method, 'responses', String(status), 'content', 'application/json', 'schema')}`;
  const ok = ajv.validate({ $ref: ref }, body);
  assert.ok(ok, `${method.toUpperCase()} ${path} ${status} does not match the OpenAPI schema: ${ajv.errorsText(ajv.errors, { separator: '\n  ' })}`);
}

const get = (path: string) => getJson(`${s.url}${path}`);

function noLeak(body: unknown): void {
  const text = JSON.stringify(body);
  assert.doesNotMatch(text, /\bat [\w.<>]+ \(|node_modules|\/src\/|\.js:\d+/, `an error body leaks internals: ${text}`);
}

describe('service', () => {
  test('GET /health says what the store holds', async () => {
    const r = await get('/health');
    assert.equal(r.status, 200);
    assert.deepEqual({ ...r.body, version: undefined }, { status: 'ok', version: undefined, store: 'sqlite', articles: 10, events: r.body.events, ingest: true });
    assert.ok(r.body.events >= 15);
    conforms('/health', 'get', 200, r.body);
  });

  test('GET /openapi.json is an OpenAPI 3.1 document generated from the routes, with valid schemas', async () => {
    assert.equal(doc.openapi, '3.1.0');
    const ops = Object.entries(doc.paths as Record<string, Record<string, { operationId: string }>>).flatMap(([p, m]) => Object.keys(m).map((k) => `${k.toUpperCase()} ${p}`));
    for (const op of ['GET /health', 'GET /articles', 'GET /articles/{id}', 'POST /articles', 'GET /events', 'GET /events/{id}', 'GET /events/export', 'GET /actors', 'GET /actors/{code}', 'GET /network', 'GET /dyads/{a}/{b}', 'GET /quotes', 'GET /commitments', 'GET /places', 'GET /openapi.json'])
      assert.ok(ops.includes(op), `${op} is not in the document`);
    const events = doc.paths['/events'].get;
    const params = Object.fromEntries(events.parameters.map((p: { name: string }) => [p.name, p]));
    for (const f of ['actor', 'country', 'dyad', 'directed', 'type', 'from', 'to', 'place', 'modality', 'text', 'minSources', 'limit', 'offset']) assert.ok(params[f], `the events filter ${f} is documented`);
    assert.equal(params.actor.schema.type, 'array');
    assert.equal(params.limit.schema.maximum, 500);
    assert.ok(doc.components.schemas.ArticleResult, 'the article result schema is a component');
    for (const name of Object.keys(doc.components.schemas)) assert.ok(ajv.compile({ $ref: `doc#/components/schemas/${name}` }), `${name} compiles`);
  });
});

describe('articles', () => {
  test('GET /articles lists the newest first and pages', async () => {
    const r = await get('/articles?limit=4');
    assert.equal(r.status, 200);
    conforms('/articles', 'get', 200, r.body);
    assert.equal(r.body.items.length, 4);
    assert.equal(r.body.next, 4);
    const dates = r.body.items.map((a: { date: string }) => a.date);
    assert.deepEqual(dates, [...dates].sort().reverse());
    assert.equal(r.body.items[0].id, 'dd-2025-0520-patrols');
    const all: string[] = [];
    for (let off: number | null = 0; off != null; ) {
      const p: any = (await get(`/articles?limit=3&offset=${off}`)).body;
      all.push(...p.items.map((a: { id: string }) => a.id));
      off = p.next;
    }
    assert.equal(all.length, 10);
    assert.equal(new Set(all).size, 10);
  });

  test('GET /articles?q= searches titles and texts, with the matching words marked', async () => {
    const r = await get('/articles?q=ferry');
    assert.deepEqual(r.body.items.map((a: { id: string }) => a.id), ['lsc-2025-0312-ferry']);
    assert.match(r.body.items[0].snippet, /\u0002ferries\u0003|\u0002ferry\u0003/i);
    const src = await get('/articles?source=dodoma-dispatch.jsonl&from=2025-02');
    assert.deepEqual(src.body.items.map((a: { id: string }) => a.id), ['dd-2025-0520-patrols', 'dd-2025-0320-traders', 'dd-2025-0224-freed']);
    const bad = await get('/articles?q=%22unclosed');
    assert.equal(bad.status, 400);
    assert.match(bad.body.message, /full-text query/);
  });

  test('GET /articles/:id gives the full result, the linked event of each event, and its commitments', async () => {
    const r = await get('/articles/glw-2025-0205-arusha');
    assert.equal(r.status, 200);
    conforms('/articles/{id}', 'get', 200, r.body);
    const v = validateResult(r.body.result);
    assert.ok(v.valid, v.errors.join('\n'));
    assert.equal(r.body.source, 'great-lakes-wire.jsonl');
    const consult = r.body.result.events.find((e: { type: string }) => e.type === 'CONSULT');
    const linked = r.body.links[consult.id];
    assert.match(linked, /^ev-/);
    const ev = await get(`/events/${linked}`);
    assert.equal(ev.body.event.numArticles, 2, 'the Arusha meeting is reported by two articles');
    assert.deepEqual(ev.body.mentions.map((m: { articleId: string }) => m.articleId).sort(), ['glw-2025-0205-arusha', 'lsc-2025-0206-otieno']);
    const statuses = r.body.commitments.map((c: { status: string }) => c.status);
    assert.deepEqual(statuses, ['kept', 'kept']);
    for (const c of r.body.commitments) assert.equal(c.evidence.text, r.body.result.article.text.slice(c.evidence.start, c.evidence.end));
    const missing = await get('/articles/no-such-article');
    assert.equal(missing.status, 404);
    assert.deepEqual(Object.keys(missing.body).sort(), ['error', 'message']);
    const encoded = await get(`/articles/${encodeURIComponent('url:https://example.org/a?b=c')}`);
    assert.equal(encoded.status, 404);
  });
});

describe('events', () => {
  test('GET /events filters as parley query does, and pages', async () => {
    const ids = async (q: string) => ((await get(`/events?${q}`)).body.items as Array<{ id: string }>).map((e) => e.id);
    const direct = async (f: Parameters<TestServer['store']['query']>[0]) => (await s.store.query(f)).map((e) => e.id);
    assert.deepEqual(await ids(''), (await direct({})).slice(0, 50));
    assert.deepEqual(await ids('dyad=KEN-TZA&type=CONSULT'), await direct({ dyad: ['KEN', 'TZA'], type: ['CONSULT'] }));
    assert.deepEqual(await ids('dyad=tza:ken&directed'), await direct({ dyad: ['TZA', 'KEN'], directed: true }));
    assert.deepEqual(await ids('actor=UGA&actor=JPN'), await direct({ actor: ['UGA', 'JPN'] }));
    assert.deepEqual(await ids('actor=UGA,JPN'), await direct({ actor: ['UGA', 'JPN'] }));
    assert.deepEqual(await ids('actor=Otieno&from=2025-02&to=2025-03'), await direct({ actor: ['Otieno'], from: '2025-02', to: '2025-03' }));
    assert.deepEqual(await ids('country=uga&modality=asserted'), await direct({ country: ['UGA'], modality: ['asserted'] }));
    assert.deepEqual(await ids('type=03&place=arusha'), await direct({ type: ['03'], place: 'arusha' }));
    assert.deepEqual(await ids('text=boundary'), await direct({ text: 'boundary' }));
    assert.deepEqual(await ids('minSources=2'), await direct({ minSources: 2 }));
    assert.ok((await ids('minSources=2')).length >= 1, 'the Arusha meeting has two sources');
    const all = await direct({});
    const paged: string[] = [];
    for (let off: number | null = 0; off != null; ) {
      const p: any = (await get(`/events?limit=7&offset=${off}`)).body;
      conforms('/events', 'get', 200, p);
      paged.push(...p.items.map((e: { id: string }) => e.id));
      off = p.next;
    }
    assert.deepEqual(paged, all);
  });

  test('GET /events/:id has every report with its sentence and trigger', async () => {
    const [e] = (await get('/events?type=RETREAT')).body.items;
    const r = await get(`/events/${e.id}`);
    assert.equal(r.status, 200);
    conforms('/events/{id}', 'get', 200, r.body);
    const m = r.body.mentions[0];
    assert.equal(m.articleId, 'dd-2025-0224-freed');
    assert.ok(m.sentence.text.includes(m.trigger.text));
    assert.equal((await get('/events/ev-nope')).status, 404);
  });

  test('GET /events/export streams every matching event as CSV or JSONL', async () => {
    const csv = await fetch(`${s.url}/events/export?dyad=KEN-TZA&format=csv`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type')!, /^text\/csv/);
    assert.match(csv.headers.get('content-disposition')!, /attachment; filename="parley-events.csv"/);
    const lines = (await csv.text()).trim().split('\n');
    assert.equal(lines[0].split(',')[0], 'id');
    assert.equal(lines.length - 1, (await s.store.query({ dyad: ['KEN', 'TZA'] })).length);
    const jsonl = await fetch(`${s.url}/events/export?format=jsonl&type=AGREE&max=2`);
    const rows = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(rows.length, 2);
    assert.ok(rows[0].mentions.length >= 1);
  });

  test('GET /places counts events with coordinates by place', async () => {
    const r = await get('/places');
    conforms('/places', 'get', 200, r.body);
    const kampala = r.body.places.find((p: { name: string }) => p.name === 'Kampala');
    assert.equal(kampala.code, 'UGA');
    assert.ok(Math.abs(kampala.lat - 0.32) < 0.1 && Math.abs(kampala.lon - 32.58) < 0.1);
    const filtered = await get('/places?type=ACCUSE');
    assert.ok(filtered.body.places.every((p: { types: Record<string, number> }) => Object.keys(p.types).every((t) => t === 'ACCUSE')));
  });
});

describe('actors, dyads, quotes, commitments', () => {
  test('GET /actors, /actors/:code and /network', async () => {
    const r = await get('/actors');
    conforms('/actors', 'get', 200, r.body);
    const ken = r.body.items.find((a: { code: string }) => a.code === 'KEN');
    assert.equal(ken.name, 'Kenya');
    assert.equal(ken.kind, 'state');
    assert.deepEqual(r.body.items.slice(0, 2).map((a: { code: string }) => a.code), ['KEN', 'TZA']);
    assert.deepEqual((await get('/actors?q=ugan')).body.items.map((a: { code: string }) => a.code), ['UGA']);
    const one = await get('/actors/ken');
    conforms('/actors/{code}', 'get', 200, one.body);
    assert.equal(one.body.partners[0].code, 'TZA');
    assert.equal((await get('/actors/XYZ')).status, 404);
    const net = await get('/network');
    conforms('/network', 'get', 200, net.body);
    assert.deepEqual([net.body.edges[0].a, net.body.edges[0].b], ['KEN', 'TZA']);
    assert.ok(net.body.edges[0].events > net.body.edges[1].events);
  });

  test('GET /dyads/:a/:b is the relationship by period, with totals', async () => {
    const r = await get('/dyads/KEN/TZA?by=month');
    assert.equal(r.status, 200);
    conforms('/dyads/{a}/{b}', 'get', 200, r.body);
    assert.deepEqual(r.body.series.map((p: { period: string }) => p.period), ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']);
    assert.deepEqual(r.body.series, await s.store.dyad('KEN', 'TZA', { by: 'month' }));
    const jan = r.body.series[0];
    assert.ok(jan.conflictual > 0 && jan.goldsteinMean < 0, 'January is the quarrel');
    assert.ok(r.body.series[1].cooperative > 0 && r.body.series[1].goldsteinMean > 0, 'February is the deal');
    assert.equal(r.body.totals.events, r.body.series.reduce((n: number, p: { events: number }) => n + p.events, 0));
    assert.deepEqual(r.body.names, { a: 'Kenya', b: 'Tanzania' });
    assert.equal((await get('/dyads/KEN/TZA?by=decade')).status, 400);
    assert.deepEqual((await get('/dyads/KEN/TZA?by=quarter')).body.series.map((p: { period: string }) => p.period), ['2025-Q1', '2025-Q2']);
  });

  test('GET /quotes by speaker name or code', async () => {
    const r = await get('/quotes?actor=TZA');
    conforms('/quotes', 'get', 200, r.body);
    assert.ok(r.body.items.length >= 1);
    assert.ok(r.body.items.every((q: { speakerCode: string }) => q.speakerCode === 'TZA'));
    const byName = await get('/quotes?speaker=mushi');
    assert.ok(byName.body.items.some((q: { text: string }) => /megaphone|lectured|good neighbours/.test(q.text)));
    const one = await get('/quotes?article=glw-2025-0415-kampala&q=nobody');
    assert.deepEqual(one.body.items.map((q: { text: string }) => q.text), ['Nobody wins a fight on the lake']);
  });

  test('GET /commitments by status: the kept ones carry the event that kept them', async () => {
    const kept = await get('/commitments?status=kept');
    conforms('/commitments', 'get', 200, kept.body);
    assert.equal(kept.body.items.length, 2);
    const talks = kept.body.items.find((c: { action: string }) => /talks/.test(c.action));
    assert.equal(talks.keptBy.articleId, 'glw-2025-0415-kampala');
    assert.match(talks.keptBy.evidence, /met in Kampala/);
    assert.match(talks.evidence.text, /agreed to hold talks on the lake boundary/);
    assert.equal((await get('/commitments?status=overdue')).body.items.length, 1);
    assert.ok((await get('/commitments?status=open')).body.items.length >= 1);
    assert.equal((await get('/commitments?status=broken')).status, 400);
    assert.ok((await get('/commitments?actor=ken')).body.items.every((c: { parties: string[] }) => c.parties.includes('KEN')));
  });
});

describe('any Store', () => {
  test('without the SQLite shortcuts, through the Store interface alone, the answers are the same', async () => {
    const methods = ['findDuplicate', 'hasArticle', 'putArticle', 'putArticles', 'replaceResult', 'getArticle', 'articles', 'countArticles', 'link', 'query', 'mentions', 'events', 'dyad', 'commitments', 'stats', 'close'] as const;
    const wrapped = { kind: 'wrapped' } as Record<string, unknown>;
    for (const m of methods) wrapped[m] = (s.store[m] as (...a: unknown[]) => unknown).bind(s.store);
    const app = createServer({ store: wrapped as unknown as Store, webRoot: null });
    try {
      const [e] = (await get('/events?type=RETREAT')).body.items;
      for (const path of ['/articles?limit=20', '/articles?from=2025-03&to=2025-04', '/articles/glw-2025-0205-arusha', `/events/${e.id}`, '/quotes?actor=TZA', '/quotes?speaker=otieno&limit=3', '/actors', '/network', '/places', '/commitments']) {
        const generic = await app.inject({ method: 'GET', url: path });
        const sqlite = await get(path);
        assert.equal(generic.statusCode, 200, `${path}: ${generic.body}`);
        const strip = (b: any) => (Array.isArray(b?.items) ? { ...b, items: b.items.map((x: any) => ({ ...x, snippet: null })) } : b);
        assert.deepEqual(strip(generic.json()), strip(sqlite.body), path);
      }
    } finally {
      await app.close();
    }
  });
});

describe('errors', () => {
  test('bad inputs are 400 with a JSON message and the issues, never a stack', async () => {
    for (const [path, re] of [
      ['/events?actr=KEN', /Unrecognized key/],
      ['/events?from=2025-13', /from/],
      ['/events?limit=0', /limit/],
      ['/events?limit=100000', /limit/],
      ['/events?modality=maybe', /modality/],
      ['/events?directed', /directed needs dyad/],
      ['/events?dyad=KEN', /dyad/],
      ['/events?text=%22unclosed', /full-text query/],
      ['/events?text=AND', /full-text query/],
      ['/quotes?offset=-1', /offset/],
    ] as Array<[string, RegExp]>) {
      const r = await get(path);
      assert.equal(r.status, 400, `${path}: ${JSON.stringify(r.body)}`);
      assert.match(r.headers.get('content-type')!, /^application\/json/);
      assert.equal(r.body.error, 'Bad Request');
      assert.match(r.body.message, re, path);
      noLeak(r.body);
    }
    const nf = await get('/nope/nothing');
    assert.equal(nf.status, 404);
    assert.equal(nf.body.error, 'Not Found');
    const del = await getJson(`${s.url}/events`, { method: 'DELETE' });
    assert.equal(del.status, 404);
    noLeak(del.body);
  });

  test('request bodies: malformed JSON, wrong type, too large', async () => {
    const bad = await getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' });
    assert.equal(bad.status, 400);
    noLeak(bad.body);
    const type = await getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/x-yaml' }, body: 'text: hi' });
    assert.equal(type.status, 415);
    noLeak(type.body);
    const big = await getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x'.repeat(3 * 1024 * 1024) }) });
    assert.equal(big.status, 413);
    assert.equal(big.body.error, 'Payload Too Large');
    const neither = await getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ title: 'no text' }) });
    assert.equal(neither.status, 400);
    assert.match(neither.body.message, /text, html or url/);
    const extra = await getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Hello.', __proto__x: 1, admin: true }) });
    assert.equal(extra.status, 400);
  });
});

describe('security', () => {
  test('every response carries the security headers', async () => {
    for (const path of ['/health', '/', '/nope', '/events?limit=0']) {
      const r = await fetch(`${s.url}${path}`);
      await r.arrayBuffer();
      const csp = r.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, path);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
      assert.equal(r.headers.get('referrer-policy'), 'no-referrer');
    }
  });

  test('the dashboard is served, and no path escapes it', async () => {
    const home = await fetch(`${s.url}/`);
    assert.equal(home.status, 200);
    assert.match(home.headers.get('content-type')!, /^text\/html/);
    const html = await home.text();
    assert.match(html, /<script type="module" crossorigin src="\/assets\/[^"]+\.js"><\/script>/);
    assert.doesNotMatch(html.replace(/<script[^>]*src="[^"]+"[^>]*><\/script>/g, ''), /<script/i, 'no inline script');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(`${s.url}${asset}`);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('cache-control')!, /immutable/);
    await js.arrayBuffer();
    const raw = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const u = new URL(s.url);
        const req = request({ host: u.hostname, port: u.port, path, method: 'GET' }, (res) => {
          let body = '';
          res.on('data', (d) => (body += d));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        });
        req.on('error', reject);
        req.end();
      });
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/assets/../../package.json', '/assets/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/%2e%2e%5c%2e%2e%5cpackage.json', '/..\\..\\package.json', '/index.html%00.js', '/%c0%ae%c0%ae/package.json', '//etc/passwd', '/assets/']) {
      const r = await raw(path);
      assert.ok(r.status === 404 || r.status === 400, `${path} → ${r.status}`);
      assert.doesNotMatch(r.body, /"dependencies"|root:x:0/, path);
    }
  });

  test('the dashboard source never turns strings into HTML or code', () => {
    const root = fileURLToPath(new URL('../../web/src/', import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(ts|tsx)$/.test(f));
    assert.ok(files.length >= 10, `the dashboard sources are at ${root}`);
    for (const f of files) {
      const src = readFileSync(join(root, f), 'utf8');
      assert.doesNotMatch(src, /\.innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function\(|setAttribute\(\s*['"]on/, f);
      assert.doesNotMatch(src, /\son[A-Z][a-zA-Z]*="/, `${f}: an inline event handler`);
    }
    const html = readFileSync(join(root, '../index.html'), 'utf8');
    assert.doesNotMatch(html.replace(/<script type="module" src="[^"]+"><\/script>/, ''), /<script|\son[a-z]+=|style="/i, 'index.html has no inline script, handler or style');
  });

  test('cross-origin writes and foreign host names are refused', async () => {
    const post = (headers: Record<string, string>) => getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body: 'Kenya and Tanzania met.' });
    for (const h of [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }] as Array<Record<string, string>>) {
      const r = await post(h);
      assert.equal(r.status, 403, JSON.stringify(h));
      assert.match(r.body.message, /cross-origin/);
    }
    const guarded = createServer({ store: s.store, webRoot: null, allowedHosts: ['localhost', '127.0.0.1'] });
    try {
      assert.equal((await guarded.inject({ method: 'GET', url: '/health', headers: { host: 'rebound.evil.example' } })).statusCode, 403);
      assert.equal((await guarded.inject({ method: 'GET', url: '/health', headers: { host: '127.0.0.1:8080' } })).statusCode, 200);
      assert.equal((await guarded.inject({ method: 'GET', url: '/health', headers: { host: 'localhost' } })).statusCode, 200);
    } finally {
      await guarded.close();
    }
  });

  test('URL ingest refuses local and private addresses unless allowed', async () => {
    for (const ip of ['127.0.0.1', '10.1.2.3', '192.168.0.9', '172.20.1.1', '169.254.169.254', '::1', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '0.0.0.0']) assert.ok(isPrivateAddress(ip), ip);
    for (const ip of ['93.184.216.34', '2606:4700::1111', '8.8.8.8']) assert.ok(!isPrivateAddress(ip), ip);
    await assert.rejects(safeFetch('http://127.0.0.1:9/', { allowPrivate: false, timeout: 2, maxBytes: 1000 }), /local or private address/);
    await assert.rejects(safeFetch('http://localhost:9/', { allowPrivate: false, timeout: 2, maxBytes: 1000 }), /local or private address/);
  });
});

describe('POST /articles', () => {
  test('text, HTML or a URL is extracted, stored and linked; the same article again is a duplicate', async () => {
    const w = await startServer();
    const page = createHttpServer((req, res) => {
      if (req.url === '/redirect') {
        res.writeHead(302, { location: '/story' });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        '<!doctype html><html><head><title>Kenya and Tanzania hold lake talks</title><meta property="article:published_time" content="2025-06-03"></head><body><article><p>Kenyan Foreign Minister Daniel Otieno met Tanzanian Foreign Minister Neema Mushi in Mwanza on Monday to review the joint patrols on Lake Victoria.</p><p>The two ministers agreed to expand the patrols.</p></article></body></html>',
      );
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    try {
      const before = (await getJson(`${w.url}/dyads/KEN/TZA`)).body.totals.events;
      const text = await getJson(`${w.url}/articles`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 'api-1', title: 'Ministers meet again', date: '2025-06-10', text: 'Kenyan Foreign Minister Daniel Otieno met Tanzanian Foreign Minister Neema Mushi in Arusha on Tuesday for talks on fisheries.' }),
      });
      assert.equal(text.status, 201, JSON.stringify(text.body));
      conforms('/articles', 'post', 201, text.body);
      assert.equal(text.body.status, 'new');
      assert.equal(text.body.id, 'api-1');
      assert.equal(text.body.href, '/articles/api-1');
      assert.ok(text.body.extracted.events >= 1);
      assert.ok(text.body.linked.events > 0);
      const after = (await getJson(`${w.url}/dyads/KEN/TZA`)).body.totals.events;
      assert.ok(after > before, 'the new article is linked and counted');
      assert.equal((await getJson(`${w.url}/articles/api-1`)).body.result.article.title, 'Ministers meet again');

      const again = await getJson(`${w.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'api-1', text: 'anything' }) });
      assert.equal(again.status, 200);
      assert.equal(again.body.status, 'duplicate');

      const html = await getJson(`${w.url}/articles?link=false`, { method: 'POST', headers: { 'content-type': 'text/html' }, body: '<html><head><title>A page</title></head><body><article><p>Uganda and Kenya signed a ferry agreement in Kisumu on Friday, officials said.</p></article></body></html>' });
      assert.equal(html.status, 201, JSON.stringify(html.body));
      assert.equal(html.body.linked, null);
      const plain = await getJson(`${w.url}/articles`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Japan gave Tanzania two research vessels on Monday.' });
      assert.equal(plain.status, 201);

      const port = (page.address() as AddressInfo).port;
      const url = await getJson(`${w.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `http://127.0.0.1:${port}/redirect` }) });
      assert.equal(url.status, 201, JSON.stringify(url.body));
      const stored = (await getJson(`${w.url}/articles/${encodeURIComponent(url.body.id)}`)).body;
      assert.equal(stored.result.article.url, `http://127.0.0.1:${port}/story`);
      assert.equal(stored.result.article.title, 'Kenya and Tanzania hold lake talks');
      assert.equal(stored.result.article.date, '2025-06-03');

      const gone = await getJson(`${w.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: `http://127.0.0.1:1/nothing` }) });
      assert.equal(gone.status, 502);
      noLeak(gone.body);
      const ftp = await getJson(`${w.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: 'ftp://example.org/x' }) });
      assert.equal(ftp.status, 400);
    } finally {
      page.close();
      await w.close();
    }
  });

  test('an article with markup in its text is stored as text, unchanged', async () => {
    const w = await startServer();
    try {
      const text = 'Officials said <script>alert(1)</script> and <b>bold</b> & "quotes" appear in the text. Kenya and Tanzania met in Arusha on Monday.';
      const r = await getJson(`${w.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'markup', title: '<img src=x onerror=alert(1)>', text }) });
      assert.equal(r.status, 201);
      const a = (await getJson(`${w.url}/articles/markup`)).body;
      assert.equal(a.result.article.text, text);
      assert.equal(a.result.article.title, '<img src=x onerror=alert(1)>');
    } finally {
      await w.close();
    }
  });

  test('a server without an engine refuses to ingest (503)', async () => {
    const ro = await startServer({ engine: null });
    try {
      const r = await getJson(`${ro.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'Hello.' }) });
      assert.equal(r.status, 503);
      assert.equal((await getJson(`${ro.url}/health`)).body.ingest, false);
    } finally {
      await ro.close();
    }
  });
});

describe('the commands', () => {
  const CHILD = new URL('./helpers/parley-child.js', import.meta.url).pathname;
  /** Runs `parley ARGS` in a child process until it prints its URL; returns the URL and a stopper. */
  const launch = (args: string[]) =>
    new Promise<{ url: string; out: () => string; stop: () => Promise<number> }>((resolve, reject) => {
      const p = spawn(process.execPath, [CHILD, ...args], { env: { ...process.env, PARLEY_CHILD: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      p.stdout.on('data', (d) => {
        out += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
        if (m) resolve({ url: m[1], out: () => out, stop: () => new Promise((r) => (p.once('exit', (code) => r(code ?? -1)), p.kill('SIGINT'))) });
      });
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => reject(new Error(`parley ${args.join(' ')} exited ${code}: ${out}${err}`)));
    });

  test('parley serve --read-only serves a store on the port asked for, and stops on SIGINT', async () => {
    const db = await demoStorePath();
    const srv = await launch(['serve', '--db', db, '--port', '0', '--read-only']);
    assert.match(srv.out(), /serving .* at http:\/\/127\.0\.0\.1:\d+\/ \(API: .*openapi\.json, read-only\)/);
    const h = await getJson(`${srv.url}/health`);
    assert.equal(h.body.articles, 10);
    assert.equal(h.body.ingest, false);
    const post = await getJson(`${srv.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x' }) });
    assert.equal(post.status, 503);
    assert.equal(await srv.stop(), 0);
  });

  test('parley demo builds the demo store and prints the URL', async () => {
    const srv = await launch(['demo', '--port', '0']);
    assert.match(srv.out(), /parley demo: open http:\/\/127\.0\.0\.1:\d+\//);
    const h = await getJson(`${srv.url}/health`);
    assert.equal(h.body.articles, 10);
    const kept = await getJson(`${srv.url}/commitments?status=kept`);
    assert.equal(kept.body.items.length, 2);
    assert.equal((await fetch(`${srv.url}/`)).status, 200);
    assert.equal(await srv.stop(), 0);
  });

  test('usage errors: a missing store, a bad port', async () => {
    const { parley } = await import('./helpers/cli.js');
    const missing = await parley(['serve', '--db', '/nonexistent/parley.db', '--port', '0']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such store/);
    const port = await parley(['serve', '--db', await demoStorePath(), '--port', 'http']);
    assert.equal(port.code, 2);
    assert.match(port.err, /--port must be a number/);
  });
});
