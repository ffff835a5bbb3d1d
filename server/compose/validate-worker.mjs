// The validation worker process (see validate-pool.ts). Plain JavaScript so Node can start it the same way under tsx
// (the server), vitest and Next's production server: it loads the TypeScript itself through tsx's API.
import { readdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { tsImport } from 'tsx/esm/api';

// Every thread of this process (the main one, and V8's garbage-collection helpers) yields to the server: on Linux a
// nice value is per thread, and threads started later inherit it. A busy machine then slows a large check, not the
// server's event loop.
try {
  for (const tid of readdirSync('/proc/self/task')) setPriority(Number(tid), 10);
} catch {
  try {
    setPriority(10);
  } catch {
    // not allowed here: normal priority
  }
}

// the server went away: nothing left to answer
process.on('disconnect', () => process.exit(0));

const mod = await tsImport('./validate.ts', import.meta.url);
// a TypeScript file of a CommonJS package arrives as a default export
const validateText = mod.validateText ?? mod.default?.validateText;
const loadText = mod.loadText ?? mod.default?.loadText;

process.on('message', (job) => {
  try {
    const result =
      job.kind === 'load'
        ? loadText({ compose: job.compose, env: job.env, project: job.project, folder: job.folder })
        : validateText(job.compose, job.env, job.folder);
    process.send({ id: job.id, result });
  } catch (e) {
    process.send({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
process.send({ ready: true });
