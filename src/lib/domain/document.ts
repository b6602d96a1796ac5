/** Invoices (legal entities) and calculations (private persons), with their lines and payments. */

export type DocumentKind = 'invoice' | 'calculation';

export type PaymentState = 'paid' | 'partly' | 'unpaid';

export interface DocumentLine {
	description: string;
	quantityMilli: number;
	unit: string;
	unitPriceCents: number;
	vatRate: number;
	netCents: number;
}

export interface DocumentSummary {
	number: string;
	kind: DocumentKind;
	issueDate: string;
	dueDate: string;
	totalCents: number;
	paidCents: number;
	state: PaymentState;
	/** Unpaid or partly paid and past its due date in Riga. */
	overdue: boolean;
}

export interface DocumentPayment {
	date: string;
	amountCents: number;
	bank: string;
	reference: string;
}

export interface DocumentDetail extends DocumentSummary {
	periodStart: string;
	periodEnd: string;
	netCents: number;
	vatCents: number;
	paymentReference: string;
	lines: DocumentLine[];
	payments: DocumentPayment[];
}
