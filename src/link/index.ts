/** Corpus-level linking, pure: text identity, near-duplicates, event linking, commitment checks. */
export * from './text.js';
export * from './minhash.js';
export * from './dates.js';
export * from './dyad.js';
export * from './mentions.js';
export * from './events.js';
export * from './commitments.js';
