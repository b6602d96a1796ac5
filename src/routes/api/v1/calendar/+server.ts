import { requireUser } from '$lib/server/auth/guard';
import { loadCalendar } from '$lib/server/offline/calendar';
import { offlineResponse } from '$lib/server/offline/response';
import { loadPublished } from '$lib/server/published';
import { requestContext } from '$lib/server/request-context';
import type { RequestHandler } from './$types';

/** The signed-in customer's collection calendar, this year and the next. */
export const GET: RequestHandler = async ({ request }) => {
	const { customer } = requireUser();
	const { db, today } = requestContext();
	const copy = { customerId: customer.id, published: await loadPublished(), today };
	return offlineResponse(request, copy, () => loadCalendar(db, customer, copy));
};
