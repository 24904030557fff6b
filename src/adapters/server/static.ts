/**
 * The built dashboard (dist/web), served from memory: the files are read once at start into a map from
 * URL path to bytes, so a request can only ever get one of those files. There is no path to resolve
 * against the disk, hence no traversal ('..', encoded slashes, symlinks) to defend against.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/web beside the compiled server (dist/src/adapters/server → dist/web). */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

export interface StaticFile {
  body: Buffer;
  type: string;
  /** Content-hashed names under assets/ never change. */
  immutable: boolean;
}

const MAX_FILES = 2000;
const MAX_BYTES = 64 * 1024 * 1024;

export function loadStatic(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  if (!existsSync(root)) return files;
  let bytes = 0;
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) {
        const type = TYPES[extname(e.name).toLowerCase()];
        if (!type || files.size >= MAX_FILES) continue;
        bytes += statSync(p).size;
        if (bytes > MAX_BYTES) throw new Error(`${root}: more than ${MAX_BYTES / 1024 / 1024} MB of dashboard files`);
        const path = '/' + relative(root, p).split(sep).join('/');
        files.set(path, { body: readFileSync(p), type, immutable: path.startsWith('/assets/') });
      }
    }
  };
  walk(root);
  const index = files.get('/index.html');
  if (index) files.set('/', index);
  return files;
}

/** The file for a request URL (query string ignored), or null. */
export function lookupStatic(files: Map<string, StaticFile>, url: string): StaticFile | null {
  const path = url.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  return files.get(decoded) ?? null;
}
