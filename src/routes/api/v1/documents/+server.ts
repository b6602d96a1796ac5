import { requireUser } from '$lib/server/auth/guard';
import { loadLatestDocuments } from '$lib/server/offline/documents';
import { offlineResponse } from '$lib/server/offline/response';
import { loadPublished } from '$lib/server/published';
import { requestContext } from '$lib/server/request-context';
import type { RequestHandler } from './$types';

/** The signed-in customer's latest 12 documents in full, with what is needed to pay them. */
export const GET: RequestHandler = async ({ request }) => {
	const { customer } = requireUser();
	const { db, today } = requestContext();
	const copy = { customerId: customer.id, published: await loadPublished(), today };
	return offlineResponse(request, copy, () => loadLatestDocuments(db, customer, copy));
};
