import { getDb } from '$lib/server/db';
import { requireUser } from '$lib/server/auth/guard';
import { documentsData, offlineResponse } from '$lib/server/offline-data';
import type { RequestHandler } from './$types';

/** The signed-in customer's latest 12 documents in full, with what is needed to pay them. */
export const GET: RequestHandler = async () => {
	const user = requireUser();
	return offlineResponse(user.customer.id, await documentsData(getDb(), user.customer));
};
