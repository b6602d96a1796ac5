/**
 * Requests for a service and their life (src/lib/domain/service-request.ts): the portal takes
 * a missed-collection report, the company reads it (`npm run requests`, the staff API) and
 * answers through the import's `requestStatus` records. Every state a request reaches sends
 * its customer one e-mail through the outbox, keyed by request and state.
 */
import { baseLocale, isLocale, type Locale } from '$lib/paraglide/runtime';
import {
	isResolved,
	movesOn,
	REQUEST_STATES,
	type Eligibility,
	type PutOutPlace,
	type RequestEvent,
	type RequestState,
	type RequestStatus,
	type ServiceRequest
} from '$lib/domain/service-request';
import { sql, type Selectable } from 'kysely';
import { listCollections, listContainers } from './calendar';
import type { WorkContext } from './context';
import type { Db } from './db';
import { prepared } from './db/prepared';
import type { ServiceRequestTable } from './db/schema';
import { queueMail } from './mail/outbox';
import { loadMailBrand, renderMail, type MailBrand } from './mail/templates';
import { checkEligibility } from './missed-collection';
import type { Requester } from './customer-request';

// Without the letters read as digits (I, L, O) or U, as Crockford's base 32: read out on
// the phone, a reference survives.
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function newReference(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(7));
	return `KL-${[...bytes].map((b) => REFERENCE_ALPHABET[b % 32]).join('')}`;
}

export interface MissedCollectionAnswers {
	containerCode: string;
	date: string;
	place: PutOutPlace;
	placeNote: string | null;
	contact: { name: string; phone: string | null; email: string | null };
}

/** The report already made for a container and day. */
function findReport(
	db: Db,
	customerId: number,
	collection: { containerCode: string; date: string }
) {
	return db
		.selectFrom('service_request')
		.select('reference')
		.where('customer_id', '=', customerId)
		.where('kind', '=', 'missed_collection')
		.where('container_code', '=', collection.containerCode)
		.where('collection_date', '=', collection.date)
		.executeTakeFirst();
}

/**
 * Records a missed-collection report, its first event and its e-mail together, after
 * checking again that it may be made: the answers came through several pages, and the day
 * moved on meanwhile or another tab reported it.
 */
export async function reportMissedCollection(
	{ db, now, origin }: WorkContext,
	who: Requester,
	answers: MissedCollectionAnswers,
	roundEnd: string
): Promise<{ reference: string } | { refused: Eligibility }> {
	return db.transaction().execute(async (trx) => {
		// The collection as the calendar reads it, and its container's size.
		const entry = (await listCollections(trx, who.customerId, answers.date, answers.date)).find(
			(e) => e.containerCode === answers.containerCode
		);
		const container =
			entry &&
			(await listContainers(trx, who.customerId)).find((c) => c.code === entry.containerCode);
		if (!entry || !container) return { refused: { ok: false, why: 'gone' } as const };
		const reported = await findReport(trx, who.customerId, answers);
		const eligibility = checkEligibility({
			date: answers.date,
			result: entry.result ?? null,
			reported: reported?.reference ?? null,
			now,
			roundEnd
		});
		if (!eligibility.ok) return { refused: eligibility };
		const at = now.toISOString();
		const row = await trx
			.insertInto('service_request')
			.values({
				reference: newReference(),
				customer_id: who.customerId,
				account_id: who.accountId,
				session_kind: who.sessionKind,
				kind: 'missed_collection',
				container_code: container.code,
				fraction: container.fraction,
				volume_litres: container.volumeLitres,
				address: container.address,
				collection_date: answers.date,
				place: answers.place,
				place_note: answers.placeNote,
				contact_name: answers.contact.name,
				contact_phone: answers.contact.phone,
				contact_email: answers.contact.email,
				locale: who.locale,
				state: 'submitted',
				return_date: null,
				created_at: at,
				updated_at: at
			})
			// Two tabs submitting at once meet at the unique index: the second is "reported".
			.onConflict((oc) =>
				oc
					.columns(['customer_id', 'container_code', 'collection_date'])
					// A literal, as in the index: SQLite matches a partial index by its predicate's text.
					.where('kind', '=', sql.lit('missed_collection'))
					.doNothing()
			)
			.returningAll()
			.executeTakeFirst();
		if (!row) {
			// Another tab's report of the same collection came first.
			const first = await findReport(trx, who.customerId, answers);
			return {
				refused: first
					? { ok: false, why: 'reported', reference: first.reference }
					: { ok: false, why: 'gone' }
			};
		}
		await recordState(trx, row, { state: 'submitted', note: null, returnDate: null }, at, {
			origin,
			brand: await loadMailBrand(trx)
		});
		return { reference: row.reference };
	});
}

/** The event of a state reached, and its one e-mail. */
export async function recordState(
	db: Db,
	request: Selectable<ServiceRequestTable>,
	change: { state: RequestState; note: string | null; returnDate: string | null },
	at: string,
	mail: { origin: string; brand: MailBrand; locale?: Locale }
): Promise<void> {
	await db
		.insertInto('service_request_event')
		.values({
			request_id: request.id,
			state: change.state,
			note: change.note,
			return_date: change.returnDate,
			at
		})
		.onConflict((oc) => oc.columns(['request_id', 'state']).doNothing())
		.execute();
	if (!request.contact_email) return;
	const locale = mail.locale ?? (isLocale(request.locale) ? request.locale : baseLocale);
	const rendered = renderMail(
		{
			kind: 'request_state',
			request: requestOf(request),
			state: change.state,
			returnDate: change.returnDate,
			note: change.note,
			link: `${mail.origin}/requests/${request.reference}`
		},
		mail.brand,
		locale
	);
	await queueMail(
		db,
		{
			to: request.contact_email,
			...rendered,
			idempotencyKey: `request:${request.reference}:${change.state}`
		},
		new Date(at)
	);
}

export interface StatusOutcome {
	/** States a request reached. */
	applied: number;
	/** Statuses of requests the portal does not have (removed, or another installation's). */
	unknown: string[];
}

/**
 * Applies the export's answers, after its billing data is in. An export may repeat a request's
 * whole history every night: a state already reached, or one behind it, changes nothing and
 * sends nothing, so the same export imported twice sends each e-mail once.
 */
export async function applyRequestStatuses(
	{ db, now, origin }: WorkContext,
	statuses: RequestStatus[]
): Promise<StatusOutcome> {
	const outcome: StatusOutcome = { applied: 0, unknown: [] };
	if (statuses.length === 0) return outcome;
	const at = now.toISOString();
	const brand = await loadMailBrand(db);
	const references = [...new Set(statuses.map((s) => s.reference))];
	// In slices: a statement has a limit on its parameters; one transaction per slice keeps
	// SQLite's write lock short for the portal's own writes.
	for (let i = 0; i < references.length; i += 500) {
		const slice = references.slice(i, i + 500);
		await db.transaction().execute(async (trx) => {
			const requests = await trx
				.selectFrom('service_request')
				.leftJoin('account', 'account.id', 'service_request.account_id')
				.selectAll('service_request')
				.select('account.locale as account_locale')
				.where('service_request.reference', 'in', slice)
				.execute();
			const byReference = new Map(requests.map((r) => [r.reference, r]));
			for (const reference of slice) {
				const found = byReference.get(reference);
				if (!found) {
					outcome.unknown.push(reference);
					continue;
				}
				const { account_locale, ...request } = found;
				const locale = account_locale && isLocale(account_locale) ? account_locale : undefined;
				const own = statuses
					.filter((s) => s.reference === reference)
					.sort((a, b) => rankOf(a.state) - rankOf(b.state));
				let state = request.state;
				for (const status of own) {
					if (!movesOn(state, status.state)) continue;
					const returnDate = status.state === 'scheduled' ? status.date : request.return_date;
					await trx
						.updateTable('service_request')
						.set((eb) => ({
							state: status.state,
							return_date: returnDate,
							updated_at: at,
							// A clerk's page read before this is out of date (staff/queue.ts).
							version: eb('version', '+', 1)
						}))
						.where('id', '=', request.id)
						.execute();
					await recordState(
						trx,
						request,
						{
							state: status.state,
							note: status.note,
							returnDate: status.state === 'scheduled' ? status.date : null
						},
						at,
						{ origin, brand, locale }
					);
					state = status.state;
					outcome.applied++;
				}
			}
		});
	}
	return outcome;
}

const rankOf = (state: RequestState) => REQUEST_STATES.indexOf(state);

/** A request's row as the domain's request, without its history. */
function requestOf(row: Selectable<ServiceRequestTable>): ServiceRequest {
	return {
		reference: row.reference,
		kind: row.kind,
		state: row.state,
		createdAt: row.created_at,
		container: {
			code: row.container_code,
			fraction: row.fraction,
			volumeLitres: row.volume_litres,
			address: row.address
		},
		collectionDate: row.collection_date,
		place: row.place,
		placeNote: row.place_note,
		order:
			row.kind === 'missed_collection'
				? null
				: {
						newDate: row.new_date,
						change: row.container_change,
						count: row.count,
						frequency: row.frequency,
						newVolumeLitres: row.new_volume_litres,
						newFrequency: row.new_frequency,
						vatRate: row.vat_rate,
						priceBeforeCents: row.price_before_cents,
						priceCents: row.price_cents
					},
		contact: { name: row.contact_name, phone: row.contact_phone, email: row.contact_email },
		returnDate: row.return_date,
		history: []
	};
}

/** The request with its history, from rows of a request joined to its events. */
function toRequests(
	rows: (Selectable<ServiceRequestTable> & {
		event_state: RequestState | null;
		event_at: string | null;
		event_note: string | null;
		event_return_date: string | null;
	})[]
): ServiceRequest[] {
	const requests = new Map<number, ServiceRequest>();
	for (const row of rows) {
		let request = requests.get(row.id);
		if (!request) {
			request = requestOf(row);
			requests.set(row.id, request);
		}
		if (row.event_state && row.event_at) {
			const event: RequestEvent = {
				state: row.event_state,
				at: row.event_at,
				note: row.event_note,
				returnDate: row.event_return_date
			};
			request.history.push(event);
		}
	}
	return [...requests.values()];
}

function requestsWithHistory(db: Db) {
	return db
		.selectFrom('service_request')
		.leftJoin('service_request_event as event', 'event.request_id', 'service_request.id')
		.selectAll('service_request')
		.select([
			'event.state as event_state',
			'event.at as event_at',
			'event.note as event_note',
			'event.return_date as event_return_date'
		]);
}

/** How long a resolved request stays on the customer's pages, so its answer is seen. */
export const RESOLVED_SHOWN_DAYS = 14;

/**
 * The customer's open requests and those resolved in the last two weeks, the open ones first,
 * newest first, each with its history: one query, as the start page asks on every visit.
 */
export async function listCustomerRequests(
	db: Db,
	customerId: number,
	now: Date
): Promise<ServiceRequest[]> {
	const shownFrom = new Date(now.getTime() - RESOLVED_SHOWN_DAYS * 86_400_000).toISOString();
	const requests = toRequests(await shownRequestRows(db, customerId, shownFrom));
	return [
		...requests.filter((r) => !isResolved(r.state)),
		...requests.filter((r) => isResolved(r.state))
	];
}

// Built once (prepared.ts): the start page asks on every visit.
const shownRequestRows = prepared(2, (db, customerId: number, shownFrom: string) =>
	requestsWithHistory(db)
		.where('service_request.customer_id', '=', customerId)
		.where((eb) =>
			eb.or([
				eb('service_request.state', 'not in', ['collected', 'rejected']),
				eb('service_request.updated_at', '>=', shownFrom)
			])
		)
		.orderBy('service_request.id', 'desc')
		.orderBy('event.id')
);

/** One request of the customer's, by reference and owner together. */
export async function getCustomerRequest(
	db: Db,
	customerId: number,
	reference: string
): Promise<ServiceRequest | null> {
	const rows = await requestsWithHistory(db)
		.where('service_request.customer_id', '=', customerId)
		.where('service_request.reference', '=', reference)
		.orderBy('event.id')
		.execute();
	return toRequests(rows)[0] ?? null;
}

/** A request as the company's systems read it: with the contract and the customer's name. */
export interface StaffRequest extends ServiceRequest {
	contractNumber: string | null;
	customerName: string | null;
	login: string;
	updatedAt: string;
}

/**
 * Requests by id or by reference, in the order they were made, with their history, contract,
 * customer and version.
 */
async function readStaffRequests(db: Db, which: { ids: number[] } | { reference: string }) {
	let query = requestsWithHistory(db)
		.leftJoin('customer', 'customer.id', 'service_request.customer_id')
		.select(['customer.contract_number', 'customer.name as customer_name'])
		.orderBy('service_request.id')
		.orderBy('event.id');
	query =
		'ids' in which
			? query.where('service_request.id', 'in', which.ids)
			: query.where('service_request.reference', '=', which.reference);
	const rows = await query.execute();
	const extra = new Map(rows.map((r) => [r.reference, r]));
	return toRequests(rows).map((request) => {
		const row = extra.get(request.reference)!;
		const staffRequest: StaffRequest = {
			...request,
			contractNumber: row.contract_number,
			customerName: row.customer_name,
			login: row.session_kind,
			updatedAt: row.updated_at
		};
		return { request: staffRequest, customerId: row.customer_id, version: row.version };
	});
}

/** One request as staff read it, by its reference, with its customer and version. */
export async function getStaffRequest(db: Db, reference: string) {
	const [found] = await readStaffRequests(db, { reference });
	return found ?? null;
}

/**
 * Requests in the order they were made, after the one with id `after`: the staff API's pages
 * and `npm run requests`. `open` leaves out the resolved ones.
 */
export async function listRequestsForStaff(
	db: Db,
	options: { after: number; limit: number; open?: boolean }
): Promise<{ requests: StaffRequest[]; lastId: number | null }> {
	let page = db
		.selectFrom('service_request')
		.select(['service_request.id'])
		.where('service_request.id', '>', options.after)
		.orderBy('service_request.id')
		.limit(options.limit);
	if (options.open) page = page.where('service_request.state', 'not in', ['collected', 'rejected']);
	const ids = (await page.execute()).map((r) => r.id);
	if (ids.length === 0) return { requests: [], lastId: null };
	const requests = (await readStaffRequests(db, { ids })).map(({ request }) => request);
	return { requests, lastId: ids.at(-1) ?? null };
}
