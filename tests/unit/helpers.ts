/** Shared by the unit tests: a migrated in-memory database and small export files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../src/lib/server/db/index';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { importExport } from '../../src/lib/server/import/index';
import { FORMAT } from '../../src/lib/server/import/records';

export const KEY = Buffer.alloc(32, 1);

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0)) await cleanup();
});

export async function memoryDb(): Promise<Db> {
	const db = openDatabase(':memory:');
	await migrateToLatest(db);
	cleanups.push(() => db.destroy());
	return db;
}

export function tempDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'klientiem-test-'));
	cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
	return dir;
}

export const header = (asOf = '2026-11-20') => ({
	type: 'export',
	format: FORMAT,
	asOf,
	nextUpdate: '2026-11-21'
});

export function privateCustomer(contractNumber: string, overrides: Record<string, unknown> = {}) {
	return {
		type: 'customer',
		contractNumber,
		kind: 'private',
		name: 'Līga Ozoliņa',
		personalCode: '161175-19997',
		phone: '+371 29 123 456',
		email: 'liga@example.lv',
		invoiceDelivery: 'electronic',
		eInvoiceAgreement: 'active',
		balance: '12.10',
		balanceAsOf: '2026-11-20',
		documents: [
			{
				kind: 'calculation',
				number: `A-${contractNumber}-1`,
				issueDate: '2026-10-05',
				dueDate: '2026-11-04',
				periodStart: '2026-10-01',
				periodEnd: '2026-12-31',
				net: '10.00',
				vat: '2.10',
				total: '12.10',
				paymentReference: `A-${contractNumber}-1`,
				lines: [
					{
						description: 'Sadzīves atkritumu izvešana, 240 l',
						quantity: '2',
						unit: 'reizes',
						unitPrice: '5.00',
						vatRate: 21,
						net: '10.00'
					}
				]
			}
		],
		payments: [
			{
				date: '2026-10-20',
				amount: '5.00',
				bank: 'Swedbank',
				reference: `A-${contractNumber}-1`,
				document: `A-${contractNumber}-1`
			}
		],
		containers: [
			{
				code: 'K1',
				address: 'Rīgas iela 1, Valmiera',
				fraction: 'mixed',
				volumeLitres: 240,
				count: 1,
				frequency: '1 reizi 2 nedēļās',
				dates: ['2026-11-24', '2026-12-08']
			}
		],
		...overrides
	};
}

/** Writes records as a JSON Lines export and returns its path. */
export function writeJsonLines(
	dir: string,
	records: unknown[],
	name = 'export.jsonl',
	prefix = ''
): string {
	const file = path.join(dir, name);
	fs.writeFileSync(
		file,
		prefix + records.map((record) => JSON.stringify(record)).join('\n') + '\n'
	);
	return file;
}

/** Writes `;`-separated CSV files (name → rows, first row the header) into a new folder. */
export function writeCsvFolder(files: Record<string, string[][]>, bom = false): string {
	const dir = tempDir();
	for (const [name, rows] of Object.entries(files)) {
		fs.writeFileSync(
			path.join(dir, name),
			(bom ? '\uFEFF' : '') + rows.map((row) => row.join(';')).join('\r\n') + '\r\n'
		);
	}
	return dir;
}

export const runImport = (db: Db, source: string, asOf?: () => Date) =>
	importExport(db, source, { key: KEY, now: asOf });
