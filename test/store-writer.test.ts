/** SqliteWriterThread: a store's writes on a thread of their own, seen by the reading connection. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { SqliteStore } from '../src/adapters/store/sqlite.js';
import { SqliteWriterThread } from '../src/adapters/store/sqlite-writer.js';
import type { ArticleResult } from '../src/core/types.js';
import { CORPUS } from './helpers/corpus.js';

test('writes and links on the writer thread are seen by the reading connection; errors come back, the thread goes on', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'parley-writer-')), 's.db');
  const reader = new SqliteStore(path);
  const writer = new SqliteWriterThread(path);
  const outcomes = await Promise.all(CORPUS.map((r) => writer.putArticle(r, { source: r.article.url })));
  assert.deepEqual(outcomes.map((o) => o.status), ['new', 'new', 'new', 'new', 'new']);
  assert.equal((await writer.putArticle(CORPUS[0])).status, 'duplicate');
  const linked = await writer.link();
  assert.ok(linked.events > 0);
  assert.equal((await reader.query()).length, linked.events);
  assert.equal((await reader.stats()).articles, 5);
  // a write that fails is that call's error, not the thread's end
  await assert.rejects(writer.putArticle({ article: { id: 'broken' } } as unknown as ArticleResult), /./);
  assert.equal((await writer.link()).events, linked.events);
  await writer.close();
  await assert.rejects(writer.link(), /closed/);
  await reader.close();
});
