/**
 * npm run bench:import [-- --customers N]: generates N demo customers, imports them into a
 * fresh SQLite file, then inserts the very same rows into another fresh file with bare
 * better-sqlite3 prepared statements, and prints both rates and their ratio. A second import
 * of the same export shows the idempotent path.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { importExport } from '../../src/lib/server/import/index';
import { option } from '../cli';

const TABLES = [
	'company',
	'bank_account',
	'customer',
	'document',
	'document_line',
	'payment',
	'container',
	'collection_date'
];
const customers = Number(option('customers', '100000'));
const folder = path.resolve('bench-data');
const exportFile = path.join(folder, `export-${customers}.jsonl`);
const key = Buffer.alloc(32, 7);

fs.mkdirSync(folder, { recursive: true });
if (!fs.existsSync(exportFile)) {
	console.log(`Generating ${customers} customers into ${exportFile} …`);
	const result = spawnSync(
		'npx',
		[
			'tsx',
			'scripts/demo-data.ts',
			'--customers',
			String(customers),
			'--out',
			exportFile,
			'--today',
			'2026-11-23'
		],
		{ stdio: 'inherit' }
	);
	if (result.status !== 0) process.exit(1);
}

async function freshDatabase(name: string) {
	const file = path.join(folder, name);
	for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
	const db = openDatabase(file);
	await migrateToLatest(db);
	return { db, file };
}

const target = await freshDatabase('import.sqlite');
let started = performance.now();
const first = await importExport(target.db, exportFile, { key });
const importSeconds = (performance.now() - started) / 1000;
const peakMiB = process.resourceUsage().maxRSS / 1024;
if (first.status !== 'succeeded') throw new Error(JSON.stringify(first.problems));
const rows = first.counts.rowsWritten;

started = performance.now();
const second = await importExport(target.db, exportFile, { key });
const reimportSeconds = (performance.now() - started) / 1000;
await target.db.destroy();

// The same rows, straight from the imported file, each table in memory before the clock starts.
const bare = await freshDatabase('bare.sqlite');
await bare.db.destroy();
const source = new Database(target.file, { readonly: true });
const sink = new Database(bare.file);
sink.pragma('journal_mode = WAL');
sink.pragma('foreign_keys = ON');
sink.pragma('synchronous = NORMAL');
sink.pragma('cache_size = -65536');
let bareSeconds = 0;
let bareRows = 0;
for (const table of TABLES) {
	const tableRows = source.prepare(`select * from ${table}`).raw().all() as unknown[][];
	const columns = source.prepare(`select * from ${table} limit 1`).columns().length;
	const insert = sink.prepare(
		`insert into ${table} values (${Array(columns).fill('?').join(', ')})`
	);
	const t = performance.now();
	sink.transaction(() => {
		for (const row of tableRows) insert.run(row);
	})();
	bareSeconds += (performance.now() - t) / 1000;
	bareRows += tableRows.length;
}
source.close();
sink.close();

const rate = (n: number, s: number) => Math.round(n / s).toLocaleString('en');
console.log(
	`\nImport of ${customers.toLocaleString('en')} customers (${path.basename(exportFile)}, ${(fs.statSync(exportFile).size / 2 ** 20).toFixed(0)} MiB)`
);
console.log(
	`  rows written          ${rows.toLocaleString('en')} (bare: ${bareRows.toLocaleString('en')})`
);
console.log(
	`  import                ${importSeconds.toFixed(1)} s, ${rate(rows, importSeconds)} rows/s (read, check, hash and write)`
);
console.log(
	`  bare better-sqlite3   ${bareSeconds.toFixed(1)} s, ${rate(bareRows, bareSeconds)} rows/s (prepared INSERT per row, one transaction)`
);
console.log(
	`  ratio import / bare   ${(rows / importSeconds / (bareRows / bareSeconds)).toFixed(2)}`
);
console.log(`  peak memory (RSS)     ${peakMiB.toFixed(0)} MiB during the import`);
console.log(
	`  re-import, same file  ${reimportSeconds.toFixed(1)} s, ${second.counts.customersAdded + second.counts.customersUpdated} customers changed, ${second.counts.rowsWritten} rows written`
);
