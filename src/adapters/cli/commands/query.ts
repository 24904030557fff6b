/** `parley query`, `parley dyad`, `parley commitments`: reading the linked corpus. */
import { Command, Option } from 'commander';
import type { Modality } from '../../../core/types.js';
import type { Period } from '../../../link/dates.js';
import type { CommitmentRow, DyadRow, EventRow, QueryFilters } from '../../store/types.js';
import { action, checkDate, collect, csv, dbOption, formatOption, openExisting, table, UsageError, type CommandContext, type OutFormat } from './common.js';

const MODALITIES = ['asserted', 'future', 'negated', 'hypothetical'];

export interface FilterOpts {
  actor: string[];
  country: string[];
  dyad?: string;
  directed?: boolean;
  type: string[];
  from?: string;
  to?: string;
  place?: string;
  modality: string[];
  text?: string;
  minSources?: string;
}

/** The filter options shared by query and export. */
export function addFilterOptions(cmd: Command): Command {
  return cmd
    .option('-a, --actor <code|name>', 'a participant: code (CHN, UN) or the words of a name (wang yi); repeatable, any matches', collect, [])
    .option('-c, --country <code>', "the event place's country (ISO alpha-3); repeatable", collect, [])
    .option('--dyad <A-B>', 'both participants, e.g. CHN-KOR (either side; --directed: A acts on B)')
    .option('--directed', 'with --dyad: only events where the first acts and the second receives')
    .option('-t, --type <type>', 'PLOVER type (CONSULT) or CAMEO code prefix (04, 042); repeatable', collect, [])
    .option('--from <date>', 'events on or after this date (YYYY-MM-DD, YYYY-MM or YYYY)')
    .option('--to <date>', 'events on or before this date')
    .option('-p, --place <name>', "words of the place's name (new york)")
    .option('-m, --modality <m>', `${MODALITIES.join(' | ')}; repeatable`, collect, [])
    .option('-s, --text <query>', 'full-text search over the reporting articles (FTS5: words, "phrases", AND, OR, NOT, prefix*)')
    .option('--min-sources <n>', 'only events reported by at least n distinct sources');
}

export function filtersFrom(o: FilterOpts): QueryFilters {
  const f: QueryFilters = {};
  if (o.actor.length) f.actor = o.actor;
  if (o.country.length) f.country = o.country.map((c) => c.toUpperCase());
  if (o.dyad) {
    const parts = o.dyad.split(/[-:,/ ]/).filter(Boolean);
    if (parts.length !== 2) throw new UsageError(`--dyad takes two codes, e.g. CHN-KOR, got "${o.dyad}"`);
    f.dyad = [parts[0].toUpperCase(), parts[1].toUpperCase()];
    f.directed = !!o.directed;
  } else if (o.directed) throw new UsageError('--directed needs --dyad');
  if (o.type.length) f.type = o.type;
  f.from = checkDate(o.from, '--from');
  f.to = checkDate(o.to, '--to');
  if (o.place) f.place = o.place;
  for (const m of o.modality) if (!MODALITIES.includes(m)) throw new UsageError(`--modality must be one of ${MODALITIES.join(', ')}, got "${m}"`);
  if (o.modality.length) f.modality = o.modality as Modality[];
  if (o.text) f.text = o.text;
  if (o.minSources != null) {
    if (!/^\d+$/.test(o.minSources)) throw new UsageError(`--min-sources must be a number, got "${o.minSources}"`);
    f.minSources = Number(o.minSources);
  }
  for (const k of Object.keys(f) as Array<keyof QueryFilters>) if (f[k] === undefined) delete f[k];
  return f;
}

const side = (codes: string[]) => codes.join('+') || '—';
const fmt = (n: number | null, d = 1) => (n == null ? '' : n.toFixed(d));

const EVENT_COLUMNS = ['id', 'date', 'type', 'cameo', 'quad', 'goldstein', 'modality', 'actors', 'recipients', 'place', 'place_code', 'lat', 'lon', 'mentions', 'articles', 'sources', 'tone', 'first_article', 'url', 'evidence'];
const eventCsvRow = (e: EventRow) => [e.id, e.date, e.type, e.cameo, e.quad, e.goldstein, e.modality, e.actors, e.recipients, e.place?.name, e.place?.code, e.place?.lat, e.place?.lon, e.numMentions, e.numArticles, e.numSources, e.tone, e.firstArticle, e.url, e.evidence];

export function eventsTable(rows: EventRow[]): string {
  return table(
    ['date', 'type', 'cameo', 'actors → recipients', 'place', 'mod', 'gold', 'ment', 'src', 'evidence'],
    rows.map((e) => [
      e.date ?? '—',
      e.type,
      e.cameo ?? '',
      `${side(e.actors)} → ${side(e.recipients)}`,
      e.place ? `${e.place.name}${e.place.code ? ` ${e.place.code}` : ''}` : '',
      e.modality === 'asserted' ? '' : e.modality,
      fmt(e.goldstein),
      String(e.numMentions),
      String(e.numSources),
      e.evidence.replace(/\s+/g, ' '),
    ]),
  );
}

function dyadTable(rows: DyadRow[]): string {
  return table(
    ['period', 'events', 'coop', 'conf', 'Goldstein sum', 'mean', 'tone', 'by type'],
    rows.map((r) => [
      r.period,
      String(r.events),
      String(r.cooperative),
      String(r.conflictual),
      fmt(r.goldsteinSum),
      fmt(r.goldsteinMean, 2),
      fmt(r.tone, 2),
      Object.entries(r.byType)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([t, n]) => `${t} ${n}`)
        .join(', '),
    ]),
  );
}

function commitmentsTable(rows: CommitmentRow[]): string {
  return table(
    ['made', 'article', 'parties', 'due', 'status', 'kept by', 'action'],
    rows.map((c) => [c.madeOn ?? '—', `${c.articleId}#${c.commitmentId}`, side(c.parties), c.due ?? '—', c.status + (c.late ? ' (late)' : ''), c.keptBy ? `${c.keptBy.date} ${c.keptBy.articleId}` : '', c.action]),
  );
}

export function registerQuery(program: Command, ctx: CommandContext): void {
  const q = program
    .command('query')
    .description('linked events in the store, filtered; a table on a terminal, JSONL or CSV otherwise')
    .addOption(dbOption())
    .addOption(formatOption())
    .option('-n, --limit <n>', 'at most n events', '')
    .option('--mentions', 'with jsonl: each event with its mentions (article, evidence span, lead)');
  addFilterOptions(q).action(
    action(ctx, async (o: FilterOpts & { db: string; format?: OutFormat; limit: string; mentions?: boolean }) => {
      const f = filtersFrom(o);
      if (o.limit) {
        if (!/^\d+$/.test(o.limit)) throw new UsageError(`--limit must be a number, got "${o.limit}"`);
        f.limit = Number(o.limit);
      }
      const format = o.format ?? (ctx.isTTY ? 'table' : 'jsonl');
      const store = openExisting(o.db);
      try {
        const rows = await store.query(f);
        if (format === 'table') ctx.out(eventsTable(rows) + `${rows.length} event${rows.length === 1 ? '' : 's'}\n`);
        else if (format === 'csv') ctx.out(csv(EVENT_COLUMNS, rows.map(eventCsvRow)));
        else for (const e of rows) ctx.out(JSON.stringify(o.mentions ? { ...e, mentions: await store.mentions(e.id) } : e) + '\n');
      } finally {
        await store.close();
      }
    }),
  );

  program
    .command('dyad')
    .description('the relationship between two actors over time: events by type, Goldstein sum and mean, tone')
    .argument('<a>', 'a participant code, e.g. CHN')
    .argument('<b>', 'another, e.g. KOR')
    .addOption(dbOption())
    .addOption(new Option('--by <period>', 'time step').choices(['day', 'week', 'month', 'quarter', 'year']).default('month'))
    .option('--directed', 'only events where a acts on b')
    .option('--from <date>', 'from this date')
    .option('--to <date>', 'to this date')
    .option('-m, --modality <m>', 'modalities to count (default: asserted); repeatable', collect, [])
    .addOption(formatOption())
    .action(
      action(ctx, async (a: string, b: string, o: { db: string; by: Period; directed?: boolean; from?: string; to?: string; modality: string[]; format?: OutFormat }) => {
        for (const m of o.modality) if (!MODALITIES.includes(m)) throw new UsageError(`--modality must be one of ${MODALITIES.join(', ')}, got "${m}"`);
        const store = openExisting(o.db);
        try {
          const rows = await store.dyad(a.toUpperCase(), b.toUpperCase(), {
            by: o.by,
            directed: !!o.directed,
            from: checkDate(o.from, '--from'),
            to: checkDate(o.to, '--to'),
            modality: o.modality.length ? (o.modality as Modality[]) : undefined,
          });
          const format = o.format ?? (ctx.isTTY ? 'table' : 'jsonl');
          if (format === 'table') ctx.out(`${a.toUpperCase()} ${o.directed ? '→' : '–'} ${b.toUpperCase()} by ${o.by}\n` + dyadTable(rows));
          else if (format === 'csv')
            ctx.out(csv(['period', 'events', 'cooperative', 'conflictual', 'goldstein_sum', 'goldstein_mean', 'tone', 'by_type'], rows.map((r) => [r.period, r.events, r.cooperative, r.conflictual, r.goldsteinSum, r.goldsteinMean, r.tone, JSON.stringify(r.byType)])));
          else for (const r of rows) ctx.out(JSON.stringify({ a: a.toUpperCase(), b: b.toUpperCase(), ...r }) + '\n');
        } finally {
          await store.close();
        }
      }),
    );

  program
    .command('commitments')
    .description('commitments in the store with their status: kept (with the event that kept it), overdue, open')
    .addOption(dbOption())
    .addOption(new Option('--status <status>', 'only this status').choices(['kept', 'overdue', 'open']))
    .addOption(formatOption())
    .action(
      action(ctx, async (o: { db: string; status?: 'kept' | 'overdue' | 'open'; format?: OutFormat }) => {
        const store = openExisting(o.db);
        try {
          const rows = await store.commitments(o.status);
          const format = o.format ?? (ctx.isTTY ? 'table' : 'jsonl');
          if (format === 'table') ctx.out(commitmentsTable(rows) + `${rows.length} commitment${rows.length === 1 ? '' : 's'}\n`);
          else if (format === 'csv')
            ctx.out(csv(['article', 'commitment', 'made_on', 'parties', 'action', 'due', 'status', 'late', 'kept_event', 'kept_date', 'kept_article', 'kept_evidence'], rows.map((c) => [c.articleId, c.commitmentId, c.madeOn, c.parties, c.action, c.due, c.status, c.late, c.keptBy?.event, c.keptBy?.date, c.keptBy?.articleId, c.keptBy?.evidence])));
          else for (const c of rows) ctx.out(JSON.stringify(c) + '\n');
        } finally {
          await store.close();
        }
      }),
    );
}
