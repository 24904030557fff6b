/** `parley export --format jsonl|gdelt|gdelt-mentions|icews|polecat`. */
import { createWriteStream } from 'node:fs';
import { Command, Option } from 'commander';
import { loadKnowledgeBase } from '../../../knowledge/load.js';
import { columnDocs, exportLines, FORMATS, namesFromKb, type ExportFormat } from '../../export/index.js';
import { action, dbOption, openExisting, UsageError, type CommandContext } from './common.js';
import { addFilterOptions, filtersFrom, type FilterOpts } from './query.js';

export function registerExport(program: Command, ctx: CommandContext, version: string): void {
  const cmd = program
    .command('export')
    .description('the store in the layouts other tools read: parley.article/1 JSONL, GDELT 2.0 events and mentions, ICEWS, POLECAT (TSV)')
    .addOption(new Option('-f, --format <format>', 'layout').choices([...FORMATS]).default('jsonl'))
    .addOption(dbOption())
    .option('-o, --output <file>', 'write here instead of stdout')
    .option('--no-header', 'no header line in TSV layouts (as in GDELT\'s own files)')
    .option('--columns', 'print the layout\'s columns and how parley fills them (Markdown), then stop');
  addFilterOptions(cmd).action(
    action(ctx, async (o: FilterOpts & { format: ExportFormat; db: string; output?: string; header: boolean; columns?: boolean }) => {
      if (o.columns) {
        if (o.format === 'jsonl') throw new UsageError('--columns is for the TSV layouts (gdelt, gdelt-mentions, icews, polecat); jsonl is parley.article/1');
        ctx.out(columnDocs(o.format) + '\n');
        return;
      }
      const filters = filtersFrom(o);
      const store = openExisting(o.db);
      const file = o.output ? createWriteStream(o.output) : null;
      try {
        const names = namesFromKb(loadKnowledgeBase(), version);
        let buf = '';
        const write = async (s: string) => {
          if (!file) return ctx.out(s);
          if (!file.write(s)) await new Promise<void>((r) => file.once('drain', () => r()));
        };
        for await (const line of exportLines(store, o.format, filters, names, { header: o.header })) {
          buf += line + '\n';
          if (buf.length > 1 << 16) {
            await write(buf);
            buf = '';
          }
        }
        if (buf) await write(buf);
      } finally {
        await store.close();
        if (file) await new Promise<void>((r) => file.end(() => r()));
      }
    }),
  );
}
