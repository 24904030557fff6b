/** A worker thread: one engine, batches of articles in, results out. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Article } from '../../core/types.js';
import { makeExtractor, type ExtractConfig } from './extract.js';

const extract = makeExtractor(workerData as ExtractConfig);

parentPort!.on('message', (msg: { job: number; articles: Article[] }) => {
  const out = extract(msg.articles);
  const transfer = out.flatMap((x) => (x.ok ? [x.minhash.buffer, ...(x.packed ? [x.packed.buffer] : [])] : []));
  parentPort!.postMessage({ job: msg.job, out }, transfer as ArrayBuffer[]);
});
