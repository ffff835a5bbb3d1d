// Adds up the JSON reports of vitest and Playwright into one closing line, "N passed, N failed", so a reader (or
// CI) sees the whole run's count in one place. Exits non-zero if any test failed or a report is missing.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2] ?? 'test-reports';
let passed = 0;
let failed = 0;
let skipped = 0;
for (const name of ['unit.json', 'integration.json', 'integration-engine26.json', 'e2e.json']) {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    console.error(`missing test report ${file}`);
    process.exit(1);
  }
  const r = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (r.stats && 'expected' in r.stats) {
    // Playwright: expected = passed, unexpected = failed, flaky counts as passed on retry.
    passed += r.stats.expected + (r.stats.flaky ?? 0);
    failed += r.stats.unexpected;
    skipped += r.stats.skipped;
  } else {
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  }
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
