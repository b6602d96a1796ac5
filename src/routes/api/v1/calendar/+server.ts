import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { calendarData, offlineResponse } from '$lib/server/offline-data';
import type { RequestHandler } from './$types';

/** The signed-in customer's collection calendar, this year and the next. */
export const GET: RequestHandler = async () => {
	const user = requireUser();
	return offlineResponse(user.customer.id, await calendarData(getDb(), user.customer));
};
