/** Loads the gazetteer built at install time (data/gazetteer/generated/places.tsv, GeoNames CC BY 4.0). */
import { existsSync, readFileSync } from 'node:fs';
import { parseGazetteer, type Gazetteer } from '../core/gazetteer.js';
import { DATA_DIR } from './load.js';

export const GAZETTEER_FILE = DATA_DIR + 'gazetteer/generated/places.tsv';

export function loadGazetteer(file = GAZETTEER_FILE): Gazetteer {
  if (!existsSync(file)) throw new Error(`${file}: gazetteer not built; run "npm run build"`);
  return parseGazetteer(readFileSync(file, 'utf8'));
}
