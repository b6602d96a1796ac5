import { dayInRiga } from '$lib/dates';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { loadCalendar } from '$lib/server/offline/calendar';
import { offlineResponse } from '$lib/server/offline/response';
import { loadPublished } from '$lib/server/published';
import type { RequestHandler } from './$types';

/** The signed-in customer's collection calendar, this year and the next. */
export const GET: RequestHandler = async ({ request }) => {
	const { customer } = requireUser();
	const db = getDb();
	const copy = { customerId: customer.id, published: await loadPublished(db), today: dayInRiga() };
	return offlineResponse(request, copy, () => loadCalendar(db, customer, copy));
};
