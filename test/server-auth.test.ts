/** Write protection of the service: a token for writes, and no listening beyond localhost without one. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { openStore } from '../src/adapters/store/index.js';
import { getJson, startServer, type TestServer } from './helpers/server.js';

const TOKEN = 'a-test-token-of-32-characters-xx';
const BIN = fileURLToPath(new URL('../../bin/parley.js', import.meta.url));
let s: TestServer;
before(async () => {
  s = await startServer({ token: TOKEN });
});
after(async () => s.close());

const post = (headers: Record<string, string> = {}) =>
  getJson(`${s.url}/articles`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ text: 'Foreign Minister Ana Kurtz met Chilean Defense Minister Tomas Ibarra in Lima on Monday.', date: '2024-05-06' }) });

test('with a token, a write without it or with a wrong one is refused with 401 and a JSON message', async () => {
  const none = await post();
  assert.equal(none.status, 401);
  assert.match(none.body.message, /token/);
  assert.equal(none.headers.get('www-authenticate'), 'Bearer');
  assert.equal((await post({ authorization: `Bearer ${TOKEN.slice(0, -1)}y` })).status, 401);
  assert.equal((await post({ authorization: TOKEN })).status, 401, 'the Bearer scheme is required');
});

test('with the token the write goes through; reads never need it', async () => {
  const ok = await post({ authorization: `Bearer ${TOKEN}` });
  assert.ok(ok.status >= 200 && ok.status < 300, `status ${ok.status}: ${JSON.stringify(ok.body)}`);
  assert.equal((await getJson(`${s.url}/health`)).status, 200);
  assert.equal((await getJson(`${s.url}/events?limit=1`)).status, 200);
});

test('parley serve refuses an address beyond this machine without a token, and a short token', () => {
  const db = join(mkdtempSync(join(tmpdir(), 'parley-auth-')), 'empty.db');
  const st = openStore(db);
  void st.close();
  const env = { ...process.env, PARLEY_TOKEN: '' };
  const open = spawnSync(process.execPath, [BIN, 'serve', '--db', db, '--host', '0.0.0.0', '--port', '0'], { encoding: 'utf8', env, timeout: 20_000 });
  assert.equal(open.status, 2, open.stderr);
  assert.match(open.stderr, /without a token/);
  const short = spawnSync(process.execPath, [BIN, 'serve', '--db', db, '--host', '0.0.0.0', '--port', '0', '--token', 'short'], { encoding: 'utf8', env, timeout: 20_000 });
  assert.equal(short.status, 2, short.stderr);
  assert.match(short.stderr, /at least 16/);
});
