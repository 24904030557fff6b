/** A readable rendering of one result for people at a terminal. */
import type { ArticleResult } from '../../core/types.js';

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

export function pretty(r: ArticleResult): string {
  const a = r.article;
  const name = new Map(r.actors.map((x) => [x.id, `${x.name}${x.code ? ` (${x.code})` : ''}`]));
  const out: string[] = [];
  out.push(`━━ ${a.id}  ${a.date ?? 'undated'}${a.dateline ? `  ${a.dateline}` : ''}${a.title ? `  «${clip(a.title, 70)}»` : ''}`);
  out.push(`actors (${r.actors.length})`);
  for (const x of r.actors) {
    const who = [x.type, x.code ?? '—', x.sector ?? ''].filter(Boolean).join(' ');
    const extra = x.titles.length ? `  ${x.titles.join(', ')}` : x.members ? `  = ${x.members.map((m) => name.get(m)).join(' + ')}` : '';
    const refs = [...new Set(x.mentions.map((m) => m.text))].slice(0, 6).map((t) => `"${clip(t, 24)}"`).join(' ');
    out.push(`  ${x.id.padEnd(4)} ${clip(x.name, 28).padEnd(28)} ${who.padEnd(22)}${extra}`);
    out.push(`       ${x.mentions.length} mention${x.mentions.length === 1 ? '' : 's'}: ${refs}`);
  }
  if (r.events.length) {
    out.push(`events (${r.events.length})`);
    for (const e of r.events) {
      const parts = [e.actors.map((i) => name.get(i)).join(' & '), e.recipients.length ? '→ ' + e.recipients.map((i) => name.get(i)).join(' & ') : ''].filter(Boolean).join(' ');
      out.push(`  ${e.id.padEnd(4)} ${e.type.padEnd(9)} ${parts}  ${e.date ?? ''}${e.location ? ' @ ' + e.location.name : ''}${e.modality !== 'asserted' ? ` [${e.modality}]` : ''}  «${clip(e.trigger.text, 30)}»`);
    }
  }
  if (r.quotes.length) {
    out.push(`quotes (${r.quotes.length})`);
    for (const q of r.quotes) out.push(`  ${q.id.padEnd(4)} ${q.kind.padEnd(8)} ${(q.speaker ? name.get(q.speaker) : '?') ?? '?'}: «${clip(q.text, 80)}»`);
  }
  if (r.commitments.length) {
    out.push(`commitments (${r.commitments.length})`);
    for (const c of r.commitments) out.push(`  ${c.id.padEnd(4)} ${c.parties.map((i) => name.get(i)).join(' & ')}: ${clip(c.action, 60)}${c.due ? `  due ${c.due}` : ''}`);
  }
  if (r.places?.length) out.push(`places (${r.places.length}): ${r.places.map((p) => `${p.name} (${p.code}${p.kind === 'country' ? '' : ', ' + p.kind}) ${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`).join('; ')}`);
  if (r.times.length) out.push(`times (${r.times.length}): ${r.times.map((t) => `"${t.text}" = ${t.value}`).join('; ')}`);
  if (r.tone != null) out.push(`tone ${r.tone.toFixed(2)}`);
  return out.join('\n');
}
