/**
 * A customer's requests to the company: new contact details for notices, and electronic
 * invoices. The portal never changes the billing data itself; a request stays open until an
 * import shows it done, and staff read the open ones with `npm run requests`.
 */
import { sql } from 'kysely';
import type { Db } from './db';
import { fixedLimit } from './db/prepared';
import type { EInvoiceAgreement, InvoiceDelivery } from '../domain/customer';
import type { SessionKind } from './db/schema';
import type { SessionUser } from './auth/session';

export interface Requester {
	customerId: number;
	accountId: number | null;
	sessionKind: SessionKind;
	locale: string;
}

/** Who asks: the signed-in customer, the account if any, and the page's language. */
export function requesterOf(user: SessionUser, locale: string): Requester {
	return {
		customerId: user.customer.id,
		accountId: user.account?.id ?? null,
		sessionKind: user.session.kind,
		locale
	};
}

export interface ContactChange {
	phone: string | null;
	email: string | null;
	requestedAt: string;
}

/**
 * The customer row with what its open requests say: the newest contact change and the
 * e-invoice request the billing system has not yet confirmed, as columns of the one row
 * (the start page asks on every visit). A newer contact change supersedes the open one, so
 * the join meets at most one.
 */
export function customerWithRequests(db: Db) {
	return (
		db
			.selectFrom('customer')
			.leftJoin('customer_request as contact', (join) =>
				join
					.onRef('contact.customer_id', '=', 'customer.id')
					.on('contact.kind', '=', 'contact')
					.on('contact.superseded_at', 'is', null)
					.on('contact.confirmed_at', 'is', null)
			)
			// The newest open e-invoice request, with the marks staff set on it.
			.leftJoin('customer_request as e_invoice', (join) =>
				join.on((eb) =>
					eb(
						'e_invoice.id',
						'=',
						eb
							.selectFrom('customer_request as newest')
							.select((n) => n.fn.max('newest.id').as('id'))
							.whereRef('newest.customer_id', '=', 'customer.id')
							.where('newest.kind', '=', 'e_invoice')
							.where('newest.confirmed_at', 'is', null)
					)
				)
			)
			.select([
				'customer.invoice_delivery',
				'customer.e_invoice_agreement',
				'contact.phone as contact_phone',
				'contact.email as contact_email',
				'contact.requested_at as contact_requested_at',
				'e_invoice.requested_at as e_invoice_requested_at',
				'e_invoice.agreement_received_at as e_invoice_received_at',
				'e_invoice.active_from as e_invoice_active_from'
			])
			.orderBy('contact.id', 'desc')
			.limit(fixedLimit(1))
	);
}

/** The open requests of a row of customerWithRequests. */
export function toOpenRequests(row: {
	invoice_delivery: InvoiceDelivery;
	e_invoice_agreement: EInvoiceAgreement;
	contact_phone: string | null;
	contact_email: string | null;
	contact_requested_at: string | null;
	e_invoice_requested_at: string | null;
	e_invoice_received_at: string | null;
	e_invoice_active_from: string | null;
}): { pendingContact: ContactChange | null; eInvoice: EInvoiceStatus } {
	const requestedAt = row.e_invoice_requested_at ?? null;
	return {
		pendingContact: row.contact_requested_at
			? {
					phone: row.contact_phone,
					email: row.contact_email,
					requestedAt: row.contact_requested_at
				}
			: null,
		eInvoice: {
			state: stateOf(row.invoice_delivery, row.e_invoice_agreement, {
				requestedAt,
				receivedAt: row.e_invoice_received_at,
				activeFrom: row.e_invoice_active_from
			}),
			delivery: row.invoice_delivery,
			requestedAt,
			activeFrom: row.e_invoice_active_from
		}
	};
}

/**
 * Records new contact details; a field left as it is stays null, so only what changes is
 * asked for. A newer request replaces an open older one.
 */
export async function requestContactChange(
	db: Db,
	who: Requester,
	change: { phone: string | null; email: string | null },
	now = new Date()
): Promise<'requested' | 'unchanged'> {
	return db.transaction().execute(async (trx) => {
		const current = await trx
			.selectFrom('customer')
			.select(['phone', 'email'])
			.where('id', '=', who.customerId)
			.executeTakeFirstOrThrow();
		const phone = change.phone !== null && change.phone !== current.phone ? change.phone : null;
		const email = change.email !== null && change.email !== current.email ? change.email : null;
		if (phone === null && email === null) return 'unchanged';
		const at = now.toISOString();
		await trx
			.updateTable('customer_request')
			.set({ superseded_at: at })
			.where('customer_id', '=', who.customerId)
			.where('kind', '=', 'contact')
			.where('superseded_at', 'is', null)
			.where('confirmed_at', 'is', null)
			.execute();
		await trx
			.insertInto('customer_request')
			.values({
				customer_id: who.customerId,
				account_id: who.accountId,
				session_kind: who.sessionKind,
				kind: 'contact',
				phone,
				email,
				locale: who.locale,
				requested_at: at
			})
			.execute();
		return 'requested';
	});
}

export type EInvoiceState = 'paper' | 'requested' | 'received' | 'active';

export interface EInvoiceStatus {
	state: EInvoiceState;
	delivery: InvoiceDelivery;
	requestedAt: string | null;
	/** The day staff set electronic invoices to start, until the billing data shows them. */
	activeFrom: string | null;
}

/**
 * Where the agreement stands: the billing data's word, or the staff console's marks when they
 * are ahead of it (the billing system catches up at the next import).
 */
function stateOf(
	delivery: InvoiceDelivery,
	agreement: EInvoiceAgreement,
	marks: { requestedAt: string | null; receivedAt: string | null; activeFrom: string | null }
): EInvoiceState {
	if (agreement === 'active' || delivery === 'electronic' || marks.activeFrom) return 'active';
	if (agreement === 'received' || marks.receivedAt) return 'received';
	return marks.requestedAt ? 'requested' : 'paper';
}

export async function getEInvoiceStatus(db: Db, customerId: number): Promise<EInvoiceStatus> {
	const row = await customerWithRequests(db)
		.where('customer.id', '=', customerId)
		.executeTakeFirstOrThrow();
	return toOpenRequests(row).eInvoice;
}

/** Keeps the customer's consent, word for word, with the time and who gave it. */
export async function requestElectronicInvoices(
	db: Db,
	who: Requester,
	consentText: string,
	now = new Date()
): Promise<'requested' | 'already'> {
	return db.transaction().execute(async (trx) => {
		if ((await getEInvoiceStatus(trx, who.customerId)).state !== 'paper') return 'already';
		await trx
			.insertInto('customer_request')
			.values({
				customer_id: who.customerId,
				account_id: who.accountId,
				session_kind: who.sessionKind,
				kind: 'e_invoice',
				consent_text: consentText,
				locale: who.locale,
				requested_at: now.toISOString()
			})
			.execute();
		return 'requested';
	});
}

/**
 * Closes the open requests the imported data now shows done. Runs inside the import's
 * transaction, so a failed import confirms nothing.
 */
export async function confirmRequests(db: Db, at: string): Promise<void> {
	await db
		.updateTable('customer_request')
		.set({ confirmed_at: at })
		.where('confirmed_at', 'is', null)
		.where('superseded_at', 'is', null)
		// The customer as imported now holds what was asked for.
		.where((eb) =>
			eb.exists(
				eb
					.selectFrom('customer')
					.select(sql`1`.as('one'))
					.whereRef('customer.id', '=', 'customer_request.customer_id')
					.where((c) =>
						c.or([
							c.and([
								c('customer_request.kind', '=', 'contact'),
								c.or([
									c('customer_request.phone', 'is', null),
									c('customer.phone', '=', c.ref('customer_request.phone'))
								]),
								c.or([
									c('customer_request.email', 'is', null),
									c('customer.email', '=', c.ref('customer_request.email'))
								])
							]),
							c.and([
								c('customer_request.kind', '=', 'e_invoice'),
								c.or([
									c('customer.e_invoice_agreement', '=', 'active'),
									c('customer.invoice_delivery', '=', 'electronic'),
									// "Received" closes it only when staff have not set the start day
									// yet: else the customer would see it go back.
									c.and([
										c('customer.e_invoice_agreement', '=', 'received'),
										c('customer_request.active_from', 'is', null)
									])
								])
							])
						])
					)
			)
		)
		.execute();
}

export interface OpenRequest {
	requestedAt: string;
	kind: 'contact' | 'e_invoice';
	contractNumber: string;
	customerName: string;
	phone: string | null;
	email: string | null;
	accountEmail: string | null;
	sessionKind: SessionKind;
	consentText: string | null;
}

/** What staff still have to do in the billing system, oldest first. */
export async function listOpenRequests(db: Db): Promise<OpenRequest[]> {
	const rows = await db
		.selectFrom('customer_request')
		.innerJoin('customer', 'customer.id', 'customer_request.customer_id')
		.leftJoin('account', 'account.id', 'customer_request.account_id')
		.select([
			'customer_request.requested_at',
			'customer_request.kind',
			'customer.contract_number',
			'customer.name',
			'customer_request.phone',
			'customer_request.email',
			'account.email as account_email',
			'customer_request.session_kind',
			'customer_request.consent_text'
		])
		.where('customer_request.confirmed_at', 'is', null)
		.where('customer_request.superseded_at', 'is', null)
		.orderBy('customer_request.id')
		.execute();
	return rows.map((row) => ({
		requestedAt: row.requested_at,
		kind: row.kind,
		contractNumber: row.contract_number,
		customerName: row.name,
		phone: row.phone,
		email: row.email,
		accountEmail: row.account_email,
		sessionKind: row.session_kind,
		consentText: row.consent_text
	}));
}
