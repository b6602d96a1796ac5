/**
 * A customer's rows as the import stores them, built by the check worker that read the
 * customer (customerRows) and numbered by the writer (addCustomerRows). Each table's rows go
 * as one flat list of values in its columns' order, with the ids the customer's own rows
 * refer to as local numbers: 0 for the customer, and the position of each of its documents
 * and containers. The writer parses nothing but these lists, whose JSON reads in about half
 * the time of the snapshot's objects (docs/performance.md), and swaps the local numbers for
 * the ids it gives.
 */
import type { NewCustomer } from '../db/schema';
import type { CustomerSnapshot } from './records';

export const DOCUMENT_COLUMNS = [
	'id',
	'customer_id',
	'kind',
	'number',
	'issue_date',
	'due_date',
	'period_start',
	'period_end',
	'net_cents',
	'vat_cents',
	'total_cents',
	'payment_reference'
] as const;
export const LINE_COLUMNS = [
	'document_id',
	'position',
	'description',
	'quantity_milli',
	'unit',
	'unit_price_cents',
	'vat_rate',
	'net_cents'
] as const;
export const PAYMENT_COLUMNS = [
	'customer_id',
	'document_id',
	'payment_date',
	'amount_cents',
	'bank',
	'reference'
] as const;
export const CONTAINER_COLUMNS = [
	'id',
	'customer_id',
	'code',
	'address',
	'fraction',
	'volume_litres',
	'count',
	'frequency'
] as const;
export const DATE_COLUMNS = ['container_id', 'collection_date'] as const;
export const DETAIL_COLUMNS = [
	'container_id',
	'collection_date',
	'outcome',
	'outcome_time',
	'outcome_reason',
	'moved_from',
	'move_reason'
] as const;

type Value = string | number | null;

/** A customer's own columns: all but those the writer fills. */
export type CustomerColumns = Omit<NewCustomer, 'id' | 'snapshot_hash' | 'imported_at'>;

/** The customer's own columns, then the rows it owns, table by table. */
export type CustomerRows = [
	customer: CustomerColumns,
	documents: Value[],
	lines: Value[],
	payments: Value[],
	containers: Value[],
	dates: Value[],
	details: Value[]
];

/** The customer's rows with local ids; `personalCodeHash` stands for its personal code. */
export function customerRows(s: CustomerSnapshot, personalCodeHash: string | null): CustomerRows {
	const customer = {
		contract_number: s.contractNumber,
		kind: s.kind,
		name: s.name,
		personal_code_hash: personalCodeHash,
		registration_number: s.registrationNumber,
		vat_number: s.vatNumber,
		legal_address: s.legalAddress,
		phone: s.phone,
		email: s.email,
		invoice_delivery: s.invoiceDelivery,
		e_invoice_agreement: s.eInvoiceAgreement,
		balance_cents: s.balanceCents,
		balance_as_of: s.balanceAsOf
	} satisfies Required<CustomerColumns>;
	const rows: CustomerRows = [customer, [], [], [], [], [], []];
	const [, documents, lines, payments, containers, dates, details] = rows;
	const documentOf = new Map<string, number>();
	s.documents.forEach((d, document) => {
		documentOf.set(d.number, document);
		documents.push(
			document,
			0,
			d.kind,
			d.number,
			d.issueDate,
			d.dueDate,
			d.periodStart,
			d.periodEnd,
			d.netCents,
			d.vatCents,
			d.totalCents,
			d.paymentReference
		);
		d.lines.forEach((line, position) =>
			lines.push(
				document,
				position,
				line.description,
				line.quantityMilli,
				line.unit,
				line.unitPriceCents,
				line.vatRate,
				line.netCents
			)
		);
	});
	for (const p of s.payments)
		payments.push(
			0,
			// A payment names one of the customer's documents or none (readPayment checked it).
			p.documentNumber === null ? null : documentOf.get(p.documentNumber)!,
			p.date,
			p.amountCents,
			p.bank,
			p.reference
		);
	s.containers.forEach((c, container) => {
		containers.push(
			container,
			0,
			c.code,
			c.address,
			c.fraction,
			c.volumeLitres,
			c.count,
			c.frequency
		);
		for (const date of c.dates) dates.push(container, date);
		for (const { date, result, moved } of c.details)
			details.push(
				container,
				date,
				result?.outcome ?? null,
				result?.time ?? null,
				result?.reason ?? null,
				moved?.from ?? null,
				moved?.reason ?? null
			);
	});
	return rows;
}

/** The owned tables' rows of a batch, as flat lists of values in their columns' order. */
export interface OwnedRows {
	documents: Value[][];
	lines: Value[][];
	payments: Value[][];
	containers: Value[][];
	dates: Value[][];
	details: Value[][];
}

export const noOwnedRows = (): OwnedRows => ({
	documents: [],
	lines: [],
	payments: [],
	containers: [],
	dates: [],
	details: []
});

/** The first id each owned, numbered table gives next; advanced past the ids given. */
export interface NextIds {
	document: number;
	container: number;
}

/** Which columns of each owned table hold a local id, and of what. */
const LOCAL_IDS = {
	documents: {
		width: DOCUMENT_COLUMNS.length,
		ids: [
			[0, 'document'],
			[1, 'customer']
		]
	},
	lines: { width: LINE_COLUMNS.length, ids: [[0, 'document']] },
	payments: {
		width: PAYMENT_COLUMNS.length,
		ids: [
			[0, 'customer'],
			[1, 'document']
		]
	},
	containers: {
		width: CONTAINER_COLUMNS.length,
		ids: [
			[0, 'container'],
			[1, 'customer']
		]
	},
	dates: { width: DATE_COLUMNS.length, ids: [[0, 'container']] },
	details: { width: DETAIL_COLUMNS.length, ids: [[0, 'container']] }
} as const satisfies Record<
	keyof OwnedRows,
	{ width: number; ids: readonly (readonly [number, 'customer' | keyof NextIds])[] }
>;

const OWNED = ['documents', 'lines', 'payments', 'containers', 'dates', 'details'] as const;

/**
 * Adds a customer's owned rows (parsed from its JSON) to the batch under customer id
 * `customerId`, its documents and containers numbered from `next`, which moves past them.
 */
export function addCustomerRows(
	batch: OwnedRows,
	rows: CustomerRows,
	customerId: number,
	next: NextIds
): void {
	const [, ...owned] = rows;
	OWNED.forEach((table, t) => {
		const values = owned[t]!;
		const { width, ids } = LOCAL_IDS[table];
		for (const [column, of] of ids) {
			const base = of === 'customer' ? customerId : next[of];
			for (let at = column; at < values.length; at += width) {
				const local = values[at];
				if (typeof local === 'number') values[at] = of === 'customer' ? base : base + local;
			}
		}
		// Handed on as it is: insertValues copies each statement's values from the lists.
		if (values.length > 0) batch[table].push(values);
	});
	next.document += owned[0]!.length / DOCUMENT_COLUMNS.length;
	next.container += owned[3]!.length / CONTAINER_COLUMNS.length;
}
