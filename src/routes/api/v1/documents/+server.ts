import { dayInRiga } from '$lib/dates';
import { requireUser } from '$lib/server/auth/guard';
import { getDb } from '$lib/server/db';
import { loadLatestDocuments } from '$lib/server/offline/documents';
import { offlineResponse } from '$lib/server/offline/response';
import { loadPublished } from '$lib/server/published';
import type { RequestHandler } from './$types';

/** The signed-in customer's latest 12 documents in full, with what is needed to pay them. */
export const GET: RequestHandler = async ({ request }) => {
	const { customer } = requireUser();
	const db = getDb();
	const copy = { customerId: customer.id, published: await loadPublished(db), today: dayInRiga() };
	return offlineResponse(request, copy, () => loadLatestDocuments(db, customer, copy));
};
