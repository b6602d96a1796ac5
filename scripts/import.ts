/** npm run import -- PATH: loads a billing-system export (a .jsonl file or a folder of CSV files). */
import { importExport } from '../src/lib/server/import/index';
import { describeProblem } from '../src/lib/server/import/problems';
import { describeProgress } from '../src/lib/server/import/progress';
import { loadPersonalCodeKey } from '../src/lib/server/personal-code';
import { exitOnFailure, openMigrated, readCommand } from './cli';

const {
	positionals: [path]
} = readCommand({
	usage: 'npm run import -- PATH',
	about:
		'Loads a billing-system export: a .jsonl file or a folder with export.csv (docs/import-format.md). Nothing is written unless all of it is valid.',
	positionals: { min: 1, max: 1 }
});
const source = path!;
await exitOnFailure(async () => {
	const db = await openMigrated();
	// The run's id first, for whoever started it (the console's upload reads it); on a
	// terminal, how far it has come, on one line rewritten every second.
	const terminal = process.stderr.isTTY;
	const started = performance.now();
	const result = await importExport(db, source, {
		key: loadPersonalCodeKey(),
		onStart: (runId) => console.log(`Import ${runId} of ${source}: started.`),
		onProgress: terminal
			? (progress) => process.stderr.write(`\r${describeProgress(progress)}`)
			: undefined
	});
	if (terminal) process.stderr.write('\n');
	await db.destroy();
	// What the operator sizes the machine by (and the benchmark reads).
	const usage = process.resourceUsage();
	const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
	const cost = `Took ${((performance.now() - started) / 1000).toFixed(1)} s and ${cpu.toFixed(1)} s of CPU (all threads); peak memory ${Math.round(usage.maxRSS / 1024)} MiB.`;
	const run = result.runId === null ? 'An import' : `Import ${result.runId}`;
	if (result.status === 'failed') {
		console.error(`${run} of ${source} failed; the data already loaded is unchanged.`);
		for (const problem of result.problems) console.error(`  ${describeProblem(problem)}`);
		if (result.problemCount > result.problems.length)
			console.error(
				`  … and ${result.problemCount - result.problems.length} more problems (${result.problemCount} in all).`
			);
		console.error(cost);
		process.exit(1);
	}
	const c = result.counts;
	console.log(
		`${run} of ${source}: data as of ${result.header?.asOf}, next update ${result.header?.nextUpdate}.`
	);
	console.log(
		`Customers: ${c.customersAdded} added, ${c.customersUpdated} updated, ${c.customersUnchanged} unchanged; rows written: ${c.rowsWritten}; company profile ${c.companyUpdated ? 'updated' : 'unchanged'}; requests answered: ${c.requestsAnswered}${c.requestsUnknown.length ? ` (statuses of ${c.requestsUnknown.length} unknown request(s) skipped: ${c.requestsUnknown.slice(0, 5).join(', ')})` : ''}.`
	);
	console.log(cost);
});
