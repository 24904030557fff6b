/**
 * The PostgreSQL and NATS servers the distributed tests run against (standard local ports unless
 * PARLEY_TEST_PG / PARLEY_TEST_NATS say otherwise). `.ci/services.sh` starts them when they are down.
 * A test that needs one fails with a clear message when it does not answer; PARLEY_SKIP_SERVICES=1
 * skips those tests instead (a machine without the servers).
 */
import { randomBytes } from 'node:crypto';
import { connect as netConnect } from 'node:net';

export const PG_URL = process.env.PARLEY_TEST_PG ?? 'postgres://root@127.0.0.1:5432/test';
export const NATS_URL = process.env.PARLEY_TEST_NATS ?? 'nats://127.0.0.1:4222';
export const SKIP_SERVICES = process.env.PARLEY_SKIP_SERVICES === '1';

function answers(url: string, port: number): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = netConnect({ host: u.hostname, port: Number(u.port || port) });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(2000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** Resolves when both servers answer; otherwise throws with what to do (or returns false to skip). */
export async function servicesUp(which: Array<'pg' | 'nats'> = ['pg', 'nats']): Promise<boolean> {
  const down: string[] = [];
  if (which.includes('pg') && !(await answers(PG_URL, 5432))) down.push(`PostgreSQL at ${PG_URL}`);
  if (which.includes('nats') && !(await answers(NATS_URL, 4222))) down.push(`NATS at ${NATS_URL}`);
  if (!down.length) return true;
  if (SKIP_SERVICES) return false;
  throw new Error(`${down.join(' and ')} not answering: run .ci/services.sh to start them (or set PARLEY_SKIP_SERVICES=1 to skip these tests)`);
}

/** A fresh name for a schema or stream, so that test runs do not collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
}

/** The test database URL with a schema of its own. */
export function pgUrl(schema: string): string {
  const u = new URL(PG_URL);
  u.searchParams.set('schema', schema);
  return u.toString();
}

/** The test NATS URL with a stream of its own. */
export function queueUrl(stream: string): string {
  const u = new URL(NATS_URL);
  u.searchParams.set('stream', stream);
  return u.toString();
}

/** Drops test schemas (with everything in them). */
export async function dropSchemas(schemas: string[]): Promise<void> {
  if (!schemas.length) return;
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: PG_URL });
  await c.connect();
  try {
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  } finally {
    await c.end();
  }
}
