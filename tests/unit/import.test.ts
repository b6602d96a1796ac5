import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index';
import { writeDemoExport } from '../../scripts/demo/generate';
import {
	fileDb,
	header,
	KEY,
	memoryDb,
	POSTGRES_URL,
	privateCustomer,
	runImport,
	tempDir,
	writeJsonLines
} from './helpers';

async function snapshotOf(db: Db) {
	const tables = [
		'company',
		'bank_account',
		'customer',
		'document',
		'document_line',
		'payment',
		'container',
		'collection_date'
	] as const;
	const entries = await Promise.all(
		tables.map(async (table) => [table, await db.selectFrom(table).selectAll().execute()] as const)
	);
	return Object.fromEntries(entries);
}

/** A new database and the demo export of `customers` (and the two demo logins') beside it. */
async function demoExport(customers: number) {
	const file = path.join(tempDir(), 'demo.jsonl');
	await writeDemoExport(file, { customers, today: '2026-11-23' });
	return { db: await memoryDb(), file };
}

/** How many rows PostgreSQL's planner takes a table to hold: -1 until it is first analysed. */
async function plannedRows(db: Db, table: string): Promise<number> {
	const { rows } = await sql<{ planned: number }>`
		select reltuples as planned from pg_class where oid = ${table}::regclass`.execute(db);
	return Number(rows[0]!.planned);
}

/** Each reference between the billing tables, child first: what a foreign key names. */
const REFERENCES = [
	['document', ['customer_id'], 'customer', ['id']],
	['document_line', ['document_id'], 'document', ['id']],
	['payment', ['customer_id'], 'customer', ['id']],
	['payment', ['document_id'], 'document', ['id']],
	['container', ['customer_id'], 'customer', ['id']],
	['collection_date', ['container_id'], 'container', ['id']],
	[
		'collection_detail',
		['container_id', 'collection_date'],
		'collection_date',
		['container_id', 'collection_date']
	]
] as const;

/** Rows that refer to a row that is not there, by reference: none in a sound database. */
async function danglingRows(db: Db): Promise<Record<string, number>> {
	const counts: Record<string, number> = {};
	for (const [child, columns, parent, keys] of REFERENCES) {
		const matches = sql.join(
			columns.map((column, i) => sql`p.${sql.ref(keys[i]!)} = c.${sql.ref(column)}`),
			sql` and `
		);
		const { rows } = await sql<{ n: number | string }>`
			select count(*) as n from ${sql.table(child)} as c
			where c.${sql.ref(columns[0])} is not null
			and not exists (select 1 from ${sql.table(parent)} as p where ${matches})`.execute(db);
		counts[`${child}.${columns.join('+')}`] = Number(rows[0]!.n);
	}
	return counts;
}

describe('import of a JSON Lines export', () => {
	it('loads the demo data and reports zero changes when the same export comes again', async () => {
		const { db, file } = await demoExport(8);
		const first = await runImport(db, file);
		expect(first.status).toBe('succeeded');
		expect(first.counts).toMatchObject({
			companyUpdated: true,
			customersAdded: 10,
			customersUpdated: 0,
			customersUnchanged: 0
		});
		const before = await snapshotOf(db);
		expect(before.document?.length).toBeGreaterThan(50);
		expect(before.collection_date?.length).toBeGreaterThan(200);

		const second = await runImport(db, file);
		expect(second.status).toBe('succeeded');
		expect(second.counts).toEqual({
			companyUpdated: false,
			noticesUpdated: false,
			catalogueUpdated: false,
			customersAdded: 0,
			customersUpdated: 0,
			customersUnchanged: 10,
			rowsWritten: 0,
			requestsAnswered: 0,
			requestsUnknown: []
		});
		expect(await snapshotOf(db)).toEqual(before);
	});

	it('replaces a changed customer whole: a collection date removed at the source disappears', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		await runImport(
			db,
			writeJsonLines(dir, [header(), privateCustomer('F-1'), privateCustomer('F-2')])
		);
		const changed = privateCustomer('F-2');
		changed.containers[0]!.dates = ['2026-11-24'];
		const result = await runImport(
			db,
			writeJsonLines(dir, [header('2026-11-21'), privateCustomer('F-1'), changed])
		);
		expect(result.counts).toMatchObject({
			customersAdded: 0,
			customersUpdated: 1,
			customersUnchanged: 1
		});
		const dates = await db
			.selectFrom('collection_date')
			.innerJoin('container', 'container.id', 'collection_date.container_id')
			.innerJoin('customer', 'customer.id', 'container.customer_id')
			.select(['customer.contract_number', 'collection_date.collection_date'])
			.orderBy('customer.contract_number')
			.orderBy('collection_date.collection_date')
			.execute();
		expect(dates).toEqual([
			{ contract_number: 'F-1', collection_date: '2026-11-24' },
			{ contract_number: 'F-1', collection_date: '2026-12-08' },
			{ contract_number: 'F-2', collection_date: '2026-11-24' }
		]);
	});

	it('leaves no row referring to one that is gone when it replaces customers, on files as the command writes them', async () => {
		const db = await fileDb();
		const dir = tempDir();
		const detailed = privateCustomer('F-2', {
			containers: [
				{
					...privateCustomer('F-2').containers[0],
					dates: ['2026-11-24', { date: '2026-12-08', outcome: 'emptied', time: '08:15' }]
				}
			]
		});
		await runImport(db, writeJsonLines(dir, [header(), privateCustomer('F-1'), detailed]));
		const none = Object.fromEntries(REFERENCES.map(([c, cols]) => [`${c}.${cols.join('+')}`, 0]));
		expect(await danglingRows(db)).toEqual(none);
		expect(await db.selectFrom('collection_detail').select('outcome').execute()).toEqual([
			{ outcome: 'emptied' }
		]);

		// F-2 loses its document (its lines and payment with it) and its container (its dates
		// and their details): every row it owned is replaced.
		const bare = privateCustomer('F-2', {
			documents: [],
			payments: [],
			containers: [{ ...privateCustomer('F-2').containers[0], code: 'K2', dates: ['2026-11-25'] }]
		});
		const result = await runImport(
			db,
			writeJsonLines(dir, [header('2026-11-21'), privateCustomer('F-1'), bare])
		);
		expect(result.counts).toMatchObject({ customersUpdated: 1, customersUnchanged: 1 });
		expect(await danglingRows(db)).toEqual(none);
		const counts = await Promise.all(
			(['document_line', 'payment', 'collection_date', 'collection_detail'] as const).map(
				async (table) =>
					Number(
						(
							await db
								.selectFrom(table)
								.select((eb) => eb.fn.countAll().as('n'))
								.executeTakeFirstOrThrow()
						).n
					)
			)
		);
		// F-1's line, payment and two dates, and F-2's one date.
		expect(counts).toEqual([1, 1, 3, 0]);
	});

	it('never gives a deleted row’s id again, and leaves the database’s own numbering past the ones it gave', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		const most = async (table: 'document' | 'container') =>
			Number(
				(
					await db
						.selectFrom(table)
						.select((eb) => eb.fn.max('id').as('most'))
						.executeTakeFirstOrThrow()
				).most
			);
		const idsOf = async (contract: string) =>
			(
				await db
					.selectFrom('document')
					.innerJoin('customer', 'customer.id', 'document.customer_id')
					.select('document.id')
					.where('customer.contract_number', '=', contract)
					.execute()
			).map((row) => row.id);
		await runImport(
			db,
			writeJsonLines(dir, [header(), privateCustomer('G-1'), privateCustomer('G-2')])
		);
		const [documents, containers] = [await most('document'), await most('container')];
		expect(await idsOf('G-2')).toEqual([documents]);
		// G-2, whose rows have the highest ids, loses them all, then has them again.
		const emptied = privateCustomer('G-2', { documents: [], payments: [], containers: [] });
		await runImport(
			db,
			writeJsonLines(dir, [header('2026-11-21'), privateCustomer('G-1'), emptied])
		);
		await runImport(
			db,
			writeJsonLines(dir, [header('2026-11-21'), privateCustomer('G-1'), privateCustomer('G-2')])
		);
		expect(await idsOf('G-2')).toEqual([documents + 1]);
		expect(await most('container')).toBe(containers + 1);
		// A row written without an id (by hand, or a later feature) is numbered past them all.
		const customer = await db
			.selectFrom('customer')
			.select('id')
			.where('contract_number', '=', 'G-1')
			.executeTakeFirstOrThrow();
		const added = await db
			.insertInto('container')
			.values({
				customer_id: customer.id,
				code: 'K9',
				address: 'Rīgas iela 1, Valmiera',
				fraction: 'glass',
				volume_litres: 240,
				count: 1,
				frequency: '1 reizi mēnesī'
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		expect(added.id).toBe(containers + 2);
	});

	it.skipIf(!POSTGRES_URL)(
		'gives PostgreSQL’s planner the statistics of what it wrote, as it commits it',
		async () => {
			const { db, file } = await demoExport(8);
			expect((await runImport(db, file)).status).toBe('succeeded');
			for (const table of [
				'customer',
				'document',
				'document_line',
				'payment',
				'container',
				'collection_date',
				'collection_detail'
			] as const) {
				const { count } = await db
					.selectFrom(table)
					.select((eb) => eb.fn.countAll<string>().as('count'))
					.executeTakeFirstOrThrow();
				expect({ table, planned: await plannedRows(db, table) }).toEqual({
					table,
					planned: Number(count)
				});
			}
			const { rows } = await sql<{ columns: number }>`
				select count(*) as columns from pg_stats where tablename = 'collection_date'`.execute(db);
			expect(Number(rows[0]!.columns)).toBe(2);
		}
	);

	it.skipIf(!POSTGRES_URL)(
		'skips the statistics of a table a VACUUM holds, rather than failing for its lock',
		async () => {
			const { db, file } = await demoExport(2);
			await db.connection().execute(async (vacuum) => {
				// The lock a VACUUM or ANALYZE takes, held by another connection.
				await sql`begin`.execute(vacuum);
				await sql`lock table collection_date in share update exclusive mode`.execute(vacuum);
				try {
					expect((await runImport(db, file)).status).toBe('succeeded');
				} finally {
					await sql`rollback`.execute(vacuum);
				}
			});
			expect(await plannedRows(db, 'collection_date')).toBe(-1);
			expect(await plannedRows(db, 'customer')).toBe(4);
		}
	);

	it('leaves the previous data untouched when a row in the middle is bad, and says where', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		await runImport(
			db,
			writeJsonLines(dir, [
				header(),
				privateCustomer('F-1'),
				privateCustomer('F-2'),
				privateCustomer('F-3')
			])
		);
		const before = await snapshotOf(db);
		const bad = privateCustomer('F-2', { balance: '99.00' });
		bad.documents[0]!.issueDate = '2025-02-30';
		const result = await runImport(
			db,
			writeJsonLines(dir, [
				header('2026-11-21'),
				privateCustomer('F-1', { name: 'Changed' }),
				bad,
				privateCustomer('F-3', { name: 'Changed too' })
			])
		);
		expect(result.status).toBe('failed');
		expect(result.problems).toEqual([
			{
				file: 'export.jsonl',
				row: 3,
				field: 'documents[0].issueDate',
				reason: expect.stringContaining('2025-02-30')
			}
		]);
		expect(await snapshotOf(db)).toEqual(before);
		const runs = await db
			.selectFrom('import_run')
			.select(['status', 'problem_count', 'rows_written'])
			.orderBy('id')
			.execute();
		expect(runs).toEqual([
			{ status: 'succeeded', problem_count: 0, rows_written: expect.any(Number) },
			{ status: 'failed', problem_count: 1, rows_written: 0 }
		]);
	});

	it('reads a file that starts with a byte-order mark', async () => {
		const db = await memoryDb();
		const result = await runImport(
			db,
			writeJsonLines(tempDir(), [header(), privateCustomer('F-1')], 'bom.jsonl', '\uFEFF')
		);
		expect(result.status).toBe('succeeded');
		expect(result.counts.customersAdded).toBe(1);
	});

	it('refuses an empty file, a line that is not JSON, and a file without the export record first', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		fs.writeFileSync(path.join(dir, 'empty.jsonl'), '');
		expect((await runImport(db, path.join(dir, 'empty.jsonl'))).problems).toEqual([
			{ file: 'empty.jsonl', row: 0, field: '', reason: 'the export is empty' }
		]);
		fs.writeFileSync(
			path.join(dir, 'broken.jsonl'),
			JSON.stringify(header()) + '\n{"type": "customer",\n'
		);
		expect((await runImport(db, path.join(dir, 'broken.jsonl'))).problems).toEqual([
			{ file: 'broken.jsonl', row: 2, field: '', reason: 'is not valid JSON' }
		]);
		const headless = await runImport(
			db,
			writeJsonLines(dir, [privateCustomer('F-1')], 'headless.jsonl')
		);
		expect(headless.problems[0]).toMatchObject({
			row: 1,
			reason: expect.stringContaining('must come first')
		});
		expect(await db.selectFrom('customer').select('id').execute()).toEqual([]);
	});

	it('refuses negative amounts, totals that do not add up, duplicates and unknown documents', async () => {
		const db = await memoryDb();
		const customer = privateCustomer('F-1');
		customer.documents[0]!.total = '-12.10';
		customer.payments[0]!.amount = '-5.00';
		const duplicateDocs = privateCustomer('F-2');
		duplicateDocs.documents.push({ ...duplicateDocs.documents[0]! });
		duplicateDocs.containers[0]!.dates = ['2026-11-24', '2026-11-24'];
		const unknownDocument = privateCustomer('F-3');
		unknownDocument.payments[0]!.document = 'NO-SUCH';
		const result = await runImport(
			db,
			writeJsonLines(tempDir(), [
				header(),
				customer,
				duplicateDocs,
				unknownDocument,
				privateCustomer('F-1')
			])
		);
		expect(result.status).toBe('failed');
		expect(result.problems.map((p) => `${p.row} ${p.field}: ${p.reason}`)).toEqual([
			'2 documents[0].total: must not be negative',
			'2 payments[0].amount: must be more than zero',
			'3 containers[0].dates[1]: 2026-11-24 appears more than once',
			'3 documents[1].number: "A-F-2-1" appears more than once',
			'4 payments[0].document: no document "NO-SUCH" of this customer',
			'5 contractNumber: customer "F-1" appears more than once'
		]);
		expect(result.problemCount).toBe(6);
		expect(await db.selectFrom('customer').select('id').execute()).toEqual([]);
	});

	it('keeps a legal entity’s VAT number and legal address for its invoices, and refuses them on a private person or malformed (issue 14)', async () => {
		const db = await memoryDb();
		const legal = (contract: string, extra: Record<string, string>) =>
			privateCustomer(contract, {
				kind: 'legal',
				name: 'SIA “Gaujas maiznīca”',
				personalCode: undefined,
				registrationNumber: '40003521600',
				...extra
			});
		const refused = await runImport(
			db,
			writeJsonLines(tempDir(), [
				header(),
				privateCustomer('F-1', { vatNumber: 'LV40003521600' }),
				privateCustomer('F-2', { legalAddress: 'Rīgas iela 1, Valmiera' }),
				legal('J-1', { vatNumber: '40003521600' })
			])
		);
		expect(refused.problems.map((p) => `${p.row} ${p.field}: ${p.reason}`)).toEqual([
			'2 vatNumber: only legal entities have a VAT number',
			'3 legalAddress: only legal entities have a legal address',
			'4 vatNumber: a VAT number is the country code and 2–12 digits or letters, e.g. LV40003521600'
		]);
		expect(await db.selectFrom('customer').select('id').execute()).toEqual([]);

		const loaded = await runImport(
			db,
			writeJsonLines(tempDir(), [
				header(),
				legal('J-1', {
					vatNumber: 'lv 4000 3521 600',
					legalAddress: 'Rīgas iela 1, Valmiera, LV-4201'
				})
			])
		);
		expect(loaded.status).toBe('succeeded');
		expect(
			await db.selectFrom('customer').select(['vat_number', 'legal_address']).execute()
		).toEqual([{ vat_number: 'LV40003521600', legal_address: 'Rīgas iela 1, Valmiera, LV-4201' }]);
	});

	it('refuses direction controls and zero-width characters in names and addresses, naming row and field (issue 13.10)', async () => {
		const db = await memoryDb();
		// "Ozoliņa" shown reversed after a right-to-left override, and a zero-width space.
		const overridden = privateCustomer('F-1', { name: 'Līga \u202eaņilozO' });
		const hidden = privateCustomer('F-2');
		hidden.containers[0]!.address = 'Rīgas\u200b iela 1, Valmiera';
		const isolated = privateCustomer('F-3', { name: '\u2067Jānis Bērziņš\u2069' });
		const result = await runImport(
			db,
			writeJsonLines(tempDir(), [header(), overridden, hidden, isolated])
		);
		expect(result.status).toBe('failed');
		expect(result.problems.map((p) => `${p.row} ${p.field}: ${p.reason}`)).toEqual([
			'2 name: contains an invisible or direction-changing character (U+202E)',
			'3 containers[0].address: contains an invisible or direction-changing character (U+200B)',
			'4 name: contains an invisible or direction-changing character (U+2067)'
		]);
		expect(await db.selectFrom('customer').select('id').execute()).toEqual([]);
	});

	it('refuses a company profile with a wrong IBAN and keeps the stored one', async () => {
		const db = await memoryDb();
		const company = {
			type: 'company',
			brandName: 'Vidzemes Vide',
			legalName: 'SIA “Vidzemes Vide”',
			registrationNumber: '40003521600',
			address: 'Valmiera',
			phone: '+371 64 200 100',
			email: 'klienti@example.lv',
			paperInvoiceFee: '1,00'
		};
		const good = {
			...company,
			bankAccounts: [{ bankName: 'Swedbank', iban: 'LV80BANK0000435195001', bic: 'HABALV22' }]
		};
		const bad = {
			...company,
			brandName: 'Cits',
			bankAccounts: [
				{
					bankName: 'Swedbank',
					iban: 'LV81BANK0000435195001',
					bic: 'HABALV22',
					internetBankUrl: 'http://insecure.example'
				}
			]
		};
		const dir = tempDir();
		expect((await runImport(db, writeJsonLines(dir, [header(), good]))).status).toBe('succeeded');
		const result = await runImport(db, writeJsonLines(dir, [header(), bad]));
		expect(result.problems.map((p) => `${p.row} ${p.field}: ${p.reason}`)).toEqual([
			'2 bankAccounts[0].iban: the check digits of the IBAN are wrong',
			'2 bankAccounts[0].internetBankUrl: must be an https:// address'
		]);
		expect(await db.selectFrom('company').select('brand_name').execute()).toEqual([
			{ brand_name: 'Vidzemes Vide' }
		]);
	});

	it('reports the first 50 problems and counts the rest', async () => {
		const db = await memoryDb();
		const customers = Array.from({ length: 80 }, (_, i) =>
			privateCustomer(`F-${i}`, { balanceAsOf: '2026-13-01' })
		);
		const result = await runImport(db, writeJsonLines(tempDir(), [header(), ...customers]));
		expect(result.problems).toHaveLength(50);
		expect(result.problemCount).toBe(80);
	});

	it('refuses an export older than the data already loaded', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		await runImport(db, writeJsonLines(dir, [header('2026-11-20'), privateCustomer('F-1')]));
		const older = await runImport(
			db,
			writeJsonLines(dir, [header('2026-11-19'), privateCustomer('F-1', { name: 'Old' })])
		);
		expect(older.status).toBe('failed');
		expect(older.problems[0]).toMatchObject({
			field: 'asOf',
			reason: expect.stringContaining('older')
		});
	});

	it('stores a personal code only as its keyed hash', async () => {
		const db = await memoryDb();
		await runImport(db, writeJsonLines(tempDir(), [header(), privateCustomer('F-1')]));
		const row = await db.selectFrom('customer').selectAll().executeTakeFirstOrThrow();
		expect(row.personal_code_hash).toBe(
			createHmac('sha256', KEY).update('16117519997').digest('hex')
		);
		expect(JSON.stringify(row)).not.toMatch(/161175|16117519997/);
	});

	it('records each run with its data date and next update', async () => {
		const db = await memoryDb();
		const file = writeJsonLines(tempDir(), [header('2026-11-20'), privateCustomer('F-1')]);
		const result = await runImport(db, file, () => new Date('2026-11-20T23:30:00Z'));
		const run = await db
			.selectFrom('import_run')
			.selectAll()
			.where('id', '=', result.runId)
			.executeTakeFirstOrThrow();
		expect(run).toMatchObject({
			source: file,
			status: 'succeeded',
			as_of: '2026-11-20',
			next_update: '2026-11-21',
			started_at: '2026-11-20T23:30:00.000Z',
			customers_added: 1
		});
		expect(run.rows_written).toBe(7);
	});

	it('runs one import at a time: a second one started meanwhile is refused and changes nothing', async () => {
		const db = await memoryDb();
		const file = path.join(tempDir(), 'demo.jsonl');
		await writeDemoExport(file, { customers: 200, today: '2026-11-20' });
		const [first, second] = await Promise.all([runImport(db, file), runImport(db, file)]);
		expect([first.status, second.status].sort()).toEqual(['failed', 'succeeded']);
		const refused = first.status === 'failed' ? first : second;
		expect(refused.problems.map((p) => p.reason)).toEqual([
			expect.stringMatching(/^the import stopped: another import has been running since /)
		]);
		expect(refused.counts.rowsWritten).toBe(0);
		// The lease is given back: the next import runs (and finds nothing to change).
		const third = await runImport(db, file);
		expect(third.status).toBe('succeeded');
		expect(third.counts.rowsWritten).toBe(0);
	});
});
