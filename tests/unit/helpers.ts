/** Shared by the unit tests: a migrated in-memory database and small export files. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
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

/** Set by `npm run test:postgres`: the unit tests then run on PostgreSQL. */
export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? null;

let databases = 0;

/**
 * A private, empty database for one test: SQLite in memory, or with TEST_DATABASE_URL a new
 * PostgreSQL database, dropped after the test.
 */
export async function emptyDb(): Promise<Db> {
	if (!POSTGRES_URL) {
		const db = openDatabase(':memory:');
		cleanups.push(() => db.destroy());
		return db;
	}
	const name = `klientiem_unit_${process.pid}_${++databases}`;
	const admin = openDatabase(POSTGRES_URL, 1);
	await sql`create database ${sql.id(name)}`.execute(admin);
	const url = new URL(POSTGRES_URL);
	url.pathname = `/${name}`;
	const db = openDatabase(url.toString(), 4);
	cleanups.push(async () => {
		await db.destroy();
		await sql`drop database ${sql.id(name)}`.execute(admin);
		await admin.destroy();
	});
	return db;
}

/** The same, at the latest migration. */
export async function memoryDb(): Promise<Db> {
	const db = await emptyDb();
	await migrateToLatest(db);
	return db;
}

/**
 * The same on SQLite files, as the server and the import command open them: the import then
 * writes the billing file on a connection of its own (openBillingWriter).
 */
export async function fileDb(): Promise<Db> {
	if (POSTGRES_URL) return memoryDb();
	const db = openDatabase(path.join(tempDir(), 'portal.sqlite'));
	cleanups.push(() => db.destroy());
	await migrateToLatest(db);
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

/**
 * A CSV export with no customers: the header row of every required file, the export record
 * of `asOf`, and the files given (a catalogue, request statuses).
 */
export function writeCsvExportOf(
	asOf: string,
	nextUpdate: string,
	files: Record<string, string[][]>
): string {
	return writeCsvFolder({
		'export.csv': [
			['as_of', 'next_update'],
			[asOf, nextUpdate]
		],
		'customers.csv': [
			['contract_number', 'kind', 'name', 'invoice_delivery', 'balance', 'balance_as_of']
		],
		'documents.csv': [
			[
				'contract_number',
				'kind',
				'number',
				'issue_date',
				'due_date',
				'period_start',
				'period_end',
				'net',
				'vat',
				'total',
				'payment_reference'
			]
		],
		'document_lines.csv': [
			[
				'contract_number',
				'document_number',
				'description',
				'quantity',
				'unit',
				'unit_price',
				'vat_rate',
				'net'
			]
		],
		'payments.csv': [['contract_number', 'date', 'amount', 'bank']],
		'containers.csv': [
			['contract_number', 'code', 'address', 'fraction', 'volume_litres', 'count', 'frequency']
		],
		'collection_dates.csv': [['contract_number', 'container_code', 'collection_date']],
		...files
	});
}

export const runImport = (db: Db, source: string, asOf?: () => Date) =>
	importExport(db, source, { key: KEY, now: asOf });
