/**
 * A worker thread: one engine, batches of articles in, results out. It shows the pool which article
 * it is on through a small shared array (see pool.ts: CTL_*), so that the pool can time each article
 * and, when the thread is stopped or dies, knows which article it was.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../../core/types.js';
import { makeExtractor, type ExtractConfig } from './extract.js';

const CTL_SEQ = 0;
const CTL_JOB = 1;
const CTL_ARTICLE = 2;

const { config, ctl } = workerData as { config: ExtractConfig & { pack?: boolean }; ctl: SharedArrayBuffer };
const state = new Int32Array(ctl);
const extract = makeExtractor(config);

parentPort!.on('message', (msg: { job: number; articles: Article[] }) => {
  const out = extract(msg.articles, (k) => {
    Atomics.store(state, CTL_JOB, msg.job);
    Atomics.store(state, CTL_ARTICLE, k);
    Atomics.add(state, CTL_SEQ, 1);
  });
  Atomics.store(state, CTL_ARTICLE, -1);
  Atomics.add(state, CTL_SEQ, 1);
  const transfer = out.flatMap((x) => (x.ok ? [x.minhash.buffer, ...(x.packed ? [x.packed.buffer] : [])] : []));
  parentPort!.postMessage({ job: msg.job, out }, transfer as ArrayBuffer[]);
});
