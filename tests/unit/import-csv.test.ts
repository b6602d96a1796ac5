import { describe, expect, it } from 'vitest';
import {
	header,
	memoryDb,
	privateCustomer,
	runImport,
	tempDir,
	writeCsvFolder,
	writeJsonLines
} from './helpers';

/** The CSV form of `privateCustomer('F-1')` from the helpers, with decimal commas. */
function csvFiles(): Record<string, string[][]> {
	return {
		'export.csv': [
			['as_of', 'next_update'],
			['20.11.2026', '2026-11-21']
		],
		'customers.csv': [
			[
				'contract_number',
				'kind',
				'name',
				'personal_code',
				'registration_number',
				'phone',
				'email',
				'invoice_delivery',
				'e_invoice_agreement',
				'balance',
				'balance_as_of'
			],
			[
				'F-1',
				'private',
				'Līga Ozoliņa',
				'161175-19997',
				'',
				'+371 29 123 456',
				'liga@example.lv',
				'electronic',
				'active',
				'12,10',
				'2026-11-20'
			]
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
			],
			[
				'F-1',
				'calculation',
				'A-F-1-1',
				'2026-10-05',
				'2026-11-04',
				'2026-10-01',
				'2026-12-31',
				'10,00',
				'2,10',
				'12,10',
				'A-F-1-1'
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
			],
			['F-1', 'A-F-1-1', 'Sadzīves atkritumu izvešana, 240 l', '2', 'reizes', '5,00', '21', '10,00']
		],
		'payments.csv': [
			['contract_number', 'date', 'amount', 'bank', 'reference', 'document'],
			['F-1', '2026-10-20', '5,00', 'Swedbank', 'A-F-1-1', 'A-F-1-1']
		],
		'containers.csv': [
			['contract_number', 'code', 'address', 'fraction', 'volume_litres', 'count', 'frequency'],
			['F-1', 'K1', 'Rīgas iela 1, Valmiera', 'mixed', '240', '1', '1 reizi 2 nedēļās']
		],
		'collection_dates.csv': [
			['contract_number', 'container_code', 'collection_date'],
			['F-1', 'K1', '2026-11-24'],
			['F-1', 'K1', '08.12.2026']
		]
	};
}

describe('import of a CSV export', () => {
	it('reads BOM, `;` and decimal commas into exactly what the JSON Lines form gives', async () => {
		const db = await memoryDb();
		const csv = await runImport(db, writeCsvFolder(csvFiles(), true));
		expect(csv.status).toBe('succeeded');
		expect(csv.counts).toMatchObject({ customersAdded: 1, rowsWritten: 7 });
		const customer = await db
			.selectFrom('customer')
			.select(['balance_cents', 'personal_code_hash'])
			.executeTakeFirstOrThrow();
		expect(customer.balance_cents).toBe(1210);
		// Same snapshot, same hash: the JSON Lines form of the same data changes nothing.
		const json = await runImport(db, writeJsonLines(tempDir(), [header(), privateCustomer('F-1')]));
		expect(json.counts).toMatchObject({
			customersAdded: 0,
			customersUpdated: 0,
			customersUnchanged: 1
		});
	});

	it('reads outcomes and moves from collection_dates.csv’s optional columns as the JSON form gives them (issue 16)', async () => {
		const db = await memoryDb();
		const files = csvFiles();
		files['collection_dates.csv'] = [
			[
				'contract_number',
				'container_code',
				'collection_date',
				'outcome',
				'time',
				'reason',
				'moved_from',
				'move_reason'
			],
			['F-1', 'K1', '2026-11-24', 'not_put_out', '', 'Konteiners nebija izlikts', '', ''],
			['F-1', 'K1', '28.12.2026', '', '', '', '24.12.2026', 'Ziemassvētki']
		];
		expect((await runImport(db, writeCsvFolder(files))).status).toBe('succeeded');
		const plain = privateCustomer('F-1');
		const dates = [
			{ date: '2026-11-24', outcome: 'not_put_out', reason: 'Konteiners nebija izlikts' },
			{ date: '2026-12-28', movedFrom: '2026-12-24', moveReason: 'Ziemassvētki' }
		];
		const customer = { ...plain, containers: [{ ...plain.containers[0]!, dates }] };
		const json = await runImport(db, writeJsonLines(tempDir(), [header(), customer]));
		expect(json.counts).toMatchObject({ customersUnchanged: 1 });

		files['collection_dates.csv'][1]![3] = 'lost';
		const refused = await runImport(db, writeCsvFolder(files));
		expect(refused.problems).toEqual([
			{
				file: 'collection_dates.csv',
				row: 2,
				field: 'outcome',
				reason: 'must be one of: emptied, not_put_out, not_accessible, wrong_sorting, late'
			}
		]);
	});

	it('reads notices.csv, its lists space- or comma-separated, as the JSON form’s notice records (issue 16)', async () => {
		const db = await memoryDb();
		const files = csvFiles();
		files['notices.csv'] = [
			['id', 'severity', 'from', 'to', 'fractions', 'contracts', 'area', 'text_lv', 'text_en'],
			[
				'N-1',
				'disruption',
				'20.11.2026',
				'2026-11-30',
				'mixed, paper',
				'F-1',
				'Valmiera',
				'Sniegs.',
				''
			],
			['N-2', 'info', '2026-11-20', '2026-11-21', '', '', '', 'Svētki.', 'Holiday.']
		];
		const csv = await runImport(db, writeCsvFolder(files));
		expect(csv.problems).toEqual([]);
		expect(csv.counts.noticesUpdated).toBe(true);
		const notices = [
			{
				type: 'notice',
				id: 'N-1',
				severity: 'disruption',
				from: '2026-11-20',
				to: '2026-11-30',
				fractions: ['mixed', 'paper'],
				contracts: ['F-1'],
				area: 'Valmiera',
				text: { lv: 'Sniegs.' }
			},
			{
				type: 'notice',
				id: 'N-2',
				severity: 'info',
				from: '2026-11-20',
				to: '2026-11-21',
				text: { lv: 'Svētki.', en: 'Holiday.' }
			}
		];
		const json = await runImport(
			db,
			writeJsonLines(tempDir(), [header(), ...notices, privateCustomer('F-1')])
		);
		expect(json.problems).toEqual([]);
		expect(json.counts.noticesUpdated).toBe(false);

		files['notices.csv'][1]![1] = 'urgent';
		const refused = await runImport(db, writeCsvFolder(files));
		expect(refused.problems).toEqual([
			{ file: 'notices.csv', row: 2, field: 'severity', reason: 'must be one of: info, disruption' }
		]);
	});

	it('names the file and the missing column', async () => {
		const db = await memoryDb();
		const files = csvFiles();
		files['customers.csv'] = files['customers.csv']!.map((row) => row.filter((_, i) => i !== 2));
		const result = await runImport(db, writeCsvFolder(files));
		expect(result.status).toBe('failed');
		expect(result.problems).toEqual([
			{ file: 'customers.csv', row: 1, field: 'name', reason: 'the column is missing' }
		]);
	});

	it('refuses rows that refer to a customer or container not in the export', async () => {
		const db = await memoryDb();
		const files = csvFiles();
		files['documents.csv']!.push([
			'F-404',
			'calculation',
			'A-9',
			'2026-10-05',
			'2026-11-04',
			'2026-10-01',
			'2026-12-31',
			'0',
			'0',
			'0',
			'A-9'
		]);
		files['collection_dates.csv']!.push(['F-1', 'K9', '2026-12-22']);
		const result = await runImport(db, writeCsvFolder(files));
		expect(result.problems).toEqual([
			{
				file: 'documents.csv',
				row: 3,
				field: 'contract_number',
				reason: 'refers to customer "F-404", which is not in the export'
			},
			{
				file: 'collection_dates.csv',
				row: 4,
				field: 'container_code',
				reason: 'refers to container "K9" of customer "F-1", which is not in the export'
			}
		]);
		expect(await db.selectFrom('customer').select('id').execute()).toEqual([]);
	});

	it('names the row and column of an impossible date, a duplicate row and a negative amount', async () => {
		const db = await memoryDb();
		const files = csvFiles();
		files['collection_dates.csv']!.push(['F-1', 'K1', '2025-02-30'], ['F-1', 'K1', '2026-11-24']);
		files['payments.csv']![1]![2] = '-5,00';
		files['customers.csv']!.push([...files['customers.csv']![1]!]);
		const result = await runImport(db, writeCsvFolder(files));
		expect(result.problems.map((p) => `${p.file}:${p.row} ${p.field}: ${p.reason}`)).toEqual([
			'collection_dates.csv:4 collection_date: "2025-02-30" is not a date that exists (YYYY-MM-DD or DD.MM.YYYY)',
			'collection_dates.csv:5 collection_date: 2026-11-24 appears more than once',
			'payments.csv:2 amount: must be more than zero',
			'customers.csv:3 contract_number: customer "F-1" appears more than once'
		]);
	});

	it('refuses an empty file and a missing one', async () => {
		const db = await memoryDb();
		const files = csvFiles();
		files['customers.csv'] = [];
		delete files['payments.csv'];
		const result = await runImport(db, writeCsvFolder(files));
		expect(result.problems).toEqual([
			{
				file: 'customers.csv',
				row: 1,
				field: '',
				reason: 'the file is empty: it needs at least the header row'
			},
			{
				file: 'payments.csv',
				row: 1,
				field: '',
				reason: 'the file is missing (it may hold only the header row)'
			}
		]);
	});
});
