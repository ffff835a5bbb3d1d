// The validation worker (see validate-pool.ts). Plain JavaScript so Node can start it the same way under tsx (the
// server), vitest and Next's production server: none of their TypeScript loaders reach a worker thread reliably, so
// this file loads the TypeScript itself through tsx's API.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const mod = await tsImport('./validate.ts', import.meta.url);
// a TypeScript file of a CommonJS package arrives as a default export
const validateText = mod.validateText ?? mod.default?.validateText;

parentPort.on('message', (job) => {
  try {
    parentPort.postMessage({ id: job.id, result: validateText(job.compose, job.env, job.folder) });
  } catch (e) {
    parentPort.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) });
  }
});
parentPort.postMessage({ ready: true });
