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

export interface Totals {
	netCents: number;
	vatCents: number;
	totalCents: number;
}

/**
 * A document's totals from its lines: the VAT of each rate on that rate's net, rounded to the
 * cent once per rate, as the billing system's invoices have it. Order prices use it too, so a
 * price the portal shows is the one the invoice will carry.
 */
export function totalsOf(lines: readonly Pick<DocumentLine, 'netCents' | 'vatRate'>[]): Totals {
	const netByRate = new Map<number, number>();
	for (const line of lines)
		netByRate.set(line.vatRate, (netByRate.get(line.vatRate) ?? 0) + line.netCents);
	let netCents = 0;
	let vatCents = 0;
	for (const [rate, net] of netByRate) {
		netCents += net;
		vatCents += Math.round((net * rate) / 100);
	}
	return { netCents, vatCents, totalCents: netCents + vatCents };
}
