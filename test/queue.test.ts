/**
 * The work queue against the NATS JetStream server on this machine: publish, consume, redelivery of
 * what a worker took and never acknowledged, dead letters with their reasons, backpressure, status.
 * Each test has a stream and a PostgreSQL schema of its own, deleted at the end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { headers } from 'nats';
import { enqueue } from '../src/adapters/queue/enqueue.js';
import { decodeMessage, encodeMessage, parseQueueUrl, WorkQueue } from '../src/adapters/queue/nats.js';
import { runWorker, transientStoreError, type WorkerEvent } from '../src/adapters/queue/worker.js';
import { PostgresStore } from '../src/adapters/store/postgres.js';
import type { Store } from '../src/adapters/store/types.js';
import { parley } from './helpers/cli.js';
import { makeArticles, writeJsonl } from './helpers/distributed.js';
import { dropSchemas, pgUrl, queueUrl, servicesUp, uniqueName } from './helpers/services.js';

const up = await servicesUp(['pg', 'nats']);
const dir = mkdtempSync(join(tmpdir(), 'parley-queue-'));
const schemas: string[] = [];
const queues: string[] = [];

function fresh(): { queue: string; db: string } {
  const schema = uniqueName('parley_q');
  schemas.push(schema);
  const queue = queueUrl(uniqueName('PQ').toUpperCase());
  queues.push(queue);
  return { queue, db: pgUrl(schema) };
}

after(async () => {
  for (const q of queues) {
    const wq = await WorkQueue.connect(q).catch(() => null);
    await wq?.destroy();
    await wq?.close();
  }
  await dropSchemas(schemas);
});

describe('queue: names and messages', () => {
  test('a queue URL names the stream, the subjects and the buckets', () => {
    const n = parseQueueUrl('nats://u:p@10.0.0.5:4222?stream=NEWS');
    assert.deepEqual(n, { servers: 'nats://10.0.0.5:4222', user: 'u', pass: 'p', stream: 'NEWS', subject: 'news.articles', deadStream: 'NEWS_DEAD', deadSubject: 'news.dead', workersBucket: 'NEWS_WORKERS', consumer: 'workers' });
    assert.equal(parseQueueUrl('nats://127.0.0.1').stream, 'PARLEY');
    assert.throws(() => parseQueueUrl('http://x'), /not a NATS URL/);
    assert.throws(() => parseQueueUrl('nats://x?stream=a.b'), /stream name/);
  });

  test('messages round-trip, and what is not one is refused with a reason', () => {
    const [a] = makeArticles(1);
    assert.deepEqual(decodeMessage(encodeMessage({ article: a, source: 'f.jsonl' })), { article: a, source: 'f.jsonl' });
    assert.throws(() => decodeMessage(new TextEncoder().encode('{"oops":')), /not a parley article message/);
  });

  test('store errors: the store being away is transient, the article being wrong is not', () => {
    assert.equal(transientStoreError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), true);
    assert.equal(transientStoreError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })), true);
    assert.equal(transientStoreError(Object.assign(new Error('value too long'), { code: '22001' })), false);
  });
});

describe('queue: publish, consume, redeliver, dead-letter', { skip: !up && 'PostgreSQL or NATS not running', concurrency: false }, () => {
  test('enqueue → worker: every article stored once and linked; a second enqueue publishes nothing new', async () => {
    const { queue, db } = fresh();
    const file = writeJsonl(join(dir, 'a.jsonl'), [...makeArticles(40), ...makeArticles(3)]); // 3 repeated ids
    const e = await enqueue({ queue, inputs: [file] });
    assert.equal(e.articles, 43);
    assert.equal(e.published, 40);
    assert.equal(e.duplicate, 3);
    const store = new PostgresStore(db);
    try {
      const s = await runWorker({ queue, store, exitWhenIdle: true, batch: 8 });
      assert.equal(s.processed, 40);
      assert.equal(s.new + s.nearDuplicate, 40);
      assert.equal(s.deadLettered, 0);
      assert.equal(await store.countArticles(), 40);
      const st = await store.linkState();
      assert.equal(st.linkedVersion, st.version, 'linked after the last write');
      assert.ok((await store.stats()).events > 0);
      // published again: the server drops repeats of an id within two minutes; the store skips stored ones
      const again = await enqueue({ queue, inputs: [file], store });
      assert.equal(again.published, 0);
      assert.equal(again.duplicate, 43);
      const q = await WorkQueue.connect(queue);
      const status = await q.status();
      await q.close();
      assert.equal(status.published, 40);
      assert.equal(status.waiting + status.inFlight + status.queued, 0);
      assert.equal(status.dead, 0);
    } finally {
      await store.close();
    }
  });

  test('messages a worker took and never acknowledged are delivered again and stored once', async () => {
    const { queue, db } = fresh();
    await enqueue({ queue, inputs: [writeJsonl(join(dir, 'b.jsonl'), makeArticles(12, 'redo'))] });
    const q = await WorkQueue.connect(queue);
    await q.ensure({ ackWait: 2 }, true);
    // a "worker" takes five messages and dies without acknowledging them
    const taken = await q.fetch(await q.consumer(), 5, 1000);
    assert.equal(taken.length, 5);
    const store = new PostgresStore(db);
    try {
      // and a worker that did write two of them before dying: their redelivery must not store them twice
      const { loadEngine } = await import('../src/adapters/engine.js');
      const engine = loadEngine();
      await store.putArticles(taken.slice(0, 2).map((m) => ({ result: engine.extract(decodeMessage(m.data).article) })));
      const s = await runWorker({ queue, store, exitWhenIdle: true, limits: { ackWait: 2 } });
      // on a machine so loaded that a keep-alive comes later than the 2 s ack wait, a message may come
      // a further time: counted again, never stored again
      assert.ok(s.processed >= 12, `processed ${s.processed}`);
      assert.equal(s.new, 10, 'the ten never written are new');
      assert.ok(s.duplicate >= 2, 'the two already written come back as duplicates');
      assert.equal(await store.countArticles(), 12);
      assert.ok(s.redelivered >= 5, `the five taken came again (${s.redelivered})`);
    } finally {
      await q.close();
      await store.close();
    }
  });

  test('dead letters: unreadable at once; a store error after the last attempt; a message workers keep dying on', async () => {
    const { queue, db } = fresh();
    const arts = makeArticles(6, 'dl');
    await enqueue({ queue, inputs: [writeJsonl(join(dir, 'c.jsonl'), arts)] });
    const q = await WorkQueue.connect(queue);
    await q.ensure({ ackWait: 2, maxAttempts: 2 }, true);
    await q.js.publish(q.names.subject, new TextEncoder().encode('not deflated json'), { headers: headers() });
    const real = new PostgresStore(db);
    // a store that refuses one article, as a store refuses a value it cannot hold
    const picky: Store = Object.create(real) as Store;
    picky.putArticles = async (items) => {
      if (items.some((i) => i.result.article.id === 'dl-3')) throw Object.assign(new Error('value too long for type character varying(10)'), { code: '22001' });
      return real.putArticles(items);
    };
    const events: WorkerEvent[] = [];
    try {
      const s = await runWorker({ queue, store: picky, exitWhenIdle: true, batch: 4, limits: { ackWait: 2, maxAttempts: 2 }, onEvent: (e) => void events.push(e) });
      assert.equal(s.processed, 5);
      assert.equal(s.deadLettered, 2);
      assert.equal(await real.countArticles(), 5, 'the others are stored');
      const dead = await q.recentDeadLetters(10);
      assert.equal(dead.total, 2);
      const byArticle = new Map(dead.recent.map((d) => [d.article, d]));
      assert.match(byArticle.get('dl-3')!.reason, /store write failed: value too long/);
      assert.equal(byArticle.get('dl-3')!.deliveries, 2);
      assert.match(byArticle.get(null)!.reason, /not a parley article message/);
      assert.ok(events.some((e) => e.kind === 'retry' && e.article === 'dl-3'), 'retried before giving up');

      // a message that was delivered more often than the attempts allow, never acknowledged
      await enqueue({ queue, inputs: [writeJsonl(join(dir, 'd.jsonl'), makeArticles(1, 'crash'))] });
      const c = await q.consumer();
      for (let i = 0; i < 2; i++) {
        const [m] = await q.fetch(c, 1, 3000);
        assert.ok(m, `delivery ${i + 1}`);
        await new Promise((r) => setTimeout(r, 2200)); // the "worker" dies: no ack, ack_wait passes
      }
      const s2 = await runWorker({ queue, store: real, exitWhenIdle: true, limits: { ackWait: 2, maxAttempts: 2 } });
      assert.equal(s2.deadLettered, 1);
      assert.equal(s2.processed, 0);
      const d2 = await q.recentDeadLetters(1);
      assert.equal(d2.recent[0].article, null);
      assert.match(d2.recent[0].reason, /delivered 3 times and never acknowledged/);
      // the status command reports them
      const r = await parley(['status', '--queue', queue, '--db', db, '-f', 'json']);
      assert.equal(r.code, 0, r.err);
      const st = JSON.parse(r.out) as { queue: { dead: number; recentDead: Array<{ reason: string }> }; store: { stats: { articles: number } } };
      assert.equal(st.queue.dead, 3);
      assert.equal(st.store.stats.articles, 5);
    } finally {
      await q.close();
      await real.close();
    }
  });

  test('a store that is away for a moment: the write waits and is retried; nothing is retried or dead-lettered', async () => {
    const { queue, db } = fresh();
    await enqueue({ queue, inputs: [writeJsonl(join(dir, 'g.jsonl'), makeArticles(8, 'away'))] });
    const real = new PostgresStore(db);
    const flaky: Store = Object.create(real) as Store;
    let refused = 0;
    flaky.putArticles = async (items) => {
      if (refused < 2) {
        refused++;
        throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
      }
      return real.putArticles(items);
    };
    const events: WorkerEvent[] = [];
    try {
      const s = await runWorker({ queue, store: flaky, exitWhenIdle: true, onEvent: (e) => void events.push(e) });
      assert.equal(s.processed, 8);
      assert.equal(s.retried + s.deadLettered, 0);
      assert.equal(events.filter((e) => e.kind === 'store-wait').length, 2);
      assert.equal(await real.countArticles(), 8);
    } finally {
      await real.close();
    }
  });

  test('backpressure: a full queue makes the publisher wait until workers make room', async () => {
    const { queue, db } = fresh();
    const file = writeJsonl(join(dir, 'e.jsonl'), makeArticles(30, 'bp'));
    const store = new PostgresStore(db);
    try {
      const publishing = enqueue({ queue, inputs: [file], limits: { maxMessages: 5 }, maxInFlight: 4 });
      // give the publisher time to fill the queue and wait, then start a worker
      await new Promise((r) => setTimeout(r, 1500));
      const q = await WorkQueue.connect(queue);
      const held = (await q.status()).queued;
      await q.close();
      assert.ok(held <= 5, `the queue holds at most its limit (${held})`);
      // a worker that finds the queue drained while the publisher is between retries exits: start
      // workers until the publisher is done, then one for what is left
      let published = false;
      const publisher = publishing.finally(() => (published = true));
      let processed = 0;
      while (!published) processed += (await runWorker({ queue, store, exitWhenIdle: true, batch: 4 })).processed;
      const e = await publisher;
      processed += (await runWorker({ queue, store, exitWhenIdle: true })).processed;
      assert.equal(e.published, 30);
      assert.ok(e.waitedMs > 0, 'the publisher waited');
      assert.equal(processed, 30);
      assert.equal(await store.countArticles(), 30);
    } finally {
      await store.close();
    }
  });

  test('status: depth, workers with their counts, and the CLI round trip enqueue → worker', async () => {
    const { queue, db } = fresh();
    const file = writeJsonl(join(dir, 'f.jsonl'), makeArticles(10, 'st'));
    const en = await parley(['enqueue', file, '--queue', queue, '--summary', 'json']);
    assert.equal(en.code, 0, en.err);
    assert.equal(JSON.parse(en.out).published, 10);
    const before = JSON.parse((await parley(['status', '--queue', queue])).out) as { queue: { waiting: number; workers: unknown[] } };
    assert.equal(before.queue.waiting, 10);
    assert.deepEqual(before.queue.workers, []);
    const wk = await parley(['worker', '--queue', queue, '--db', db, '--exit-when-idle', '--name', 'w-test', '--summary', 'json']);
    assert.equal(wk.code, 0, wk.err);
    const sum = JSON.parse(wk.out) as { worker: string; processed: number; links: number };
    assert.equal(sum.worker, 'w-test');
    assert.equal(sum.processed, 10);
    assert.ok(sum.links >= 1);
    const tableOut = await parley(['status', '--queue', queue, '--db', db, '-f', 'table']);
    assert.match(tableOut.out, /0 waiting, 0 in flight/);
    assert.match(tableOut.out, /holds +10 articles/);
    assert.match(tableOut.out, /linked +up to date/);
    const u = new URL(queue);
    u.searchParams.set('stream', 'PARLEY_NO_SUCH_STREAM_TEST');
    const none = await parley(['status', '--queue', u.toString(), '-f', 'table']);
    assert.equal(none.code, 0, none.err);
    assert.match(none.out, /no such stream yet/);
    const bad = await parley(['status', '--queue', 'nats://127.0.0.1:1']);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /cannot connect to NATS/);
  });
});
