/**
 * The parley command in a child process, for tests that run workers as separate processes (and kill
 * them). node's test runner also runs this file as a test file: it does nothing unless PARLEY_CHILD=1.
 */
if (process.env.PARLEY_CHILD === '1') {
  const { main } = await import('../../src/adapters/cli/main.js');
  process.exitCode = await main(process.argv);
}
export {};
