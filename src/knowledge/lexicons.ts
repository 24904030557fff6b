/** Loads the shipped lexicons under data/lexicon/ (the engine receives them as data). */
import { readFileSync } from 'node:fs';
import { loadLexicon, type EventLexicon } from '../core/stages/events/index.js';
import { DATA_DIR } from './load.js';

export function loadToneExtension(file = DATA_DIR + 'lexicon/tone.json'): Record<string, number> {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { entries?: Record<string, number> };
  return json.entries ?? {};
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
  }
}

/** The shipped event lexicon, with each user file merged over it in order (same id replaces an entry). */
export function loadEventLexicon(userFiles: string[] = [], file = DATA_DIR + 'lexicon/events.json'): EventLexicon {
  let lex = loadLexicon(readJson(file));
  for (const f of userFiles) lex = loadLexicon(readJson(f), lex);
  return lex;
}
