/** Loads the shipped lexicons under data/lexicon/ (the engine receives them as data). */
import { readFileSync } from 'node:fs';
import { DATA_DIR } from './load.js';

export function loadToneExtension(file = DATA_DIR + 'lexicon/tone.json'): Record<string, number> {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { entries?: Record<string, number> };
  return json.entries ?? {};
}
