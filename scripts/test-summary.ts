/** Prints one closing line for the whole test run from the unit and browser test reports. */
import fs from 'node:fs';

const unit = JSON.parse(fs.readFileSync('test-results/unit.json', 'utf8')) as {
	numPassedTests: number;
	numFailedTests: number;
	numPendingTests: number;
};
const e2e = JSON.parse(fs.readFileSync('test-results/e2e.json', 'utf8')) as {
	stats: { expected: number; unexpected: number; flaky: number; skipped: number };
};
const passed = unit.numPassedTests + e2e.stats.expected;
const failed = unit.numFailedTests + e2e.stats.unexpected + e2e.stats.flaky;
const skipped = unit.numPendingTests + e2e.stats.skipped;
console.log(`\nunit ${unit.numPassedTests} + browser ${e2e.stats.expected} tests`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
