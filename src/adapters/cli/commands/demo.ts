/**
 * `parley demo`: the one-command way to see parley. It extracts the example articles in
 * examples/demo (written for parley, invented events and people: a fishing dispute on Lake Victoria
 * between Kenya and Tanzania, January to May 2025, with Uganda and Japan) into a store, links them,
 * and serves the dashboard.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { ingest } from '../../ingest/run.js';
import { openStore } from '../../store/index.js';
import { action, num, UsageError, type CommandContext } from './common.js';
import { checkPort, hostOption, serveStore, type ServeOptions } from './serve.js';

export const DEMO_DIR = fileURLToPath(new URL('../../../../../examples/demo/', import.meta.url));

/** Builds (or reuses) the demo store at `db`; returns what it holds. */
export async function buildDemoStore(db: string, fresh = true): Promise<{ articles: number; events: number; kept: number; reused: boolean }> {
  if (!existsSync(DEMO_DIR)) throw new UsageError(`the demo articles are missing (${DEMO_DIR})`);
  if (fresh) for (const f of [db, `${db}-wal`, `${db}-shm`]) rmSync(f, { force: true });
  const reused = existsSync(db);
  const store = openStore(db);
  try {
    const s = await ingest({ store, inputs: [DEMO_DIR], workers: 0 });
    const link = s.link ?? (await store.link());
    const st = await store.stats();
    return { articles: st.articles, events: link.events, kept: link.commitments.kept, reused: reused && s.new === 0 };
  } finally {
    await store.close();
  }
}

export function registerDemo(program: Command, ctx: CommandContext): void {
  const cmd = program
    .command('demo')
    .description('build a store from the example articles in examples/demo and serve the dashboard over it')
    .option('--db <path>', 'keep the demo store in this file (default: a temporary file, removed on exit)')
    .option('--keep', 'with --db: reuse the store if it exists instead of rebuilding it');
  hostOption(cmd).action(
    action(ctx, async (o: ServeOptions & { db?: string; keep?: boolean }) => {
      checkPort(o.port);
      const tmp = o.db ? null : mkdtempSync(join(tmpdir(), 'parley-demo-'));
      const db = o.db ?? join(tmp!, 'demo.db');
      try {
        ctx.err(`parley: building the demo store from ${DEMO_DIR} …\n`);
        const s = await buildDemoStore(db, !o.keep);
        ctx.err(`parley: ${num(s.articles)} articles, ${num(s.events)} linked events, ${num(s.kept)} kept commitment${s.kept === 1 ? '' : 's'} in ${o.db ?? 'a temporary store'}\n`);
        const store = openStore(db);
        try {
          await serveStore(ctx, store, {
            ...o,
            name: db,
            anyPortIfBusy: cmd.getOptionValueSource('port') === 'default',
            banner: (url) =>
              [
                `parley demo: open ${url}`,
                `  the reader     ${url}#/article/glw-2025-0205-arusha`,
                `  a dyad         ${url}#/dyad?a=KEN&b=TZA`,
                `  commitments    ${url}#/commitments`,
                `  the API        ${url}openapi.json`,
                'Ctrl-C to stop',
                '',
              ].join('\n'),
          });
        } finally {
          await store.close();
        }
      } finally {
        if (tmp) rmSync(tmp, { recursive: true, force: true });
      }
    }),
  );
}
