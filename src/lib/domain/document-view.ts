/**
 * What a document shows, once: its title, facts, lines, totals and payment details, in the
 * customer's language. The document page, the offline page and the PDF all render these, so
 * a row added here shows in each of them, and tests/e2e/document-view.spec.ts holds the
 * page and the PDF to the same rows.
 */
import { day, money, quantity } from '../format';
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';
import { formatIban } from '../validators';
import type { DocumentDetail, DocumentKind, DocumentLine } from './document';
import type { PaymentDetails } from './payment';

export interface Row {
	label: string;
	value: string;
}

/** "Rēķins Nr. R2026-0000001" or "Aprēķins A2026-0000002". */
export function documentTitle(doc: { kind: DocumentKind; number: string }, locale: Locale) {
	return doc.kind === 'invoice'
		? m.document_invoice_title({ number: doc.number }, { locale })
		: m.document_calculation_title({ number: doc.number }, { locale });
}

/** The dates and reference, as both the page and the PDF head a document. */
export function documentFacts(doc: DocumentDetail, locale: Locale): Row[] {
	return [
		{ label: m.document_issue_date({}, { locale }), value: day(doc.issueDate, locale) },
		{
			label: m.document_period({}, { locale }),
			value: `${day(doc.periodStart, locale)} – ${day(doc.periodEnd, locale)}`
		},
		{ label: m.document_due_date({}, { locale }), value: day(doc.dueDate, locale) },
		{ label: m.document_reference({}, { locale }), value: doc.paymentReference }
	];
}

/** Paid, partly paid or unpaid, and overdue when it is. */
export function documentState(doc: DocumentDetail, locale: Locale): string {
	const state = {
		paid: m.state_paid,
		partly: m.state_partly,
		unpaid: m.state_unpaid
	}[doc.state]({}, { locale });
	return doc.overdue ? `${state} · ${m.state_overdue({}, { locale })}` : state;
}

/** A line's cells: quantity, unit price, VAT rate and net amount. */
export function lineCells(line: DocumentLine, locale: Locale) {
	return {
		quantity: quantity(line.quantityMilli, line.unit, locale),
		price: money(line.unitPriceCents, locale),
		vat: `${line.vatRate}%`,
		net: money(line.netCents, locale)
	};
}

/** The totals under the lines; `total` rows are the ones set in bold. */
export function documentTotals(doc: DocumentDetail, locale: Locale): (Row & { total: boolean })[] {
	return [
		{ label: m.total_net({}, { locale }), value: money(doc.netCents, locale), total: false },
		{ label: m.total_vat({}, { locale }), value: money(doc.vatCents, locale), total: false },
		{ label: m.total_total({}, { locale }), value: money(doc.totalCents, locale), total: true },
		{ label: m.total_paid({}, { locale }), value: money(doc.paidCents, locale), total: false },
		{
			label: m.total_left({}, { locale }),
			value: money(doc.totalCents - doc.paidCents, locale),
			total: true
		}
	];
}

/** What a bank transfer needs, each with the text the copy button copies. */
export function paymentFields(
	pay: PaymentDetails,
	locale: Locale
): (Row & { key: 'recipient' | 'iban' | 'amount' | 'reference'; copy: string })[] {
	return [
		{
			key: 'recipient',
			label: m.pay_recipient({}, { locale }),
			value: pay.recipient,
			copy: pay.recipient
		},
		{ key: 'iban', label: m.pay_iban({}, { locale }), value: formatIban(pay.iban), copy: pay.iban },
		{
			key: 'amount',
			label: m.pay_amount({}, { locale }),
			value: money(pay.amountCents, locale),
			// The amount as a bank's form takes it: digits and a decimal point, no currency.
			copy: (pay.amountCents / 100).toFixed(2)
		},
		{
			key: 'reference',
			label: m.pay_reference({}, { locale }),
			value: pay.reference,
			copy: pay.reference
		}
	];
}
