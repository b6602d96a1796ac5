/**
 * The requests queue behind the staff console: every customer request — the service requests
 * (missed collections, orders) and the requests about the customer's own data (contact
 * changes, electronic invoices) — oldest first, and a clerk's answer to a service request.
 * The answer goes the way the import's does (service-request.ts recordState: an event, and
 * the customer's e-mail with the clerk's note), guarded by the request's version.
 */
import { isLocale } from '$lib/paraglide/runtime';
import {
	isServiceKind,
	type CustomerRequestState,
	type QueueFilter,
	type QueueItem
} from '../../domain/staff-queue';
import {
	isResolved,
	movesOn,
	normalReference,
	type AnswerState
} from '../../domain/service-request';
import { recordAudit, type AuditContext } from '../audit';
import type { Db } from '../db';
import { loadMailBrand } from '../mail/templates';
import { getStaffRequest, recordState, type StaffRequest } from '../service-request';
import type { StaffUser } from './session';

/** The most a page shows; the CSV has them all. */
export const QUEUE_PAGE = 200;

const DAY_MS = 86_400_000;

/** The queue under a filter, oldest first, with how many there are in all. */
export async function listQueue(
	db: Db,
	filter: QueueFilter,
	now: Date,
	limit: number | null = QUEUE_PAGE
): Promise<{ items: QueueItem[]; total: number }> {
	const before = new Date(now.getTime() - filter.age * DAY_MS).toISOString();
	const items = [
		...(await serviceItems(db, filter, before)),
		...(await customerItems(db, filter, before))
	];
	items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
	return { items: limit === null ? items : items.slice(0, limit), total: items.length };
}

async function serviceItems(db: Db, filter: QueueFilter, before: string): Promise<QueueItem[]> {
	if (filter.type !== 'all' && !isServiceKind(filter.type)) return [];
	let query = db
		.selectFrom('service_request')
		.leftJoin('customer', 'customer.id', 'service_request.customer_id')
		.select([
			'service_request.reference',
			'service_request.kind',
			'service_request.state',
			'service_request.created_at',
			'service_request.updated_at',
			'service_request.address',
			'service_request.collection_date',
			'customer.contract_number',
			'customer.name'
		])
		.where('service_request.created_at', '<=', before);
	if (filter.type !== 'all') query = query.where('service_request.kind', '=', filter.type);
	if (filter.state === 'open')
		query = query.where('service_request.state', 'not in', ['collected', 'rejected']);
	else if (filter.state !== 'all') query = query.where('service_request.state', '=', filter.state);
	const rows = await query.execute();
	return rows.map((row) => ({
		id: row.reference,
		service: true,
		type: row.kind,
		state: row.state,
		createdAt: row.created_at,
		updatedAt: row.updated_at,
		contractNumber: row.contract_number,
		customerName: row.name,
		day: row.collection_date,
		about: row.address
	}));
}

async function customerItems(db: Db, filter: QueueFilter, before: string): Promise<QueueItem[]> {
	if (filter.type !== 'all' && isServiceKind(filter.type)) return [];
	// A customer request is open or done; a service state's filter leaves them out.
	if (filter.state !== 'open' && filter.state !== 'all') return [];
	let query = db
		.selectFrom('customer_request')
		.innerJoin('customer', 'customer.id', 'customer_request.customer_id')
		.select([
			'customer_request.id',
			'customer_request.kind',
			'customer_request.phone',
			'customer_request.email',
			'customer_request.requested_at',
			'customer_request.confirmed_at',
			'customer_request.superseded_at',
			'customer_request.agreement_received_at',
			'customer_request.active_from',
			'customer.contract_number',
			'customer.name'
		])
		.where('customer_request.requested_at', '<=', before);
	if (filter.type !== 'all') query = query.where('customer_request.kind', '=', filter.type);
	if (filter.state === 'open')
		query = query
			.where('customer_request.confirmed_at', 'is', null)
			.where('customer_request.superseded_at', 'is', null);
	const rows = await query.execute();
	return rows.map((row) => ({
		id: `C-${row.id}`,
		service: false,
		type: row.kind,
		state: customerRequestState(row),
		createdAt: row.requested_at,
		updatedAt:
			row.confirmed_at ?? row.superseded_at ?? row.agreement_received_at ?? row.requested_at,
		contractNumber: row.contract_number,
		customerName: row.name,
		day: null,
		about: [row.phone, row.email].filter(Boolean).join(' · ')
	}));
}

function customerRequestState(row: {
	confirmed_at: string | null;
	superseded_at: string | null;
	agreement_received_at: string | null;
	active_from: string | null;
}): CustomerRequestState {
	if (row.confirmed_at) return 'done';
	if (row.superseded_at) return 'superseded';
	if (row.active_from) return 'active';
	return row.agreement_received_at ? 'received' : 'open';
}

/** The customer as staff pages show them: the billing data and the portal accounts' addresses. */
export async function getStaffCustomer(db: Db, customerId: number) {
	const customer = await db
		.selectFrom('customer')
		.select([
			'id',
			'contract_number',
			'kind',
			'name',
			'phone',
			'email',
			'legal_address',
			'invoice_delivery',
			'e_invoice_agreement',
			'balance_cents',
			'balance_as_of'
		])
		.where('id', '=', customerId)
		.executeTakeFirst();
	if (!customer) return null;
	const accounts = await db
		.selectFrom('account_customer')
		.innerJoin('account', 'account.id', 'account_customer.account_id')
		.select('account.email')
		.where('account_customer.customer_id', '=', customerId)
		.orderBy('account.email')
		.execute();
	return { ...customer, accounts: accounts.map((a) => a.email) };
}

export type QueueCustomer = NonNullable<Awaited<ReturnType<typeof getStaffCustomer>>>;

export type QueueRequest =
	| { type: 'service'; request: StaffRequest; version: number; customer: QueueCustomer | null }
	| {
			type: 'customer';
			request: {
				id: string;
				kind: 'contact' | 'e_invoice';
				state: CustomerRequestState;
				phone: string | null;
				email: string | null;
				consentText: string | null;
				locale: string;
				requestedAt: string;
				confirmedAt: string | null;
				supersededAt: string | null;
				agreementReceivedAt: string | null;
				activeFrom: string | null;
			};
			version: number;
			customer: QueueCustomer | null;
	  };

/** A request of the queue by its id (a reference, or C-id), with its customer; null when unknown. */
export async function getQueueRequest(db: Db, id: string): Promise<QueueRequest | null> {
	const reference = normalReference(id);
	if (reference) {
		const found = await getStaffRequest(db, reference);
		if (!found) return null;
		return {
			type: 'service',
			request: found.request,
			version: found.version,
			customer: await getStaffCustomer(db, found.customerId)
		};
	}
	const match = /^C-(\d{1,12})$/i.exec(id.trim());
	if (!match) return null;
	const row = await db
		.selectFrom('customer_request')
		.selectAll()
		.where('id', '=', Number(match[1]))
		.executeTakeFirst();
	if (!row) return null;
	return {
		type: 'customer',
		request: {
			id: `C-${row.id}`,
			kind: row.kind,
			state: customerRequestState(row),
			phone: row.phone,
			email: row.email,
			consentText: row.consent_text,
			locale: row.locale,
			requestedAt: row.requested_at,
			confirmedAt: row.confirmed_at,
			supersededAt: row.superseded_at,
			agreementReceivedAt: row.agreement_received_at,
			activeFrom: row.active_from
		},
		version: row.version,
		customer: await getStaffCustomer(db, row.customer_id)
	};
}

export interface StateChange {
	reference: string;
	state: AnswerState;
	note: string | null;
	returnDate: string | null;
	/** The version the clerk's page showed. */
	version: number;
}

export type ChangeOutcome =
	{ changed: true } | { refused: 'unknown' | 'stale' | 'not_onward' | 'resolved' };

/**
 * A clerk's answer: the request moves on, its event and the customer's e-mail with the note
 * are written, and the change is audited — all at once or not at all. Refused when another
 * change (a clerk's or the import's) came since the clerk's page was read.
 */
export async function changeRequestState(
	ctx: AuditContext & { origin: string },
	staff: StaffUser,
	change: StateChange
): Promise<ChangeOutcome> {
	return ctx.db.transaction().execute(async (trx) => {
		const found = await trx
			.selectFrom('service_request')
			.leftJoin('account', 'account.id', 'service_request.account_id')
			.selectAll('service_request')
			.select('account.locale as account_locale')
			.where('service_request.reference', '=', change.reference)
			.executeTakeFirst();
		if (!found) return { refused: 'unknown' as const };
		const { account_locale, ...request } = found;
		if (request.version !== change.version) return { refused: 'stale' as const };
		if (isResolved(request.state)) return { refused: 'resolved' as const };
		if (!movesOn(request.state, change.state)) return { refused: 'not_onward' as const };
		const at = ctx.now.toISOString();
		const returnDate = change.state === 'scheduled' ? change.returnDate : request.return_date;
		const updated = await trx
			.updateTable('service_request')
			.set((eb) => ({
				state: change.state,
				return_date: returnDate,
				updated_at: at,
				version: eb('version', '+', 1)
			}))
			.where('id', '=', request.id)
			// Checked again in the write itself: of two clerks sending at once, one changes it.
			.where('version', '=', change.version)
			.executeTakeFirst();
		if (updated.numUpdatedRows === 0n) return { refused: 'stale' as const };
		await recordState(
			trx,
			request,
			{
				state: change.state,
				note: change.note,
				returnDate: change.state === 'scheduled' ? change.returnDate : null
			},
			at,
			{
				origin: ctx.origin,
				brand: await loadMailBrand(trx),
				locale: account_locale && isLocale(account_locale) ? account_locale : undefined
			}
		);
		await recordAudit(
			{ ...ctx, db: trx },
			{
				event: 'staff_request_state',
				outcome: 'success',
				staffId: staff.id,
				customerId: request.customer_id,
				detail: { reference: request.reference, from: request.state, to: change.state }
			}
		);
		return { changed: true as const };
	});
}
