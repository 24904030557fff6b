/** A one-line progress bar with rate and ETA, redrawn at most ten times a second on a terminal. */

export interface ProgressState {
  done: number;
  /** Articles found so far; `totalKnown` once every input has been read. */
  total: number;
  totalKnown: boolean;
  bytes: number;
  elapsed: number;
}

const clock = (s: number) => {
  if (!Number.isFinite(s)) return '?';
  s = Math.round(s);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
};

export function progressLine(p: ProgressState, width = 24, label = 'ingest'): string {
  const frac = p.total ? Math.min(1, p.done / p.total) : 0;
  const filled = Math.round(frac * width);
  const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
  const rate = p.elapsed > 0 ? p.done / p.elapsed : 0;
  const mbs = p.elapsed > 0 ? p.bytes / 1e6 / p.elapsed : 0;
  const eta = p.totalKnown && rate > 0 ? clock((p.total - p.done) / rate) : '?';
  const total = `${p.total.toLocaleString('en-US')}${p.totalKnown ? '' : '+'}`;
  return `${label} ${bar} ${p.done.toLocaleString('en-US')}/${total} ${Math.round(frac * 100)}%  ${rate.toFixed(0)} art/s  ${mbs.toFixed(2)} MB/s  ETA ${eta}`;
}

export class ProgressBar {
  private last = 0;
  private shown = false;
  constructor(private readonly write: (s: string) => void, private readonly label = 'ingest') {}

  update(p: ProgressState, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    this.write(`\r\x1b[2K${progressLine(p, 24, this.label)}`);
    this.shown = true;
  }

  /** Clears the line (before printing a message, and at the end). */
  clear(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }
}
