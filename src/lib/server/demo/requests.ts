/**
 * The demo contracts' requests: one in each state, with their histories, so the view-only
 * demo shows a request's whole life. Requests are the portal's own data, made by customers,
 * not the billing export's, so they are written here after the demo import; once there, they
 * stay (a restart's import leaves them).
 */
import { addDays, dayInRiga } from '$lib/dates';
import { isResolved, REQUEST_STATES, type RequestState } from '$lib/domain/service-request';
import { listCollections, listContainers } from '../calendar';
import type { Db } from '../db';
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
	}
	return made;
}
