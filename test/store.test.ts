import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/adapters/store/index.js';
import { storeSuite } from './helpers/store-suite.js';

const dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
let n = 0;
storeSuite('sqlite file', () => openStore(join(dir, `s${n++}.db`)));
storeSuite('sqlite in memory', () => openStore(':memory:'));
