import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { packQrModules, QR_MARGIN, qrPath } from '../../src/lib/domain/qr-code';
import { tallyQueries } from '../../src/lib/server/db/query-tally';
import { epcPayload } from '../../src/lib/epc';
import {
	getDocument,
	listLatestDocuments,
	listDocuments,
	listDocumentYears,
	listUnpaidDocuments
} from '../../src/lib/server/document';
import { paymentStatus } from '../../src/lib/server/payment';
import { header, memoryDb, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';

describe('the QR code as modules', () => {
	const payloads = [
		epcPayload({
			bic: 'HABALV22',
			name: 'SIA “Vidzemes Vide”',
			iban: 'LV33HABA5501000000000',
			amountCents: 22046,
			remittance: 'R2026-0000031'
		}),
		'BCD',
		'x'.repeat(300)
	];
	it.each(payloads)(
		'packs them and draws the path qrcode’s own SVG has, for a payload of %#',
		async (payload) => {
			const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
			const packed = packQrModules(modules.size, modules.data);
			// 1 bit a module in base64, against 3 KB of SVG for the first.
			expect(packed.bits.length).toBe(
				Math.ceil(Math.ceil((modules.size * modules.size) / 8) / 3) * 4
			);
			const svg = await QRCode.toString(payload, {
				type: 'svg',
				errorCorrectionLevel: 'M',
				margin: QR_MARGIN
			});
			expect(qrPath(packed)).toBe(/stroke="#000000" d="([^"]+)"/.exec(svg)![1]);
			expect(svg).toContain(`viewBox="0 0 ${modules.size + 2 * QR_MARGIN} `);
		}
	);
});

describe('the EPC QR payload', () => {
	it('has the EPC069-12 fields in order: service tag, version, UTF-8, SCT, BIC, name, IBAN, amount, remittance', () => {
		const payload = epcPayload({
			bic: 'HABALV22',
			name: 'SIA “Vidzemes Vide”',
			iban: 'LV33 HABA 5501 0000 0000 0',
			amountCents: 9148,
			remittance: 'R2026-0000202'
		});
		expect(payload.split('\n')).toEqual([
			'BCD',
			'002',
			'1',
			'SCT',
			'HABALV22',
			'SIA “Vidzemes Vide”',
			'LV33HABA5501000000000',
			'EUR91.48',
			'',
			'',
			'R2026-0000202'
		]);
	});
	it('cuts the name to 70 and the remittance to 140 characters, and refuses amounts outside the standard', () => {
		const payload = epcPayload({
			bic: 'HABALV22',
			name: 'Ā'.repeat(80),
			iban: 'LV33HABA5501000000000',
			amountCents: 5,
			remittance: 'x'.repeat(200)
		});
		const lines = payload.split('\n');
		expect([...lines[5]!].length).toBe(70);
		expect(lines[7]).toBe('EUR0.05');
		expect(lines[10]!.length).toBe(140);
		expect(() =>
			epcPayload({
				bic: 'HABALV22',
				name: 'A',
				iban: 'LV33HABA5501000000000',
				amountCents: 0,
				remittance: 'x'
			})
		).toThrow(RangeError);
	});
});

describe('documents and payment status', () => {
	async function setup() {
		const db = await memoryDb();
		const owner = privateCustomer('F-1');
		owner.documents.push({
			...owner.documents[0]!,
			number: 'A-OLD',
			issueDate: '2025-04-05',
			dueDate: '2025-05-04',
			periodStart: '2025-04-01',
			periodEnd: '2025-06-30',
			paymentReference: 'A-OLD'
		});
		owner.payments.push({
			date: '2025-05-01',
			amount: '12.10',
			bank: 'SEB banka',
			reference: 'A-OLD',
			document: 'A-OLD'
		});
		await runImport(db, writeJsonLines(tempDir(), [header(), owner, privateCustomer('F-2')]));
		const ids = await db
			.selectFrom('customer')
			.select(['id', 'contract_number'])
			.orderBy('contract_number')
			.execute();
		return { db, owner: ids[0]!.id, other: ids[1]!.id };
	}

	it('lists a year of documents with their payments and state, and the years there are', async () => {
		const { db, owner } = await setup();
		expect(await listDocumentYears(db, owner)).toEqual([2026, 2025]);
		const docs = await listDocuments(db, owner, 2026, '2026-11-23');
		expect(docs).toEqual([
			{
				number: 'A-F-1-1',
				kind: 'calculation',
				issueDate: '2026-10-05',
				dueDate: '2026-11-04',
				totalCents: 1210,
				paidCents: 500,
				state: 'partly',
				overdue: true,
				payments: [{ date: '2026-10-20', amountCents: 500, bank: 'Swedbank', reference: 'A-F-1-1' }]
			}
		]);
		expect((await listDocuments(db, owner, 2025, '2026-11-23'))[0]).toMatchObject({
			number: 'A-OLD',
			state: 'paid',
			overdue: false
		});
	});

	it('fetches a document by owner and number together', async () => {
		const { db, owner, other } = await setup();
		expect(await getDocument(db, owner, 'A-F-1-1', '2026-11-01')).toMatchObject({
			totalCents: 1210,
			netCents: 1000,
			vatCents: 210,
			paidCents: 500,
			overdue: false,
			lines: [{ description: 'Sadzīves atkritumu izvešana, 240 l', quantityMilli: 2000 }]
		});
		expect(await getDocument(db, other, 'A-F-1-1', '2026-11-01')).toBeNull();
		expect(await getDocument(db, owner, "A-F-2-1' or '1'='1", '2026-11-01')).toBeNull();
	});

	it('gives the latest documents in full, as getDocument gives each, in two queries however many there are (issue 15)', async () => {
		const { db, owner } = await setup();
		const { result: latest, queries } = await tallyQueries(() =>
			listLatestDocuments(db, owner, 12, '2026-11-23')
		);
		expect(latest.map((d) => d.number)).toEqual(['A-F-1-1', 'A-OLD']);
		expect(queries).toBe(2);
		for (const document of latest)
			expect(document).toEqual(await getDocument(db, owner, document.number, '2026-11-23'));
		expect(latest[1]!.payments).toEqual([
			{ date: '2025-05-01', amountCents: 1210, bank: 'SEB banka', reference: 'A-OLD' }
		]);
		// Another customer's documents are not among them.
		expect(await listLatestDocuments(db, owner + 100, 12, '2026-11-23')).toEqual([]);
	});

	it('takes "owes or not" from the billing balance and the due date from the oldest unpaid document', async () => {
		const { db, owner } = await setup();
		const unpaid = await listUnpaidDocuments(db, owner, '2026-11-23');
		expect(unpaid.map((d) => d.number)).toEqual(['A-F-1-1']);
		expect(paymentStatus(710, unpaid)).toEqual({
			settled: false,
			unpaidCents: 710,
			dueDate: '2026-11-04',
			overdue: true
		});
		expect(paymentStatus(0, unpaid)).toEqual({ settled: true, overpaidCents: 0 });
		expect(paymentStatus(-250, [])).toEqual({ settled: true, overpaidCents: 250 });
	});
});
