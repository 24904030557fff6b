/** The worker thread of SqliteWriterThread: one SqliteStore connection, calls answered in order. */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteStore } from './sqlite.js';

const { path, opts } = workerData as { path: string; opts: { nearDuplicate?: number } };
const store = new SqliteStore(path, opts);
// a writer reads little back: a small page cache (the reading connection keeps the large one)
store.db.pragma('cache_size = -8192');
let queue: Promise<unknown> = Promise.resolve();

parentPort!.on('message', (m: { id: number; method: 'putArticle' | 'link' | 'close'; args: never[] }) => {
  queue = queue.then(async () => {
    if (m.method === 'close') {
      await store.close();
      process.exit(0);
    }
    try {
      const value = await (store[m.method] as (...a: never[]) => Promise<unknown>)(...m.args);
      parentPort!.postMessage({ id: m.id, value });
    } catch (e) {
      parentPort!.postMessage({ id: m.id, error: (e as Error).message });
    }
  });
});
