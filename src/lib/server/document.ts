/** Invoices and calculations with their payments, always fetched by owner and id together. */
import { sql } from 'kysely';
import type { Db } from './db';
import { fixedLimit, prepared } from './db/prepared';
import type {
	DocumentDetail,
	DocumentKind,
	DocumentPayment,
	DocumentSummary,
	PaymentState
} from '../domain/document';

function summarise(
	row: {
		number: string;
		kind: DocumentKind;
		issue_date: string;
		due_date: string;
		total_cents: number;
		paid_cents: number | string | null;
	},
	today: string
): DocumentSummary {
	const paidCents = Number(row.paid_cents ?? 0);
	const state: PaymentState =
		paidCents >= row.total_cents ? 'paid' : paidCents > 0 ? 'partly' : 'unpaid';
	return {
		number: row.number,
		kind: row.kind,
		issueDate: row.issue_date,
		dueDate: row.due_date,
		totalCents: row.total_cents,
		paidCents,
		state,
		overdue: state !== 'paid' && row.due_date < today
	};
}

const SUMMARY_COLUMNS = [
	'document.number',
	'document.kind',
	'document.issue_date',
	'document.due_date',
	'document.total_cents',
	'paid.paid_cents'
] as const;

function toPayment(row: {
	payment_date: string;
	amount_cents: number;
	bank: string;
	reference: string;
}): DocumentPayment {
	return {
		date: row.payment_date,
		amountCents: row.amount_cents,
		bank: row.bank,
		reference: row.reference
	};
}

function documentsOf(db: Db, customerId: number) {
	return db
		.selectFrom('document')
		.leftJoin(
			// Summed over this customer's payments only: grouping all payments first would read
			// every payment row of every customer (0.75 s with 1.2 million of them).
			(eb) =>
				eb
					.selectFrom('payment')
					.select(['document_id', (e) => e.fn.sum<number>('amount_cents').as('paid_cents')])
					.where('payment.customer_id', '=', customerId)
					.groupBy('document_id')
					.as('paid'),
			(join) => join.onRef('paid.document_id', '=', 'document.id')
		)
		.where('document.customer_id', '=', customerId);
}

// The documents page's three queries, built once (prepared.ts): building them took more of
// the page's CPU than SQLite took to run them.
const documentYearRows = prepared(1, (db, customerId: number) =>
	db
		.selectFrom('document')
		.select(sql<string>`substr(issue_date, 1, 4)`.as('year'))
		.where('customer_id', '=', customerId)
		.groupBy(sql`substr(issue_date, 1, 4)`)
		.orderBy('year', 'desc')
);

const issuedRows = prepared(3, (db, customerId: number, from: string, to: string) =>
	documentsOf(db, customerId)
		.select(['document.id', ...SUMMARY_COLUMNS])
		.where('document.issue_date', '>=', from)
		.where('document.issue_date', '<=', to)
		.orderBy('document.issue_date', 'desc')
		.orderBy('document.number', 'desc')
);

// The payments of the same documents, chosen by the same days rather than by a list of their
// ids, so the query's text is the same whatever their number.
const issuedPaymentRows = prepared(3, (db, customerId: number, from: string, to: string) =>
	db
		.selectFrom('payment')
		.innerJoin('document', 'document.id', 'payment.document_id')
		.select([
			'payment.document_id',
			'payment.payment_date',
			'payment.amount_cents',
			'payment.bank',
			'payment.reference'
		])
		.where('payment.customer_id', '=', customerId)
		.where('document.customer_id', '=', customerId)
		.where('document.issue_date', '>=', from)
		.where('document.issue_date', '<=', to)
		.orderBy('payment.payment_date')
		.orderBy('payment.id')
);

/** The years that have documents, newest first. */
export async function listDocumentYears(db: Db, customerId: number): Promise<number[]> {
	const rows = await documentYearRows(db, customerId);
	return rows.map((row) => Number(row.year));
}

/** The documents issued in a year, newest first, each with its payments. */
export async function listDocuments(
	db: Db,
	customerId: number,
	year: number,
	today: string
): Promise<(DocumentSummary & { payments: DocumentPayment[] })[]> {
	const [from, to] = [`${year}-01-01`, `${year}-12-31`];
	const rows = await issuedRows(db, customerId, from, to);
	const payments = rows.length === 0 ? [] : await issuedPaymentRows(db, customerId, from, to);
	return rows.map((row) => ({
		...summarise(row, today),
		payments: payments.filter((p) => p.document_id === row.id).map(toPayment)
	}));
}

const unpaidRows = prepared(1, (db, customerId: number) =>
	documentsOf(db, customerId)
		.select(SUMMARY_COLUMNS)
		.where((eb) =>
			eb(eb.fn.coalesce('paid.paid_cents', eb.lit(0)), '<', eb.ref('document.total_cents'))
		)
		.orderBy('document.due_date')
);

/** The documents not fully paid, oldest due first. */
export async function listUnpaidDocuments(
	db: Db,
	customerId: number,
	today: string
): Promise<DocumentSummary[]> {
	const rows = await unpaidRows(db, customerId);
	return rows.map((row) => summarise(row, today));
}

/** One document of this customer by its number; null when the customer has none such. */
export async function getDocument(
	db: Db,
	customerId: number,
	number: string,
	today: string
): Promise<DocumentDetail | null> {
	const [document] = await listDetails(db, customerId, today, (query) =>
		query.where('document.number', '=', number)
	);
	return document ?? null;
}

/** The newest documents in full, for the offline copy on the customer's device. */
export async function listLatestDocuments(
	db: Db,
	customerId: number,
	count: number,
	today: string
): Promise<DocumentDetail[]> {
	return listDetails(db, customerId, today, (query) =>
		query
			.orderBy('document.issue_date', 'desc')
			.orderBy('document.number', 'desc')
			.limit(fixedLimit(count))
	);
}

type DocumentsQuery = ReturnType<typeof documentIds>;

function documentIds(db: Db, customerId: number) {
	return db
		.selectFrom('document')
		.select('document.id')
		.where('document.customer_id', '=', customerId);
}

/**
 * The documents a query picks, in full, in two queries however many there are: the documents
 * joined with their payments, and the lines of all of them, both over the same pick.
 */
async function listDetails(
	db: Db,
	customerId: number,
	today: string,
	pick: (query: DocumentsQuery) => DocumentsQuery
): Promise<DocumentDetail[]> {
	const picked = pick(documentIds(db, customerId));
	const [rows, lines] = await Promise.all([
		db
			.selectFrom('document')
			.leftJoin('payment', (join) =>
				join
					.onRef('payment.document_id', '=', 'document.id')
					.on('payment.customer_id', '=', customerId)
			)
			.selectAll('document')
			.select(['payment.payment_date', 'payment.amount_cents', 'payment.bank', 'payment.reference'])
			.where('document.customer_id', '=', customerId)
			.where('document.id', 'in', picked)
			.orderBy('document.issue_date', 'desc')
			.orderBy('document.number', 'desc')
			.orderBy('payment.payment_date')
			.orderBy('payment.id')
			.execute(),
		db
			.selectFrom('document_line')
			.select([
				'document_id',
				'description',
				'quantity_milli',
				'unit',
				'unit_price_cents',
				'vat_rate',
				'net_cents'
			])
			.where('document_id', 'in', picked)
			.orderBy('document_id')
			.orderBy('position')
			.execute()
	]);
	// One row per payment (one with none for a document without), in the documents' order.
	const documents = new Map<number, { row: (typeof rows)[number]; payments: DocumentPayment[] }>();
	for (const row of rows) {
		let document = documents.get(row.id);
		if (!document) documents.set(row.id, (document = { row, payments: [] }));
		// All four are set together: a payment row's columns are required.
		const { payment_date, amount_cents, bank, reference } = row;
		if (payment_date !== null && amount_cents !== null && bank !== null && reference !== null)
			document.payments.push(toPayment({ payment_date, amount_cents, bank, reference }));
	}
	return [...documents.values()].map(({ row, payments }) => ({
		...summarise(
			{ ...row, paid_cents: payments.reduce((sum, payment) => sum + payment.amountCents, 0) },
			today
		),
		periodStart: row.period_start,
		periodEnd: row.period_end,
		netCents: row.net_cents,
		vatCents: row.vat_cents,
		paymentReference: row.payment_reference,
		lines: lines
			.filter((line) => line.document_id === row.id)
			.map((l) => ({
				description: l.description,
				quantityMilli: l.quantity_milli,
				unit: l.unit,
				unitPriceCents: l.unit_price_cents,
				vatRate: l.vat_rate,
				netCents: l.net_cents
			})),
		payments
	}));
}
