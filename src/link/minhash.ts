/**
 * Near-duplicate detection by MinHash over word shingles, with banded locality-sensitive hashing.
 * Pure: no database. The store keeps each article's signature and band keys and asks this module
 * whether two signatures are close enough.
 *
 * The rule, written down:
 * - Shingles are the article's word 3-grams after normalisation (`normaliseText`); a text of fewer
 *   than 3 words is one shingle.
 * - The signature is 64 minimum hashes: each shingle's 32-bit hash (FNV-1a of its words, mixed) is
 *   xored with one of 64 fixed seeds, multiplied by a golden-ratio constant and folded. The share of equal positions estimates the Jaccard similarity of the two
 *   shingle sets.
 * - The 64 positions form 16 bands of 4; two articles that agree on all 4 positions of at least one
 *   band are candidates (at Jaccard 0.75 a pair is a candidate with probability 0.998, at 0.3 with
 *   probability 0.12).
 * - A candidate is a near-duplicate when its estimated similarity is at least `NEAR_DUPLICATE` (0.75):
 *   a syndicated copy with a changed headline, a sentence added or removed, or a few words edited.
 */
import { words } from './text.js';

export const HASHES = 64;
export const BANDS = 16;
export const ROWS = HASHES / BANDS;
export const SHINGLE = 3;
export const NEAR_DUPLICATE = 0.75;

const SEEDS: Uint32Array = (() => {
  const s = new Uint32Array(HASHES);
  let x = 0x9e3779b9;
  for (let i = 0; i < HASHES; i++) {
    x = (Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + 0x297a2d39) >>> 0;
    s[i] = x;
  }
  return s;
})();

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The MinHash signature of a text (64 unsigned 32-bit values). */
export function minhash(text: string): Uint32Array {
  const w = words(text);
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  const shingles = new Set<number>();
  if (w.length < SHINGLE) shingles.add(fnv1a(w.join(' ')));
  else {
    // a shingle's hash from its words' hashes: no strings built per shingle
    const wh = new Uint32Array(w.length);
    for (let i = 0; i < w.length; i++) wh[i] = fnv1a(w[i]);
    for (let i = 0; i + SHINGLE <= w.length; i++) {
      let h = wh[i];
      for (let j = 1; j < SHINGLE; j++) h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) ^ wh[i + j];
      shingles.add(fmix32(h));
    }
  }
  const hs = Uint32Array.from(shingles);
  for (let k = 0; k < HASHES; k++) {
    // a cheap, well-mixed permutation per position: xor with the seed, multiply, fold
    const seed = SEEDS[k];
    let min = 0xffffffff;
    for (let i = 0; i < hs.length; i++) {
      let v = Math.imul(hs[i] ^ seed, 0x9e3779b1);
      v = (v ^ (v >>> 16)) >>> 0;
      if (v < min) min = v;
    }
    sig[k] = min;
  }
  return sig;
}

/** Estimated Jaccard similarity of the two shingle sets. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < HASHES; i++) if (a[i] === b[i]) same++;
  return same / HASHES;
}

/** One key per band (a signed 32-bit integer), for an index lookup of candidates. */
export function bandKeys(sig: Uint32Array): number[] {
  const keys: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS; r++) h = Math.imul(h ^ sig[b * ROWS + r], 0x01000193);
    keys.push(fmix32(h) | 0);
  }
  return keys;
}

export function isNearDuplicate(a: Uint32Array, b: Uint32Array, threshold = NEAR_DUPLICATE): boolean {
  return similarity(a, b) >= threshold;
}

/** A signature as bytes (little-endian), to store, and back. */
export function sigToBytes(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function sigFromBytes(buf: Uint8Array): Uint32Array {
  const copy = new Uint8Array(buf); // aligned copy
  return new Uint32Array(copy.buffer, 0, HASHES);
}
