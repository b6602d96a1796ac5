/** npm run demo-data -- [--customers N] [--out FILE] [--today YYYY-MM-DD] [--seed N]: writes a demo export. */
import { dayInRiga } from '../src/lib/dates';
import { writeDemoExport } from './demo/generate';
import { readCommand } from './cli';

const { options } = readCommand({
	usage: 'npm run demo-data -- [--customers N] [--out FILE] [--today YYYY-MM-DD] [--seed N]',
	about: 'Writes a deterministic demo export (JSON Lines) of the two demo customers and N others.',
	options: {
		customers: 'N, how many customers besides the two demo ones (40)',
		out: 'FILE, where to write it (data/demo-export.jsonl)',
		today: 'YYYY-MM-DD, the day the data is as of (today in Riga)',
		seed: 'N, the random seed (20261123)'
	}
});
const customers = Number(options.customers ?? '40');
const out = options.out ?? 'data/demo-export.jsonl';
const today = options.today ?? dayInRiga();
if (!Number.isInteger(customers) || customers < 0) {
	console.error('--customers takes a whole number');
	process.exit(2);
}
await writeDemoExport(out, { customers, today, seed: Number(options.seed ?? '20261123') });
console.log(`Wrote ${out}: ${customers + 2} customers as of ${today}.`);
