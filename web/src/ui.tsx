/** Small shared pieces: layout, messages, chips, safe links, highlighted snippets. */
import type { ComponentChildren } from 'preact';
import { codeColor, goldsteinColor } from './colors';
import { href } from './router';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return <p class="muted loading">{what}…</p>;
}

export function ErrorBox({ error }: { error: string }) {
  return (
    <p class="error" role="alert">
      {error}
    </p>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="muted empty">{children}</p>;
}

/** An actor code as a coloured chip linking to its events. */
export function CodeChip({ code, name, link = true }: { code: string; name?: string | null; link?: boolean }) {
  const style = { '--c': codeColor(code) };
  const inner = (
    <>
      <span class="dot" />
      {code}
      {name && name !== code ? <span class="chip-name"> {name}</span> : null}
    </>
  );
  return link ? (
    <a class="chip" style={style} href={href('events', null, { actor: code })} title={`events with ${name ?? code}`}>
      {inner}
    </a>
  ) : (
    <span class="chip" style={style}>
      {inner}
    </span>
  );
}

export function Side({ codes, names }: { codes: string[]; names?: Record<string, string[]> }) {
  if (!codes.length) return <span class="muted">—</span>;
  return (
    <>
      {codes.map((c) => (
        <CodeChip key={c} code={c} name={names?.[c]?.[0]} />
      ))}
    </>
  );
}

/** An event's parties: its actors, then "→" and its recipients when it has any. */
export function Parties({ event: e }: { event: { actors: string[]; recipients: string[]; names?: Record<string, string[]> } }) {
  return (
    <>
      <Side codes={e.actors} names={e.names} />
      {e.recipients.length ? (
        <>
          {' → '}
          <Side codes={e.recipients} names={e.names} />
        </>
      ) : null}
    </>
  );
}

export function Goldstein({ value }: { value: number | null }) {
  if (value == null) return <span class="muted">—</span>;
  return (
    <span class="gold" style={{ '--g': goldsteinColor(value) }}>
      {value > 0 ? '+' : ''}
      {value.toFixed(1)}
    </span>
  );
}

/** A link to an article's own page, only when it is an http(s) URL (never javascript: or data:). */
export function ExternalLink({ url, children }: { url: string | null; children?: ComponentChildren }) {
  if (!url) return null;
  if (!/^https?:\/\//i.test(url)) return <span class="muted">{url}</span>;
  return (
    <a href={url} target="_blank" rel="noopener noreferrer nofollow">
      {children ?? url}
    </a>
  );
}

/** Text with the parts between \u0002 and \u0003 marked (search snippets). */
export function Snippet({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  const re = /\u0002([\s\S]*?)\u0003/g;
  let last = 0;
  let k = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    parts.push(text.slice(last, m.index));
    parts.push(<mark key={k++}>{m[1]}</mark>);
    last = m.index + m[0].length;
  }
  parts.push(text.slice(last).replace(/[\u0002\u0003]/g, ''));
  return <span class="snippet">{parts}</span>;
}

/** A sentence with one part (the trigger) marked. */
export function Evidence({ sentence, mark }: { sentence: { start: number; text: string }; mark?: { start: number; end: number } | null }) {
  const t = sentence.text;
  if (!mark) return <q class="evidence">{t}</q>;
  const a = Math.max(0, Math.min(t.length, mark.start - sentence.start));
  const b = Math.max(a, Math.min(t.length, mark.end - sentence.start));
  return (
    <q class="evidence">
      {t.slice(0, a)}
      <mark>{t.slice(a, b)}</mark>
      {t.slice(b)}
    </q>
  );
}

export function StatusBadge({ status, late }: { status: string; late?: boolean }) {
  return (
    <span class={`badge status-${status}`}>
      {status}
      {late ? ' (late)' : ''}
    </span>
  );
}

export const fmt = (n: number | null | undefined, d = 1) => (n == null ? '—' : n.toFixed(d));
