// Prints one line, "N passed, N failed, N skipped", over the Vitest and Playwright JSON reports.
import { readFileSync } from 'node:fs';

const read = (file) => JSON.parse(readFileSync(new URL(`../.cache/${file}`, import.meta.url), 'utf8'));
const unit = read('vitest-results.json');
const e2e = read('playwright-results.json').stats;
const passed = unit.numPassedTests + e2e.expected;
const failed = unit.numFailedTests + e2e.unexpected + e2e.flaky;
const skipped = unit.numPendingTests + unit.numTodoTests + e2e.skipped;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
