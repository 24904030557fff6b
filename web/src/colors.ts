/** A colour per actor code (the same on every page), and scales for Goldstein scores. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#e67e00', '#0f9aa8', '#8c564b', '#d6409f', '#7d8b00', '#b07d00', '#3949ab', '#00897b', '#c0392b', '#6d4c41', '#8e24aa', '#43a047'];

export function codeColor(code: string | null | undefined): string {
  if (!code) return '#8a8a8a';
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) {
    h ^= code.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return PALETTE[h % PALETTE.length];
}

/** Green for cooperation, red for conflict, grey near zero. */
export function goldsteinColor(g: number | null | undefined): string {
  if (g == null) return '#9e9e9e';
  if (g >= 3) return '#1b8a3a';
  if (g > 0.5) return '#6dbb63';
  if (g > -0.5) return '#9e9e9e';
  if (g > -3) return '#ef8a62';
  return '#c62828';
}
