/**
 * Attacks on the service, against real servers on random local ports: rate limiting, stored XSS (the
 * API answers hostile markup as JSON data, HTML answers carry the strict CSP), path traversal in the
 * dashboard's static files, hostile filter values (SQL), and an audit of the SQL the store and the
 * server build (no request value is ever interpolated into a statement).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadEngine } from '../src/adapters/engine.js';
import { createServer, CSP, DEFAULT_RATE_LIMIT } from '../src/adapters/server/index.js';
import { openStore } from '../src/adapters/store/index.js';
import type { ArticleResult } from '../src/core/types.js';
import { getJson, startServer, type TestServer } from './helpers/server.js';

const TOKEN = 'security-test-token-0123456789abcdef';
const BIN = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const auth = { authorization: `Bearer ${TOKEN}` };

/** A request exactly as written (fetch would normalise `..`, backslashes and encodings away). */
function raw(base: string, path: string, method = 'GET'): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolveP, reject) => {
    const u = new URL(base);
    const req = request({ host: u.hostname, port: u.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolveP({ status: res.statusCode!, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function noLeak(body: unknown): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  assert.doesNotMatch(text, /\bat [\w.<>]+ \(|node_modules|\/src\/|\.js:\d+|SQLITE_|sqlite3/i, `an error body leaks internals: ${text.slice(0, 300)}`);
}

// ─── rate limiting ────────────────────────────────────────────────────────────────────────────────

describe('rate limiting', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ token: TOKEN, rateLimit: { reads: 5, writes: 2 } });
  });
  after(async () => s?.close());

  test('the read after the limit is 429 with Retry-After and a JSON message, no stack', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await getJson(`${s.url}/health`);
      assert.equal(r.status, 200, `read ${i + 1}`);
      assert.equal(r.headers.get('x-ratelimit-limit'), '5');
    }
    const over = await getJson(`${s.url}/events?limit=1`);
    assert.equal(over.status, 429);
    assert.match(over.headers.get('content-type')!, /^application\/json/);
    const retry = Number(over.headers.get('retry-after'));
    assert.ok(Number.isInteger(retry) && retry >= 1 && retry <= 60, `Retry-After: ${over.headers.get('retry-after')}`);
    assert.equal(over.body.error, 'Too Many Requests');
    assert.match(over.body.message, /too many reads .*at most 5 a minute.*retry in \d+ s/);
    assert.deepEqual(Object.keys(over.body).sort(), ['error', 'message']);
    noLeak(over.body);
    // the refusal still carries the security headers, and the dashboard's files count too
    assert.equal(over.headers.get('content-security-policy'), CSP);
    assert.equal((await raw(s.url, '/')).status, 429);
  });

  test('writes have their own, stricter count; refused writes (no token) count against it', async () => {
    const post = (headers: Record<string, string>) => getJson(`${s.url}/articles?link=false`, { method: 'POST', headers: { 'content-type': 'text/plain', ...headers }, body: 'Kenya and Tanzania met in Arusha on Monday.' });
    const first = await post(auth);
    assert.ok(first.status === 201 || first.status === 200, `status ${first.status} ${JSON.stringify(first.body)}`);
    assert.equal((await post({})).status, 401, 'a write without the token');
    const third = await post(auth);
    assert.equal(third.status, 429, 'the third write in the minute, even with the token');
    assert.ok(Number(third.headers.get('retry-after')) >= 1);
    assert.match(third.body.message, /too many writes .*at most 2/);
    noLeak(third.body);
  });

  test('each client address has its own count; IPv6 by /64; 0 disables; the window resets', async () => {
    const app = createServer({ store: s.store, webRoot: null, rateLimit: { reads: 3, writes: 0, windowMs: 1500 } });
    try {
      const get = (remoteAddress: string) => app.inject({ method: 'GET', url: '/health', remoteAddress });
      for (let i = 0; i < 3; i++) assert.equal((await get('10.0.0.1')).statusCode, 200);
      assert.equal((await get('10.0.0.1')).statusCode, 429);
      assert.equal((await get('10.0.0.2')).statusCode, 200, 'another address is not held up');
      assert.equal((await get('::ffff:10.0.0.1')).statusCode, 429, 'IPv4-mapped IPv6 is the same client');
      for (let i = 0; i < 3; i++) assert.equal((await get(`2001:db8:1:2::${i + 1}`)).statusCode, 200);
      assert.equal((await get('2001:db8:1:2:ffff::9')).statusCode, 429, 'the same /64');
      assert.equal((await get('2001:db8:1:3::1')).statusCode, 200, 'another /64');
      // writes: 0 is no limit (they fail later, for want of a body, but are never 429)
      for (let i = 0; i < 10; i++) assert.notEqual((await app.inject({ method: 'POST', url: '/articles', remoteAddress: '10.0.0.1', payload: {} })).statusCode, 429);
      await new Promise((r) => setTimeout(r, 1600));
      assert.equal((await get('10.0.0.1')).statusCode, 200, 'a new window');
    } finally {
      await app.close();
    }
    const off = createServer({ store: s.store, webRoot: null, rateLimit: null });
    try {
      for (let i = 0; i < 50; i++) assert.equal((await off.inject({ method: 'GET', url: '/health' })).statusCode, 200);
    } finally {
      await off.close();
    }
  });

  test('behind a trusted proxy each forwarded client has its own count; from anyone else the header is ignored', async () => {
    const app = createServer({ store: s.store, webRoot: null, rateLimit: { reads: 2, writes: 0, windowMs: 60_000 }, trustProxy: ['10.9.0.0/16'] });
    try {
      const get = (remoteAddress: string, client: string) => app.inject({ method: 'GET', url: '/health', remoteAddress, headers: { 'x-forwarded-for': client } });
      for (let i = 0; i < 2; i++) assert.equal((await get('10.9.0.5', '198.51.100.1')).statusCode, 200);
      assert.equal((await get('10.9.0.5', '198.51.100.1')).statusCode, 429);
      assert.equal((await get('10.9.0.5', '198.51.100.2')).statusCode, 200, 'another client behind the same proxy');
      // a client that is not the proxy cannot pick its own address
      for (let i = 0; i < 2; i++) assert.equal((await get('203.0.113.7', `192.0.2.${i}`)).statusCode, 200);
      assert.equal((await get('203.0.113.7', '192.0.2.99')).statusCode, 429);
    } finally {
      await app.close();
    }
  });

  test('the default never bothers a dashboard reader: 1,000 reads in a burst pass', async () => {
    assert.deepEqual({ reads: DEFAULT_RATE_LIMIT.reads, writes: DEFAULT_RATE_LIMIT.writes }, { reads: 1200, writes: 60 });
    const app = createServer({ store: s.store, webRoot: null });
    try {
      const paths = ['/health', '/events?limit=50', '/actors', '/network', '/places', '/commitments', '/quotes?limit=5', '/articles?limit=20', '/dyads/KEN/TZA'];
      for (let i = 0; i < 1000; i++) {
        const r = await app.inject({ method: 'GET', url: paths[i % paths.length] });
        assert.equal(r.statusCode, 200, `${paths[i % paths.length]} → ${r.statusCode} after ${i} reads`);
      }
      assert.equal((await app.inject({ method: 'GET', url: '/health' })).headers['x-ratelimit-limit'], '1200');
    } finally {
      await app.close();
    }
  });

  test('parley serve --rate-limit N: the N+1th read is 429; a bad value is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-rl-'));
    const db = join(dir, 'empty.db');
    await openStore(db).close();
    const bad = await new Promise<{ code: number | null; err: string }>((res) => {
      const p = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--rate-limit', 'lots'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      p.stderr.on('data', (d) => (err += d));
      p.on('exit', (code) => res({ code, err }));
    });
    assert.equal(bad.code, 2, bad.err);
    assert.match(bad.err, /--rate-limit must be a whole number/);
    const p = spawn(process.execPath, [BIN, 'serve', '--db', db, '--port', '0', '--read-only', '--rate-limit', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((res, rej) => {
        let out = '';
        p.stdout.on('data', (d) => {
          out += d;
          const m = /(http:\/\/127\.0\.0\.1:\d+)\//.exec(out);
          if (m) res(m[1]);
        });
        p.on('exit', (code) => rej(new Error(`parley serve exited ${code}: ${out}`)));
      });
      for (let i = 0; i < 3; i++) assert.equal((await getJson(`${url}/health`)).status, 200);
      const over = await getJson(`${url}/health`);
      assert.equal(over.status, 429);
      assert.ok(Number(over.headers.get('retry-after')) >= 1);
    } finally {
      await new Promise((r) => (p.exitCode !== null ? r(null) : (p.once('exit', r), p.kill('SIGINT'))));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// ─── stored XSS ───────────────────────────────────────────────────────────────────────────────────

const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"><svg onload=alert(3)>', "'><iframe src=javascript:alert(4)>", '</textarea><body onload=alert(5)>', '{{constructor.constructor("alert(6)")()}}'];
const XSS_TITLE = `Talks ${XSS.join(' ')} end`;
const XSS_NAME = `Daniel ${XSS[0]}${XSS[2]} Otieno`;
/** For the article put through the store: another text, or it would be a near-duplicate (left out of linking). */
const XSS_TEXT2 = `Kenyan Foreign Minister Daniel Otieno travelled to Kampala on Friday and signed a ferry agreement with Uganda's government. Reporters found ${XSS[2]} and ${XSS[1]} in the press kit. "The lake joins our peoples," Otieno said.`;
const XSS_TEXT = `Kenyan Foreign Minister Daniel Otieno met Tanzanian Foreign Minister Neema Mushi in Arusha on Monday to discuss the lake border. Officials said ${XSS.join(' and ')} appeared in the note. "We will keep talking about the lake," Otieno said.`;

describe('stored XSS: hostile markup is data', () => {
  let s: TestServer;
  let eventId: string;
  before(async () => {
    s = await startServer({ token: TOKEN, rateLimit: null });
    // one article through the API (text and title) ...
    const r = await getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ id: 'xss-api', date: '2025-06-02', title: XSS_TITLE, text: XSS_TEXT }) });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    // ... and one through the store whose actor and speaker names carry markup (no extraction makes such names)
    const result = loadEngine().extract({ id: 'xss-store', date: '2025-06-03', title: XSS_TITLE, text: XSS_TEXT2, dateline: null, url: null, lang: 'en' }) as ArticleResult;
    const otieno = result.actors.find((a) => /Otieno/.test(a.name));
    assert.ok(otieno, 'the engine finds Daniel Otieno');
    otieno.name = XSS_NAME;
    await s.store.putArticle(result, { source: `${XSS[1]}.example` });
    await s.store.link();
    const ev = (await getJson(`${s.url}/events?actor=KEN&limit=500`)).body.items.find((e: { names: Record<string, string[]> }) => (e.names.KEN ?? []).includes(XSS_NAME));
    assert.ok(ev, 'an event carries the hostile name');
    eventId = ev.id;
  });
  after(async () => s?.close());

  test('every JSON endpoint answers the markup unchanged, as application/json with nosniff and the CSP', async () => {
    const paths = [
      '/articles?limit=500',
      `/articles?q=${encodeURIComponent('script OR onerror')}`,
      '/articles/xss-api',
      '/articles/xss-store',
      '/events?limit=500',
      `/events?text=onerror`,
      `/events/${encodeURIComponent(eventId)}`,
      '/actors?limit=500',
      '/actors/KEN',
      '/network',
      '/places',
      '/dyads/KEN/TZA',
      '/quotes?limit=500',
      '/quotes?article=xss-store',
      '/commitments?limit=500',
      '/health',
      '/openapi.json',
    ];
    const seen = new Set<string>();
    for (const path of paths) {
      const r = await fetch(`${s.url}${path}`);
      const text = await r.text();
      assert.equal(r.status, 200, `${path}: ${text.slice(0, 200)}`);
      assert.match(r.headers.get('content-type')!, /^application\/json; charset=utf-8$/, path);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(r.headers.get('content-security-policy'), CSP, path);
      const body = JSON.parse(text);
      const strings: string[] = [];
      const walk = (v: unknown): void => {
        if (typeof v === 'string') strings.push(v);
        else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
      };
      walk(body);
      for (const x of strings) {
        if (x.includes(XSS_TITLE)) seen.add('title');
        if (x.includes(XSS_NAME)) seen.add('name');
        if (x.includes(XSS[0]) && x.includes(XSS[1])) seen.add('text');
        // never escaped twice, never stripped: the markup is stored and answered as it came
        assert.doesNotMatch(x, /&lt;script|&amp;lt;/, path);
      }
    }
    assert.deepEqual([...seen].sort(), ['name', 'text', 'title'], 'title, text and actor name all came back as data');
    const art = (await getJson(`${s.url}/articles/xss-store`)).body;
    assert.equal(art.result.article.title, XSS_TITLE);
    assert.equal(art.result.article.text, XSS_TEXT2);
    assert.equal((await getJson(`${s.url}/articles/xss-api`)).body.result.article.text, XSS_TEXT);
    assert.ok(art.result.actors.some((a: { name: string }) => a.name === XSS_NAME));
    assert.equal(art.source, `${XSS[1]}.example`);
    const q = (await getJson(`${s.url}/quotes?article=xss-store`)).body.items;
    assert.ok(q.some((x: { speakerName: string }) => x.speakerName === XSS_NAME), `speaker names: ${q.map((x: { speakerName: string }) => x.speakerName)}`);
  });

  test('exports are downloads, not pages', async () => {
    for (const format of ['csv', 'jsonl']) {
      const r = await fetch(`${s.url}/events/export?format=${format}&actor=KEN`);
      const text = await r.text();
      assert.equal(r.status, 200);
      assert.doesNotMatch(r.headers.get('content-type')!, /html|xml/);
      assert.match(r.headers.get('content-disposition')!, /^attachment/);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.ok(text.includes('Otieno'), format);
    }
  });

  test('markup in a URL or a parameter comes back in JSON errors, never in HTML', async () => {
    for (const path of [`/${encodeURIComponent(XSS[0])}`, `/nope/${XSS[1].replace(/ /g, '%20')}`, `/events?modality=${encodeURIComponent(XSS[2])}`, `/events?type=${encodeURIComponent(XSS[0])}`, `/articles/${encodeURIComponent(XSS[0])}`, `/dyads/${encodeURIComponent(XSS[2])}/KEN`]) {
      const r = await raw(s.url, path);
      assert.ok(r.status === 400 || r.status === 404, `${path} → ${r.status}`);
      assert.match(String(r.headers['content-type']), /^application\/json/, path);
      assert.equal(r.headers['x-content-type-options'], 'nosniff');
      JSON.parse(r.body);
      noLeak(r.body);
    }
  });

  test('the HTML answers carry the strict CSP: scripts only from the server, nothing inline', async () => {
    const home = await fetch(`${s.url}/`);
    const html = await home.text();
    assert.match(home.headers.get('content-type')!, /^text\/html/);
    const assets = [...html.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1]);
    assert.ok(assets.length >= 2, 'the page links its script and style');
    for (const path of ['/', '/index.html', ...assets]) {
      const r = await fetch(`${s.url}${path}`);
      await r.arrayBuffer();
      assert.equal(r.status, 200, path);
      const csp = r.headers.get('content-security-policy') ?? '';
      const directives = Object.fromEntries(csp.split(/;\s*/).map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
      assert.deepEqual(directives['script-src'], ["'self'"], `${path}: ${csp}`);
      assert.deepEqual(directives['object-src'], ["'none'"]);
      assert.deepEqual(directives['base-uri'], ["'none'"]);
      assert.deepEqual(directives['frame-ancestors'], ["'none'"]);
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic|\*|data:[^;]*script|http:|https:/, path);
      assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(r.headers.get('x-frame-options'), 'DENY');
    }
    // the page itself: no inline script or handler for a stored value to ride on
    assert.doesNotMatch(html.replace(/<script type="module" crossorigin src="[^"]+"><\/script>/g, ''), /<script|\son[a-z]+=/i);
  });
});

// ─── path traversal ───────────────────────────────────────────────────────────────────────────────

describe('path traversal in the dashboard files', () => {
  const SECRET = 'SECRET-7f3a9c-never-served';
  let dir: string;
  let s: TestServer;
  let store: TestServer;
  before(async () => {
    // a web root with a secret beside it, a secret one level up, and a symlink out of the root
    dir = mkdtempSync(join(tmpdir(), 'parley-webroot-'));
    const root = join(dir, 'web');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>ok</title><script type="module" src="/assets/app.js"></script>');
    writeFileSync(join(root, 'assets', 'app.js'), 'export {};');
    writeFileSync(join(dir, 'secret.txt'), SECRET);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ secret: SECRET }));
    symlinkSync(join(dir, 'secret.txt'), join(root, 'link.txt'));
    symlinkSync(dir, join(root, 'up'));
    s = await startServer({ webRoot: root, rateLimit: null });
    store = await startServer({ rateLimit: null }); // the real dist/web
  });
  after(async () => {
    await s?.close();
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const secretAbs = () => join(dir, 'secret.txt');
  const ATTACKS = () => [
    '/../secret.txt',
    '/../package.json',
    '/../../package.json',
    '/assets/../../secret.txt',
    '/assets/../../../package.json',
    '/..%2fsecret.txt',
    '/..%2f..%2fpackage.json',
    '/%2e%2e/secret.txt',
    '/%2e%2e/%2e%2e/package.json',
    '/%2e%2e%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    '/..%2fsrc%2fadapters%2fserver%2findex.ts',
    '/%252e%252e%252fsecret.txt', // double-encoded
    '/%252e%252e/%252e%252e/package.json',
    '/..%252fsecret.txt',
    '/..\\secret.txt',
    '/..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
    '/%c0%ae%c0%ae/secret.txt', // overlong UTF-8 dots
    '/%c0%ae%c0%ae%c0%afsecret.txt',
    '/%e0%80%ae%e0%80%ae/secret.txt',
    '/.%2e/secret.txt',
    '/....//secret.txt',
    '/..;/secret.txt',
    '/./../secret.txt',
    '/index.html%00',
    '/index.html%00.js',
    '/%00/../secret.txt',
    '/assets/app.js%00/../../../secret.txt',
    `/${secretAbs()}`,
    `/${encodeURIComponent(secretAbs())}`,
    `/%2f${secretAbs().slice(1).split('/').join('%2f')}`,
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/etc/passwd',
    '/file:///etc/passwd',
    '/C:%5cWindows%5cwin.ini',
    '/link.txt',
    '/up/secret.txt',
    '/up/package.json',
    '/%75p/secret.txt',
    '/assets/',
    '/assets',
  ];

  test('every attempt is 404 or 400, as JSON, and nothing outside the root is ever answered', async () => {
    for (const base of [s.url, store.url]) {
      for (const path of ATTACKS()) {
        const r = await raw(base, path);
        assert.ok(r.status === 404 || r.status === 400, `${path} → ${r.status}: ${r.body.slice(0, 120)}`);
        assert.match(String(r.headers['content-type']), /^application\/json/, path);
        assert.doesNotMatch(r.body, new RegExp(`${SECRET}|"dependencies"|root:x:0|\\[fonts\\]|createServer`), path);
        noLeak(r.body);
        const head = await raw(base, path, 'HEAD');
        assert.ok(head.status === 404 || head.status === 400, `HEAD ${path} → ${head.status}`);
      }
    }
  });

  test('an absolute-form request target does not reach the disk either', async () => {
    for (const target of [`http://127.0.0.1/../secret.txt`, `file://${secretAbs()}`]) {
      const r = await raw(s.url, target);
      assert.ok(r.status >= 400 && r.status < 500, `${target} → ${r.status}`);
      assert.doesNotMatch(r.body, new RegExp(SECRET), target);
    }
  });

  test('the files in the root are served, only those', async () => {
    assert.equal((await raw(s.url, '/')).status, 200);
    assert.equal((await raw(s.url, '/index.html')).status, 200);
    const js = await raw(s.url, '/assets/app.js?v=1');
    assert.equal(js.status, 200);
    assert.equal(js.body, 'export {};');
    assert.match(String(js.headers['content-type']), /^text\/javascript/);
    assert.equal((await raw(s.url, '/assets/app.js/')).status, 404);
    assert.equal((await raw(s.url, '/assets/../index.html')).status, 404, 'no path is resolved, even inside the root');
    assert.equal((await raw(s.url, '/ASSETS/APP.JS')).status, 404);
  });
});

// ─── SQL: hostile filter values ──────────────────────────────────────────────────────────────────

const HOSTILE = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '"; DROP TABLE events; --',
  "'); DROP TABLE articles; --",
  "1; DELETE FROM articles WHERE 1=1; --",
  "' UNION SELECT sql, name, type, 1, 2, 3, 4, 5, 6, 7 FROM sqlite_master --",
  '%',
  '_',
  '%%',
  '\\',
  '\\%',
  "'",
  '"',
  '`',
  '*',
  '?',
  '$1',
  ':name',
  '@p',
  'NULL',
  '\u0000',
  'a\u0000b',
  'KEN\u0000',
  '\u202e\u0644\u0627',
  '北京 OR 1=1',
  '😀💥',
  'e\u0301',
  '\ud800',
  'x'.repeat(200),
  'y'.repeat(5000),
  'z'.repeat(100_000),
  'NEAR(a b)',
  'col:value',
  '-x',
  '^x',
  'x*',
  '"unclosed',
  'AND',
  '()',
];

describe('SQL: hostile filter values', () => {
  let s: TestServer;
  const errors: unknown[] = [];
  before(async () => {
    s = await startServer({ rateLimit: null, onError: (e) => errors.push(e) });
  });
  after(async () => s?.close());

  const PARAMS: Record<string, string[]> = {
    '/events': ['actor', 'country', 'dyad', 'type', 'from', 'to', 'place', 'modality', 'text', 'minSources', 'limit', 'offset'],
    '/events/export': ['actor', 'place', 'text', 'type', 'format', 'max'],
    '/articles': ['q', 'source', 'from', 'to', 'limit', 'offset'],
    '/actors': ['q', 'from', 'to', 'limit'],
    '/network': ['actor', 'place', 'text', 'minEvents'],
    '/places': ['actor', 'place', 'text', 'type'],
    '/quotes': ['actor', 'speaker', 'article', 'q', 'limit'],
    '/commitments': ['actor', 'status'],
    '/dyads/KEN/TZA': ['by', 'actor', 'text', 'place'],
  };
  const PATHS = ['/articles/', '/events/', '/actors/', '/dyads/KEN/', '/dyads/'];

  /** encodeURIComponent, and the invalid UTF-8 of a lone surrogate (which it refuses) as raw bytes */
  const enc = (v: string) => {
    try {
      return encodeURIComponent(v);
    } catch {
      return '%ED%A0%80';
    }
  };

  test('every filter answers a hostile value with a normal result or a 400, never a 500', async () => {
    const before = await getJson(`${s.url}/health`);
    const baseline = (await getJson(`${s.url}/events?limit=500`)).body.items.length;
    let requests = 0;
    for (const [path, names] of Object.entries(PARAMS)) {
      for (const name of names) {
        for (const v of HOSTILE) {
          const url = `${s.url}${path}?${name}=${enc(v)}`;
          const r = await getJson(url).catch((e: Error) => {
            throw new Error(`${path}?${name}=${JSON.stringify(v.slice(0, 40))} (${v.length} chars): ${e.message} ${String((e as { cause?: unknown }).cause ?? '')}`);
          });
          requests++;
          assert.ok(r.status === 200 || r.status === 400 || r.status === 431, `${path}?${name}=${JSON.stringify(v.slice(0, 40))} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
          if (r.status === 200 && path !== '/events/export') {
            assert.match(r.headers.get('content-type')!, /^application\/json/);
            // a filter narrows: no hostile value makes a query answer more than everything
            if (path === '/events' && name !== 'limit' && name !== 'offset') assert.ok(r.body.items.length <= baseline, `${name}=${v.slice(0, 40)}`);
          } else if (r.status === 400) noLeak(r.body);
        }
      }
    }
    for (const prefix of PATHS)
      for (const v of HOSTILE) {
        const r = await getJson(`${s.url}${prefix}${enc(v)}${prefix === '/dyads/' ? '/TZA' : ''}`);
        requests++;
        assert.ok([200, 400, 404, 431].includes(r.status), `${prefix}${JSON.stringify(v.slice(0, 40))} → ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`);
      }
    assert.ok(requests > 2000, `${requests} requests`);
    assert.deepEqual(errors.map(String), [], 'no server error was logged');
    // the store is intact and answers as before
    const now = await getJson(`${s.url}/health`);
    assert.deepEqual(now.body, before.body);
    assert.equal((await getJson(`${s.url}/events?limit=500`)).body.items.length, baseline);
    assert.equal((await s.store.query({})).length, baseline);
    assert.equal(await s.store.countArticles(), 10);
  });

  test('LIKE wildcards in the server\'s searches match themselves, not everything', async () => {
    const all = (await getJson(`${s.url}/quotes?limit=500`)).body.items.length;
    assert.ok(all >= 5);
    for (const p of ['speaker', 'q']) {
      for (const v of ['%', '_', '%%', '\\', '\\%']) {
        const r = await getJson(`${s.url}/quotes?${p}=${encodeURIComponent(v)}&limit=500`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.body.items, [], `${p}=${v} matched ${r.body.items.length} quotes`);
      }
    }
    assert.ok((await getJson(`${s.url}/quotes?speaker=mush&limit=500`)).body.items.length >= 1, 'an ordinary search still finds');
  });

  test('wildcards in the store\'s event filters (place, actor name) match nothing, not everything', async () => {
    for (const p of ['place', 'actor'])
      for (const v of ['%', '_', '%%', '%_%']) {
        const r = await getJson(`${s.url}/events?${p}=${encodeURIComponent(v)}&limit=500`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.body.items, [], `${p}=${v} matched ${r.body.items.length} events`);
      }
    assert.ok((await getJson(`${s.url}/events?place=arusha&limit=500`)).body.items.length >= 1, 'an ordinary place still finds');
  });
});

// ─── SQL audit ───────────────────────────────────────────────────────────────────────────────────

interface Interp {
  expr: string;
  line: number;
  sql: string;
}

/** Template literals in a TypeScript source, with their `${...}` expressions (nested ones too). */
function templates(src: string): Array<{ line: number; parts: string[]; exprs: string[] }> {
  const out: Array<{ line: number; parts: string[]; exprs: string[] }> = [];
  const lineAt = (i: number) => src.slice(0, i).split('\n').length;
  // returns the index after the closing backtick
  const readTemplate = (start: number): number => {
    const parts: string[] = [];
    const exprs: string[] = [];
    let cur = '';
    let i = start + 1;
    while (i < src.length) {
      const c = src[i];
      if (c === '\\') {
        cur += src.slice(i, i + 2);
        i += 2;
      } else if (c === '`') {
        parts.push(cur);
        out.push({ line: lineAt(start), parts, exprs });
        return i + 1;
      } else if (c === '$' && src[i + 1] === '{') {
        parts.push(cur);
        cur = '';
        const end = readCode(i + 2, '}');
        exprs.push(src.slice(i + 2, end).trim());
        i = end + 1;
      } else {
        cur += c;
        i++;
      }
    }
    throw new Error(`unterminated template at line ${lineAt(start)}`);
  };
  // code until the matching closer; skips strings, comments and nested templates
  const readCode = (start: number, closer: string | null): number => {
    let depth = 0;
    let i = start;
    while (i < src.length) {
      const c = src[i];
      if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) === -1 ? src.length : src.indexOf('\n', i);
      else if (c === '/' && src[i + 1] === '*') i = src.indexOf('*/', i + 2) + 2;
      else if (c === "'" || c === '"') {
        i++;
        while (i < src.length && src[i] !== c) i += src[i] === '\\' ? 2 : 1;
        i++;
      } else if (c === '/' && /[=(,:;!&|?{}\[]\s*$|return\s*$|^\s*$/.test(src.slice(Math.max(0, i - 12), i)) && src[i + 1] !== ' ') {
        // a regular expression literal
        i++;
        let cls = false;
        while (i < src.length && (src[i] !== '/' || cls)) {
          if (src[i] === '\\') i++;
          else if (src[i] === '[') cls = true;
          else if (src[i] === ']') cls = false;
          i++;
        }
        i++;
      } else if (c === '`') i = readTemplate(i);
      else if (c === '{' || c === '(' || c === '[') {
        depth++;
        i++;
      } else if (c === '}' || c === ')' || c === ']') {
        if (depth === 0 && c === closer) return i;
        depth--;
        i++;
      } else i++;
    }
    return i;
  };
  readCode(0, null);
  return out;
}

/** Uppercase SQL in the static text of a template: this literal is (part of) a statement. */
const SQLISH = /\b(SELECT|INSERT|UPDATE|DELETE|WHERE|VALUES|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT|LIKE|ILIKE|MATCH|IN|AND|OR|NOT|IS|NULL|EXISTS|UNION|BETWEEN|LIMIT|OFFSET|ORDER BY|SET|FROM|JOIN|ON CONFLICT)\b|\b[a-z_]+\.[a-z_]+\s*(=|<>|!=|<=|>=|<|>)\s*($|['"?$(])/;

/**
 * What may be interpolated into SQL: placeholders (?, $n) and the functions that make them, fragments
 * of SQL the code builds from literals (joined lists, conditionals between literals), and constants.
 * Anything else is reported, so a new `${...}` in a statement needs a look (and, if safe, a line here).
 */
const SAFE: RegExp[] = [
  /^\w+\.join\('[^']*'\)$/, // fragments: w.join(' AND '), ors.join(' OR '), values.join(', ')
  /^[\w.!]+(\.length)? \? '[^'`]*'( \+ \w+\.join\('[^']*'\))? : '[^'`]*'$/, // cond ? 'SQL' : ''
  /^[\w.]+\.map\(\(\) => '[?, ()]+'\)\.join\('[, ]+'\)$/, // ?, ?, ? lists
  /^Array\.from\(\{ length: \w+ \}, \(\) => '[?, ()]+'\)\.join\('[, ]+'\)$/,
  /^(p|param)\(.*\)$/s, // a bound parameter: p(v) pushes v and returns $n
  /^params\.push\(.*\)$/s, // `$${params.push(v)}`
  /^(params\.length|at) \+ \d+$/, // $n of a parameter pushed just after
  /^\w+\.map\(\(\w+\) => `\$\$\{params\.push\(.*\)\}`\)\.join\('[, ]+'\)$/s, // ($1, $2, ...) of one row
  /^ftsToTsquery\(f\.text, p\)$/, // builds only from p(...) placeholders (tsquery.ts, audited too)
  /^[A-Z][A-Z_0-9]*$/, // module constants: C, FTS_CHARS, BANDS
  /^PostgresStore\.[A-Z_]+$/, // static SQL fragments
  // parameters whose callers pass literals, the schema name (checked against SCHEMA_NAME) and a lock id (a hash)
  /^(conflict|table|isolation|prelude|this\.schema|this\.writeLock)$/,
  /^epilogue\(out\)$/,
  /^\w+\('[^'`]*'\)$/, // a helper applied to a constant: col('e.type')
  /^cols\.map\(\(x\) => \(x === 'end' \? '"end"' : x\)\)\.join\(', '\)$/, // column names from the code
  /^\[\.\.\.cols\.filter\(.*\]\.join\(', '\)$/s, // SET col = EXCLUDED.col for the code's column names
  /^key\.join\(', '\)$/,
  /^x === 'end' \? '"end"' : x$/,
  /^row\.map\(.*params\.push.*\)\.join\(', '\)$/s,
];

/** The source with the insides of its string and template literals blanked (SQL text is not code). */
function codeOnly(src: string): string {
  const out = src.split('');
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  const template = (): void => {
    const open = i++;
    let depth = 0;
    while (i < src.length) {
      if (src[i] === '\\') i += 2;
      else if (depth === 0 && src[i] === '`') break;
      else if (src[i] === '$' && src[i + 1] === '{') {
        depth++;
        i += 2;
      } else if (depth > 0 && src[i] === '}') {
        depth--;
        i++;
      } else if (depth > 0 && src[i] === '`') {
        template();
      } else i++;
    }
    blank(open + 1, i);
    i++;
  };
  while (i < src.length) {
    const c = src[i];
    if (c === '/' && src[i + 1] === '/') i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    else if (c === '/' && src[i + 1] === '*') i = src.indexOf('*/', i + 2) + 2;
    else if (c === "'" || c === '"') {
      const open = i++;
      while (i < src.length && src[i] !== c && src[i] !== '\n') i += src[i] === '\\' ? 2 : 1;
      blank(open + 1, i);
      i++;
    } else if (c === '`') template();
    else i++;
  }
  return out.join('');
}

/** The right-hand side of an assignment is a literal, a template (audited in its turn) or a ternary of literals. */
const LITERAL_RHS = /^(['"`]|\d|[\w.!]+(\.length)? \? '[^']*'( \+ \w+\.join\('[^']*'\))? : '[^']*')/;
const TYPE_RHS = /^(string|number|boolean|unknown|Array<|Record<|Map<|Set<|\w+\[\]|\{ \w+:)/;
const FUNCTION_RHS = /^(async\s*)?\([^)]*\)\s*(:\s*[^=]+)?=>|^function\b/;

/**
 * A name (`sql`, `rank`, `p.table`) that the file only ever sets to literals or templates: a variable
 * (`let from = '...'`, `from = \`...\``), or a property (`table: '...'`) for `p.table` and for variables
 * destructured from an object (`const { sql } = this.where(f)`). Functions and types of that name are
 * not values; a name set from anything else, or never set, is not safe.
 */
function onlyLiterals(src: string, expr: string): boolean {
  const m = /^(\w+\.)?(\w+)$/.exec(expr);
  if (!m) return false;
  const code = codeOnly(src);
  const name = m[2];
  const patterns: RegExp[] = [];
  if (!m[1]) {
    patterns.push(new RegExp(`(?<![\\w$.])${name}\\s*(?::\\s*[\\w<>\\[\\] |]+)?=(?![=>])\\s*`, 'g'));
    if (new RegExp(`\\{[^}]*(?<![\\w$.:])${name}\\b[^}]*\\}\\s*=[^=>]`).test(code)) patterns.push(new RegExp(`(?<![\\w$.])${name}\\??\\s*:(?!:)\\s*`, 'g'));
  } else patterns.push(new RegExp(`(?<![\\w$.])${name}\\??\\s*:(?!:)\\s*`, 'g'), new RegExp(`\\.${name}\\s*=(?![=>])\\s*`, 'g'));
  let literal = 0;
  for (const re of patterns)
    for (const a of code.matchAll(re)) {
      const at = a.index + a[0].length;
      const rhs = src.slice(at, at + 120);
      if (LITERAL_RHS.test(rhs)) literal++;
      else if (TYPE_RHS.test(rhs) || FUNCTION_RHS.test(rhs)) continue;
      else return false;
    }
  return literal > 0;
}

/** Splits `cond ? a : b` at its top level (literals blanked, brackets counted); null if it is not one. */
function ternary(e: string): [string, string, string] | null {
  const code = codeOnly(e);
  let depth = 0;
  let q = -1;
  let nested = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0 && c === '?' && code[i + 1] !== '.' && code[i + 1] !== '?') {
      if (q < 0) q = i;
      else nested++;
    } else if (depth === 0 && c === ':' && q >= 0) {
      if (nested) nested--;
      else return [e.slice(0, q).trim(), e.slice(q + 1, i).trim(), e.slice(i + 1).trim()];
    }
  }
  return null;
}

/** Safe to interpolate into SQL: see SAFE, names set only to literals, and choices between safe things. */
function safe(src: string, e: string): boolean {
  if (SAFE.some((re) => re.test(e)) || onlyLiterals(src, e)) return true;
  if (/^'[^'\\]*'$/.test(e)) return true; // a literal
  if (/^`[\s\S]*`$/.test(e)) return templates(e).every((t) => t.exprs.every((x) => safe(src, x))); // a template: its own parts
  const t = ternary(e);
  return t !== null && safe(src, t[1]) && safe(src, t[2]);
}

function audit(src: string): Interp[] {
  const bad: Interp[] = [];
  for (const t of templates(src)) {
    const text = t.parts.join(' ');
    if (!SQLISH.test(text) && !t.exprs.some((e) => /params\.push|^p\(/.test(e))) continue;
    // messages: a template thrown or written as an error is not SQL
    if (/^\s*(no stored|not a|cannot|unknown|store schema|schema name|fts5|the |a |an )/i.test(t.parts[0])) continue;
    for (const e of t.exprs) if (!safe(src, e)) bad.push({ expr: e, line: t.line, sql: text.replace(/\s+/g, ' ').slice(0, 120) });
  }
  // string concatenation: 'SQL ' + value
  const lines = src.split('\n');
  lines.forEach((l, i) => {
    for (const m of l.matchAll(/'([^'\n]*)'\s*\+\s*([\w.]+(?:\([^)]*\))?)/g))
      if (SQLISH.test(m[1]) && !/^\w+\.join\('[^']*'\)$/.test(m[2].trim())) bad.push({ expr: m[2], line: i + 1, sql: m[1] });
  });
  return bad;
}

describe('SQL audit', () => {
  const files = [...readdirSync(join(SRC, 'adapters/store')).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, 'adapters/store', f)), join(SRC, 'adapters/server/reads.ts')];

  test('the audit flags interpolated request values and passes parameterised SQL', () => {
    const bad = [
      'db.prepare(`SELECT * FROM events WHERE id = \'${id}\'`).get();',
      'db.prepare(`SELECT * FROM events WHERE type = ${f.type[0]}`).all();',
      'this.q(`SELECT * FROM articles WHERE title ILIKE \'%${s.q}%\'`);',
      'const sql = `SELECT * FROM quotes q WHERE ${w.join(" AND ")} AND speaker = \'${speaker}\'`;',
      'db.exec(`DROP TABLE ${name}`);',
      "if (s.source) w.push(`a.source = '${s.source}'`);",
      'w.push(`q.speaker_code = ${code}`);',
      "let from = 'events e'; from = req.query.from; db.prepare(`SELECT * FROM ${from}`);",
      "const t = 'events'; db.prepare(`SELECT * FROM ${x ? `(${req.sub})` : t}`);",
      'function f(order: string) { return db.prepare(`SELECT * FROM e ORDER BY ${order}`); }',
      'db.prepare(\'SELECT * FROM events WHERE id = \' + id);',
      'db.prepare(`SELECT * FROM x ${cond ? `WHERE y = ${y}` : \'\'}`);',
    ];
    for (const b of bad) assert.ok(audit(b).length >= 1, `not flagged: ${b}`);
    const good = [
      "db.prepare(`SELECT * FROM events WHERE id = ?`).get(id);",
      "const cols = `a.id, a.title`; this.prep(`SELECT ${cols} FROM articles a ${w.length ? 'WHERE ' + w.join(' AND ') : ''} LIMIT ? OFFSET ?`).all(...p);",
      "db.prepare(`SELECT * FROM e WHERE x IN (${f.country.map(() => '?').join(', ')})`);",
      "this.q(`SELECT * FROM e WHERE code = ${p(a)} AND x = $${params.length + 1}`, params);",
      "throw new Error(`no stored article \"${result.article.id}\"`);",
      'const greeting = `hello ${name}`;',
      "let from = 'events e'; if (x) from = `event_parts x JOIN events e`; db.prepare(`SELECT * FROM ${from} LIMIT ?`);",
      "const d = { subquery: 'SELECT ev FROM x', table: 'e' }; db.prepare(`SELECT * FROM ${'subquery' in d ? `(${d.subquery})` : d.table} x`);",
      "const ps = [{ table: 'event_words', cond: 'x.word = ?' }]; for (const p of ps) w.push(`EXISTS (SELECT 1 FROM ${p.table} x WHERE ${p.cond})`);",
    ];
    for (const g of good) assert.deepEqual(audit(g), [], `flagged: ${g}`);
  });

  test('no SQL in the store or the server interpolates anything but placeholders, fragments and constants', () => {
    let statements = 0;
    const found: string[] = [];
    for (const f of files) {
      const src = readFileSync(f, 'utf8');
      statements += templates(src).filter((t) => SQLISH.test(t.parts.join(' '))).length;
      for (const b of audit(src)) found.push(`${f.slice(resolve(SRC, '..').length + 1)}:${b.line}: \${${b.expr}} in \`${b.sql}\``);
    }
    assert.ok(files.length >= 5 && statements >= 30, `${files.length} files, ${statements} SQL templates: is the audit reading the sources?`);
    assert.deepEqual(found, [], `SQL built from values that are not parameters:\n${found.join('\n')}`);
  });
});
