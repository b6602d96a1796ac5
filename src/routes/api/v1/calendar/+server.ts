import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { calendarData, offlineResponse } from '$lib/server/offline-data';
import type { RequestHandler } from './$types';

/** The signed-in customer's collection calendar, this year and the next. */
export const GET: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) error(401, 'Not signed in');
	return offlineResponse(event, await calendarData(getDb(), user.customer));
};
