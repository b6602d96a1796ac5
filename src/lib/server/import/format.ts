/**
 * The JSON Lines export as the billing system writes it (docs/import-format.md): what the
 * demo generator and the tests write. The import itself trusts none of it: records.ts reads
 * each line as unknown and checks every field. Amounts are decimal strings ("12.10"),
 * days ISO dates.
 */
import type { Fraction } from '../../calendar';
import type { CollectionOutcome } from '../../domain/collection';
import type { Notice } from '../../domain/notice';
import type { BankAccount, CompanyContacts } from '../../domain/company';
import type { ContainerInfo } from '../../domain/container';
import type { CustomerKind, EInvoiceAgreement, InvoiceDelivery } from '../../domain/customer';
import type { SettlementDocument } from './records';

export interface ExportHeaderLine {
	type: 'export';
	format: string;
	asOf: string;
	nextUpdate: string;
}

/** The company's contacts as the portal keeps them, but the fee as an amount. */
export interface ExportCompanyLine extends Omit<CompanyContacts, 'paperInvoiceFeeCents'> {
	type: 'company';
	paperInvoiceFee: string;
	bankAccounts: BankAccount[];
}

/** A document as records.ts reads it, with its amounts as written. */
/** A notice as the JSON Lines form writes it (lists and area left out mean no limit). */
export interface ExportNoticeLine extends Omit<
	Notice,
	'fractions' | 'contracts' | 'area' | 'text'
> {
	type: 'notice';
	fractions?: Fraction[];
	contracts?: string[];
	area?: string;
	text: { lv: string; en?: string; ru?: string };
}

export interface ExportDocument extends Omit<
	SettlementDocument,
	'netCents' | 'vatCents' | 'totalCents' | 'lines'
> {
	net: string;
	vat: string;
	total: string;
	lines: {
		description: string;
		quantity: string;
		unit: string;
		unitPrice: string;
		vatRate: number;
		net: string;
	}[];
}

export interface ExportPayment {
	date: string;
	amount: string;
	bank: string;
	reference: string;
	/** The number of the document it pays, when it pays one. */
	document: string | null;
}

/** A collection day with what the crew reported, or the day it was moved from. */
export interface ExportCollectionDay {
	date: string;
	outcome?: CollectionOutcome;
	/** HH:MM, Riga time. */
	time?: string;
	reason?: string;
	movedFrom?: string;
	moveReason?: string;
}

export interface ExportContainer extends ContainerInfo {
	/** A day as its ISO date, or as an object when it has details. */
	dates: (string | ExportCollectionDay)[];
}

export interface ExportCustomerLine {
	type: 'customer';
	contractNumber: string;
	kind: CustomerKind;
	name: string;
	/** A private person's. */
	personalCode?: string;
	/** A legal entity's. */
	registrationNumber?: string;
	vatNumber?: string | null;
	legalAddress?: string | null;
	phone: string | null;
	email: string | null;
	invoiceDelivery: InvoiceDelivery;
	eInvoiceAgreement: EInvoiceAgreement;
	balance: string;
	balanceAsOf: string;
	documents: ExportDocument[];
	payments: ExportPayment[];
	containers: ExportContainer[];
}
