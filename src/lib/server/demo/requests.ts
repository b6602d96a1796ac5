/**
 * The demo contracts' requests: missed-collection reports and the private demo's orders, one
 * of each in each state, with their histories, so the view-only demo shows a request's whole
 * life. Requests are the portal's own data, made by customers,
 * not the billing export's, so they are written here after the demo import; once there, they
 * stay (a restart's import leaves them).
 */
import { addDays, dayInRiga } from '$lib/dates';
import { isResolved, REQUEST_STATES, type RequestState } from '$lib/domain/service-request';
import type { OrderAnswers } from '$lib/domain/order';
import { listCollections, listContainers } from '../calendar';
import { listOffers } from '../catalogue';
import type { Db } from '../db';
import {
	addChoices,
	changeChoices,
	dateChoices,
	extraChoices,
	loadOrderData,
	placeOrder
} from '../orders';
import { applyRequestStatuses } from '../service-request';
import { DEMO_LEGAL_CONTRACT, DEMO_PRIVATE_CONTRACT } from './contracts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The states a request in `state` went through, in order. */
const pathTo = (state: RequestState): RequestState[] =>
	state === 'rejected'
		? ['submitted', 'received', 'rejected']
		: REQUEST_STATES.slice(0, REQUEST_STATES.indexOf(state) + 1);

export async function seedDemoRequests(db: Db, now = new Date()): Promise<number> {
	const today = dayInRiga(now);
	let made = 0;
	for (const contract of [DEMO_PRIVATE_CONTRACT, DEMO_LEGAL_CONTRACT]) {
		const customer = await db
			.selectFrom('customer')
			.select(['id', 'name', 'phone'])
			.where('contract_number', '=', contract)
			.executeTakeFirst();
		if (!customer) continue;
		const known = await db
			.selectFrom('service_request')
			.select('id')
			.where('customer_id', '=', customer.id)
			.executeTakeFirst();
		if (known) continue;
		// The latest collection is left for the report form to offer.
		const entries = await listCollections(db, customer.id, addDays(today, -90), addDays(today, -1));
		const older = entries.sort((a, b) => b.date.localeCompare(a.date)).slice(1);
		const volumes = new Map(
			(await listContainers(db, customer.id)).map((c) => [c.code, c.volumeLitres])
		);
		for (const [i, state] of REQUEST_STATES.entries()) {
			const entry = older[i];
			const volume = entry && volumes.get(entry.containerCode);
			if (!entry || volume === undefined) break;
			// Sent the morning after the collection, answered a day at a time; the resolved ones
			// closed in the last days, so the pages show them (RESOLVED_SHOWN_DAYS).
			const steps = pathTo(state);
			const sent = Math.min(
				Date.parse(`${addDays(entry.date, 1)}T07:30:00Z`),
				now.getTime() - 3 * DAY
			);
			const end = isResolved(state)
				? now.getTime() - (state === 'collected' ? 1 : 2) * DAY
				: Math.min(sent + (steps.length - 1) * DAY, now.getTime() - HOUR);
			const times = steps.map((_, n) =>
				steps.length === 1 ? sent : sent + ((end - sent) * n) / (steps.length - 1)
			);
			const at = (n: number) => new Date(times[n]!).toISOString();
			// A scheduled one comes back tomorrow; a collected one came back the day it closed.
			const returnDate =
				state === 'scheduled' ? addDays(today, 1) : dayInRiga(new Date(times[steps.length - 1]!));
			const request = await db
				.insertInto('service_request')
				.values({
					reference: `KL-DEM${i}${contract === DEMO_PRIVATE_CONTRACT ? 'P' : 'J'}00`,
					customer_id: customer.id,
					account_id: null,
					session_kind: 'demo',
					kind: 'missed_collection',
					container_code: entry.containerCode,
					fraction: entry.fraction,
					volume_litres: volume,
					address: entry.address,
					collection_date: entry.date,
					place: i % 2 === 0 ? 'usual' : 'kerb',
					place_note: null,
					contact_name: customer.name,
					contact_phone: customer.phone,
					// No e-mail: the demo sends none.
					contact_email: null,
					locale: 'lv',
					state,
					return_date: state === 'scheduled' || state === 'collected' ? returnDate : null,
					created_at: at(0),
					updated_at: at(steps.length - 1)
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await db
				.insertInto('service_request_event')
				.values(
					steps.map((step, n) => ({
						request_id: request.id,
						state: step,
						at: at(n),
						note:
							step === 'rejected'
								? 'Konteiners bija aiz aizslēgtiem vārtiem; apkalpe to nevarēja sasniegt.'
								: null,
						return_date: step === 'scheduled' ? returnDate : null
					}))
				)
				.execute();
			made++;
		}
		if (contract === DEMO_PRIVATE_CONTRACT) made += await seedDemoOrders(db, customer, now);
	}
	return made;
}

/**
 * The private demo's orders, one in each state, placed three days ago through the portal's
 * own placeOrder and answered through the import's applyRequestStatuses, a day at a time:
 * what the pages show is what a real order goes through.
 */
async function seedDemoOrders(
	db: Db,
	customer: { id: number; name: string; phone: string | null },
	now: Date
): Promise<number> {
	const placed = new Date(now.getTime() - 3 * DAY);
	const data = await loadOrderData(
		db,
		{ id: customer.id, contractNumber: DEMO_PRIVATE_CONTRACT },
		placed,
		await listOffers(db)
	);
	const mixed = data.containers.find((c) => c.fraction === 'mixed');
	const sorted = data.containers.find((c) => c.fraction === 'plastic_metal');
	if (!mixed || !sorted) return 0;
	// Emptyings far enough ahead that their cut-off is still to come.
	const later = (code: string) =>
		[...(data.dates.get(code) ?? [])].sort().filter((day) => day > addDays(dayInRiga(now), 7));
	const move = dateChoices(data, sorted.code, later(sorted.code)[0] ?? '');
	const extra = extraChoices(data, mixed.code);
	const change = changeChoices(data, mixed.code);
	const bio = addChoices(data).addresses[0]?.fractions.find((f) => f.fraction === 'bio');
	const smaller = change.ok
		? change.sizes.find((size) => size.volumeLitres < mixed.volumeLitres)
		: null;
	const orders: [RequestState, OrderAnswers | null, string | null][] = [
		[
			'submitted',
			{ kind: 'skip', containerCode: mixed.code, date: later(mixed.code)[0] ?? '' },
			null
		],
		[
			'received',
			move.ok && move.moveTo[0]
				? {
						kind: 'move',
						containerCode: sorted.code,
						date: later(sorted.code)[0]!,
						newDate: move.moveTo[0]
					}
				: null,
			null
		],
		[
			'scheduled',
			extra.ok && extra.days[0]
				? { kind: 'extra', containerCode: mixed.code, date: extra.days[0].date }
				: null,
			null
		],
		[
			'collected',
			bio?.sizes[0]
				? {
						kind: 'container_change',
						change: 'add',
						address: mixed.address,
						fraction: 'bio',
						...bio.sizes[0]
					}
				: null,
			'Bio konteiners tiks atvests pirmajā izvešanas dienā.'
		],
		[
			'rejected',
			smaller
				? { kind: 'container_change', change: 'resize', containerCode: mixed.code, ...smaller }
				: null,
			'Mājsaimniecībai ar četriem iedzīvotājiem 120 l konteiners ir par mazu.'
		]
	];
	const who = {
		customerId: customer.id,
		accountId: null,
		sessionKind: 'demo' as const,
		locale: 'lv',
		contractNumber: DEMO_PRIVATE_CONTRACT
	};
	const contact = { name: customer.name, phone: customer.phone, email: null };
	let made = 0;
	for (const [state, answers, note] of orders) {
		if (!answers) continue;
		const outcome = await placeOrder({ db, now: placed, origin: '' }, who, answers, contact);
		if (!('reference' in outcome)) continue;
		let day = 0;
		for (const step of pathTo(state)) {
			if (step === 'submitted') continue;
			const at = new Date(placed.getTime() + ++day * DAY);
			await applyRequestStatuses({ db, now: at, origin: '' }, [
				{
					reference: outcome.reference,
					state: step,
					date: step === 'scheduled' && answers.kind === 'extra' ? answers.date : null,
					note: step === state ? note : null
				}
			]);
		}
		made++;
	}
	return made;
}
