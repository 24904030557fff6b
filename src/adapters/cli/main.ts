/**
 * The `parley` command: a thin layer over the library. It parses arguments, reads inputs, calls the
 * engine and sets the exit code: 0 when everything was processed, 1 when some input failed (the rest
 * is still processed), 2 for a usage error.
 */
import { writeFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { loadEngine } from '../engine.js';
import { KbError, loadKnowledgeBase, readKbFile } from '../../knowledge/load.js';
import { importTabari } from '../../knowledge/tabari.js';
import { readFileSync } from 'node:fs';
import { readInputs } from './inputs.js';
import { DEFAULT_MAX_ARTICLE_BYTES, formatBytes } from '../../readers/index.js';
import { pretty } from './pretty.js';
import { registerCorpusCommands } from './commands/index.js';
import { articleSizeLimit, checkDay, UsageError } from './commands/common.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  isTTY: boolean;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTTY: Boolean(process.stdout.isTTY),
};

const collect = (v: string, prev: string[]) => [...prev, v];

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  let code = 0;
  const program = new Command('parley')
    .description('Evidence-linked event data from international-relations news.')
    .version(VERSION)
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    .exitOverride();

  program
    .command('extract')
    .description('extract actors, events, quotes, commitments and times from articles; prints parley.article/1')
    .argument('[inputs...]', 'files (.txt, seed form, .json, .jsonl, .html), directories, or - for stdin', ['-'])
    .addOption(new Option('-f, --format <format>', 'output format (default: jsonl when piped, pretty on a terminal)').choices(['jsonl', 'pretty']))
    .option('-d, --date <YYYY-MM-DD>', 'publication date for inputs that carry none (plain text)')
    .option('--kb <file>', 'a knowledge-base file merged over the shipped one (repeatable)', collect, [])
    .option('--lexicon <file>', 'an event-lexicon file merged over data/lexicon/events.json (repeatable; same id replaces an entry)', collect, [])
    .option('--disable <stages>', 'comma-separated stage names to switch off', '')
    .option('--max-article-size <size>', 'skip (and report) an article larger than this: UTF-8 bytes of its text and title, e.g. 500KB, 2MB (K = 1024); 0 for no limit', formatBytes(DEFAULT_MAX_ARTICLE_BYTES).replace(' ', ''))
    .action((inputs: string[], opts: { format?: string; date?: string; kb: string[]; lexicon: string[]; disable: string; maxArticleSize: string }) => {
      checkDay(opts.date);
      const maxArticleBytes = articleSizeLimit(opts.maxArticleSize);
      let engine;
      try {
        engine = loadEngine({ kb: opts.kb, lexicon: opts.lexicon, disable: opts.disable ? opts.disable.split(',').map((s) => s.trim()).filter(Boolean) : [] });
      } catch (e) {
        if (e instanceof KbError) throw e;
        throw new UsageError((e as Error).message); // a bad lexicon file or stage name
      }
      const format = opts.format ?? (io.isTTY ? 'pretty' : 'jsonl');
      let ok = 0;
      let failed = 0;
      for (const batch of readInputs(inputs, opts.date ?? null, maxArticleBytes)) {
        for (const p of batch.problems) {
          io.err(`parley: ${p.where}: ${p.reason}${p.reason.startsWith('article too large') ? ' (--max-article-size)' : ''}\n`);
          failed++;
        }
        for (const article of batch.articles) {
          try {
            const r = engine.extract(article);
            io.out(format === 'pretty' ? pretty(r) + '\n\n' : JSON.stringify(r) + '\n');
            ok++;
          } catch (e) {
            io.err(`parley: ${batch.name}: article ${article.id}: extraction failed: ${(e as Error).message}\n`);
            failed++;
          }
        }
      }
      if (failed) {
        io.err(`parley: ${ok} article${ok === 1 ? '' : 's'} extracted, ${failed} input${failed === 1 ? '' : 's'} failed\n`);
        code = 1;
      }
    });

  const kb = program.command('kb').description('knowledge-base tools');
  kb.command('import-tabari')
    .description('convert a TABARI/PETRARCH actor dictionary (date-ranged codes) into a parley KB file for --kb')
    .argument('<file>', 'a TABARI .actors.txt file')
    .option('-o, --output <file>', 'write the KB JSON here instead of stdout')
    .action((file: string, opts: { output?: string }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (e) {
        throw new UsageError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
      const { fragment, stats } = importTabari(text);
      const json = JSON.stringify({ schema: 'parley.kb/1', source: file, ...fragment }, null, 1) + '\n';
      if (opts.output) writeFileSync(opts.output, json);
      else io.out(json);
      io.err(`parley: imported ${stats.persons} persons (${stats.offices} dated offices) and names for ${stats.states} states; ${stats.skippedLines} entries skipped\n`);
    });
  kb.command('check')
    .description('validate knowledge-base files and print what the merged KB holds')
    .argument('[files...]', 'KB files to check on top of the shipped KB', [])
    .action((files: string[]) => {
      for (const f of files) readKbFile(f);
      const merged = loadKnowledgeBase(files);
      io.out(`states ${merged.states.length}, organizations ${merged.organizations.length}, titles ${merged.titles.length}, persons ${merged.persons.length}\n`);
    });

  registerCorpusCommands(program, { out: io.out, err: io.err, isTTY: io.isTTY, errIsTTY: Boolean(process.stderr.isTTY), setCode: (c) => void (code = Math.max(code, c)) }, VERSION);

  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError || e instanceof KbError) {
      io.err(`parley: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  return code;
}

