/**
 * The engine fingerprint stored with each article: a hash of parley's version, the compiled core, the
 * data files (KB, lexicons, gazetteer), the user's --kb files and the switched-off stages. When any
 * of them changes, `parley reprocess` finds the articles extracted by an older engine.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function walk(dir: string, re: RegExp, out: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, re, out);
    else if (re.test(e.name)) out.push(p);
  }
  return out;
}

export function engineFingerprint(kbFiles: string[] = [], disable: string[] = []): string {
  const h = createHash('sha1');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  h.update(`parley ${pkg.version}\n`);
  for (const f of [...walk(join(ROOT, 'dist/src/core'), /\.js$/), ...walk(join(ROOT, 'data'), /\.(json|tsv|txt)$/)]) {
    h.update(f.slice(ROOT.length) + '\n');
    h.update(readFileSync(f));
  }
  for (const f of kbFiles) {
    try {
      h.update(readFileSync(f));
    } catch {
      h.update(`missing ${f}`);
    }
  }
  h.update(`disable ${[...disable].sort().join(',')}`);
  return `${pkg.version}+${h.digest('hex').slice(0, 12)}`;
}

export function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
