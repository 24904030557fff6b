/** The corpus commands (issue 6): ingest, reprocess, link, query, dyad, commitments, export. */
import type { Command } from 'commander';
import type { CommandContext } from './common.js';
import { registerExport } from './export.js';
import { registerIngest } from './ingest.js';
import { registerQuery } from './query.js';
import { registerServe } from './serve.js';
import { registerDemo } from './demo.js';
import { registerDistributed } from './distributed.js';

export type { CommandContext } from './common.js';

export function registerCorpusCommands(program: Command, ctx: CommandContext, version: string): void {
  registerIngest(program, ctx);
  registerQuery(program, ctx);
  registerExport(program, ctx, version);
  registerServe(program, ctx);
  registerDemo(program, ctx);
  registerDistributed(program, ctx);
}
