/** The view models the document page, the offline page, the PDFs and the calendars render. */
import { describe, expect, it } from 'vitest';
import {
	calendarName,
	collectionMoveLabel,
	collectionNotes,
	collectionResultLabel
} from '../../src/lib/domain/calendar-view';
import type { DocumentDetail } from '../../src/lib/domain/document';
import {
	documentFacts,
	documentState,
	documentTitle,
	documentTotals,
	lineCells,
	paymentFields
} from '../../src/lib/domain/document-view';
import type { PaymentDetails } from '../../src/lib/domain/payment';

/** Intl's money and dates use narrow no-break spaces; compared here as plain ones. */
const plain = (value: unknown) => JSON.parse(JSON.stringify(value).replace(/[\u00a0\u202f]/g, ' '));

const invoice: DocumentDetail = {
	number: 'R2026-0000012',
	kind: 'invoice',
	issueDate: '2026-11-05',
	dueDate: '2026-11-25',
	totalCents: 22046,
	paidCents: 10000,
	state: 'partly',
	overdue: true,
	periodStart: '2026-10-01',
	periodEnd: '2026-10-31',
	netCents: 18220,
	vatCents: 3826,
	paymentReference: 'R2026-0000012',
	lines: [
		{
			description: 'Sadzīves atkritumu izvešana, 1100 l',
			quantityMilli: 8000,
			unit: 'reizes',
			unitPriceCents: 1890,
			vatRate: 21,
			netCents: 15120
		}
	],
	payments: [
		{ date: '2026-11-20', amountCents: 10000, bank: 'Swedbank', reference: 'R2026-0000012' }
	]
};

const pay: PaymentDetails = {
	recipient: 'SIA “Vidzemes Vide”',
	iban: 'LV80HABA0551000000000',
	bic: 'HABALV22',
	amountCents: 12046,
	reference: 'R2026-0000012',
	banks: [],
	qr: { size: 0, bits: '' }
};

describe('the document view model', () => {
	it('titles an invoice and a calculation in each language', () => {
		expect(documentTitle(invoice, 'lv')).toBe('Rēķins R2026-0000012');
		expect(documentTitle({ kind: 'calculation', number: 'A-1' }, 'en')).toBe('Bill A-1');
	});

	it('gives the dates and reference as rows', () => {
		expect(plain(documentFacts(invoice, 'en'))).toEqual([
			{ label: 'Issued', value: '5 Nov 2026' },
			{ label: 'Period', value: '1 Oct 2026 – 31 Oct 2026' },
			{ label: 'Due date', value: '25 Nov 2026' },
			{ label: 'Payment reference', value: 'R2026-0000012' }
		]);
	});

	it('says the state, and overdue when it is', () => {
		expect(documentState(invoice, 'lv')).toBe('Daļēji apmaksāts · Nokavēts');
		expect(documentState({ ...invoice, state: 'paid', overdue: false }, 'en')).toBe('Paid');
	});

	it('gives a line’s quantity, price, VAT rate and net amount', () => {
		expect(plain(lineCells(invoice.lines[0]!, 'lv'))).toEqual({
			quantity: '8 reizes',
			price: '18,90 €',
			vat: '21%',
			net: '151,20 €'
		});
	});

	it('totals what is left from the total and what was paid, the two sums in bold', () => {
		expect(plain(documentTotals(invoice, 'en'))).toEqual([
			{ label: 'Total without VAT', value: '€182.20', total: false },
			{ label: 'VAT', value: '€38.26', total: false },
			{ label: 'Total to pay', value: '€220.46', total: true },
			{ label: 'Paid', value: '€100.00', total: false },
			{ label: 'Left to pay', value: '€120.46', total: true }
		]);
	});

	it('gives the payment details as shown and as copied: the IBAN in groups, the amount as a bank form takes it', () => {
		expect(plain(paymentFields(pay, 'en'))).toEqual([
			{
				key: 'recipient',
				label: 'Recipient',
				value: 'SIA “Vidzemes Vide”',
				copy: 'SIA “Vidzemes Vide”'
			},
			{
				key: 'iban',
				label: 'Account (IBAN)',
				value: 'LV80 HABA 0551 0000 0000 0',
				copy: 'LV80HABA0551000000000'
			},
			{ key: 'amount', label: 'Amount', value: '€120.46', copy: '120.46' },
			{
				key: 'reference',
				label: 'Payment reference',
				value: 'R2026-0000012',
				copy: 'R2026-0000012'
			}
		]);
	});
});

describe('the calendar view model', () => {
	it('names the calendar for the brand and contract, and a part of it after a colon', () => {
		expect(calendarName({ brand: 'Vidzemes Vide', contract: 'dem-1-oju' }, 'en')).toBe(
			'Vidzemes Vide: collection calendar, contract dem-1-oju'
		);
		expect(calendarName({ brand: 'Vidzemes Vide', contract: '7', part: 'Stikls' }, 'lv')).toBe(
			'Vidzemes Vide: izvešanas kalendārs, līgums 7: Stikls'
		);
	});

	it('says what the crew reported, with the time or the reason after it (issue 16)', () => {
		const emptied = { outcome: 'emptied' as const, time: '10:32', reason: null };
		expect(collectionResultLabel(emptied, 'lv')).toBe('izvests 10:32');
		expect(collectionResultLabel(emptied, 'en')).toBe('emptied at 10:32');
		expect(collectionResultLabel(emptied, 'ru')).toBe('вывезено в 10:32');
		expect(collectionResultLabel({ ...emptied, time: null }, 'lv')).toBe('izvests');
		const missed = { outcome: 'not_accessible' as const, time: null, reason: 'vārti aizslēgti' };
		expect(collectionResultLabel(missed, 'lv')).toBe(
			'nav izvests: konteiners nebija pieejams — vārti aizslēgti'
		);
		expect(collectionResultLabel({ ...missed, outcome: 'not_put_out', reason: null }, 'en')).toBe(
			'not emptied: the container was not put out'
		);
		expect(collectionResultLabel({ ...missed, outcome: 'late', reason: null }, 'ru')).toBe(
			'задерживается'
		);
	});

	it('says where a moved date came from and why, then its outcome', () => {
		const moved = { from: '2026-12-24', reason: 'Ziemassvētki' };
		expect(collectionMoveLabel(moved, 'lv')).toBe('pārcelts no 24.12. — Ziemassvētki');
		expect(collectionMoveLabel(moved, 'en')).toBe('moved from 24 December — Ziemassvētki');
		expect(collectionMoveLabel({ ...moved, reason: null }, 'ru')).toBe('перенесено с 24.12');
		expect(
			collectionNotes({ moved, result: { outcome: 'emptied', time: '09:05', reason: null } }, 'lv')
		).toEqual(['pārcelts no 24.12. — Ziemassvētki', 'izvests 09:05']);
		expect(collectionNotes({}, 'lv')).toEqual([]);
	});
});
