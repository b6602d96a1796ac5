import { describe, expect, it } from 'vitest';
import type { CustomerSnapshot, SettlementDocument } from '../../src/lib/server/import/records';
import { addCustomerRows, customerRows, noOwnedRows } from '../../src/lib/server/import/rows';

const line = { quantityMilli: 1000, unit: 'gab.', unitPriceCents: 500, vatRate: 21, netCents: 500 };

const documentOf = (number: string, lines: number): SettlementDocument => ({
	kind: 'invoice',
	number,
	issueDate: '2026-11-01',
	dueDate: '2026-11-20',
	periodStart: '2026-10-01',
	periodEnd: '2026-10-31',
	netCents: 500 * lines,
	vatCents: 105 * lines,
	totalCents: 605 * lines,
	paymentReference: number,
	lines: Array.from({ length: lines }, (_, i) => ({ ...line, description: `Izvešana ${i}` }))
});

const container = (code: string, dates: string[]) => ({
	code,
	address: 'Rīgas iela 1',
	fraction: 'mixed' as const,
	volumeLitres: 240,
	count: 1,
	frequency: '1 reizi 2 nedēļās',
	dates,
	details: []
});

const snapshot: CustomerSnapshot = {
	contractNumber: 'R-1',
	kind: 'private',
	name: 'Līga Ozoliņa',
	personalCode: '161175-19997',
	registrationNumber: null,
	vatNumber: null,
	legalAddress: null,
	phone: null,
	email: 'liga@example.lv',
	invoiceDelivery: 'electronic',
	eInvoiceAgreement: 'none',
	balanceCents: -1210,
	balanceAsOf: '2026-11-20',
	documents: [documentOf('A-1', 1), documentOf('A-2', 2)],
	payments: [
		{
			date: '2026-11-10',
			amountCents: 1210,
			bank: 'Swedbank',
			reference: 'A-2',
			documentNumber: 'A-2'
		},
		{ date: '2026-11-11', amountCents: 100, bank: 'SEB', reference: '', documentNumber: null }
	],
	containers: [
		container('K-1', ['2026-11-24']),
		{
			...container('K-2', ['2026-11-25', '2026-12-09']),
			details: [
				{
					date: '2026-12-09',
					result: { outcome: 'late', time: '14:05', reason: null },
					moved: { from: '2026-12-08', reason: 'Svētki' }
				}
			]
		}
	]
};

describe('a customer’s rows', () => {
	it('refer to the ids the writer gives: the customer’s, and its documents’ and containers’ from the next free ones', () => {
		const batch = noOwnedRows();
		const next = { document: 70, container: 30 };
		addCustomerRows(batch, customerRows(snapshot, 'hash'), 5, next);

		expect(next).toEqual({ document: 72, container: 32 });
		expect(batch.documents.flat().filter((_, i) => i % 12 < 4)).toEqual([
			...[70, 5, 'invoice', 'A-1'],
			...[71, 5, 'invoice', 'A-2']
		]);
		expect(batch.lines.flat().filter((_, i) => i % 8 < 3)).toEqual([
			...[70, 0, 'Izvešana 0'],
			...[71, 0, 'Izvešana 0'],
			...[71, 1, 'Izvešana 1']
		]);
		// A payment refers to its document by id, or to none.
		expect(batch.payments.flat()).toEqual([
			...[5, 71, '2026-11-10', 1210, 'Swedbank', 'A-2'],
			...[5, null, '2026-11-11', 100, 'SEB', '']
		]);
		expect(batch.containers.flat().filter((_, i) => i % 8 < 3)).toEqual([
			...[30, 5, 'K-1'],
			...[31, 5, 'K-2']
		]);
		expect(batch.dates.flat()).toEqual([
			...[30, '2026-11-24'],
			...[31, '2026-11-25'],
			...[31, '2026-12-09']
		]);
		expect(batch.details.flat()).toEqual([
			31,
			'2026-12-09',
			'late',
			'14:05',
			null,
			'2026-12-08',
			'Svētki'
		]);
	});

	it('cross a thread as JSON and come back the same, a second customer numbered after the first', () => {
		const batch = noOwnedRows();
		const next = { document: 1, container: 1 };
		const rows = customerRows(snapshot, null);
		expect(rows[0]).toMatchObject({ contract_number: 'R-1', personal_code_hash: null });
		addCustomerRows(batch, JSON.parse(JSON.stringify(rows)), 1, next);
		addCustomerRows(batch, JSON.parse(JSON.stringify(rows)), 2, next);
		expect(next).toEqual({ document: 5, container: 5 });
		expect(batch.dates.flat()).toEqual([
			...[1, '2026-11-24'],
			...[2, '2026-11-25'],
			...[2, '2026-12-09'],
			...[3, '2026-11-24'],
			...[4, '2026-11-25'],
			...[4, '2026-12-09']
		]);
		expect(batch.payments.flat().filter((_, i) => i % 6 < 2)).toEqual([
			1,
			2,
			1,
			null,
			2,
			4,
			2,
			null
		]);
	});
});
