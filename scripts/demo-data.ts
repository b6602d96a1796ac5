/** npm run demo-data -- [--customers N] [--out FILE] [--today YYYY-MM-DD] [--seed N]: writes a demo export. */
import { dayInRiga } from '../src/lib/dates';
import { writeDemoExport } from '../src/lib/server/demo/generate';
import { option } from './cli';

const customers = Number(option('customers', '40'));
const out = option('out', 'data/demo-export.jsonl')!;
const today = option('today', dayInRiga())!;
if (!Number.isInteger(customers) || customers < 0) {
	console.error('--customers takes a whole number');
	process.exit(2);
}
await writeDemoExport(out, { customers, today, seed: Number(option('seed', '20261123')) });
console.log(`Wrote ${out}: ${customers + 2} customers as of ${today}.`);
