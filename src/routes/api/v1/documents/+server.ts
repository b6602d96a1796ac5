import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { documentsData, offlineResponse } from '$lib/server/offline-data';
import type { RequestHandler } from './$types';

/** The signed-in customer's latest 12 documents in full, with what is needed to pay them. */
export const GET: RequestHandler = async (event) => {
	const user = event.locals.user;
	if (!user) error(401, 'Not signed in');
	return offlineResponse(event, await documentsData(getDb(), user.customer));
};
