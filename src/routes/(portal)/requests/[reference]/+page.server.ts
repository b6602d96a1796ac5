import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { requestContext } from '$lib/server/request-context';
import { normalReference } from '$lib/domain/service-request';
import { getCustomerRequest } from '$lib/server/service-request';
import type { PageServerLoad } from './$types';

/** A request with its history; just after it was sent, the confirmation too. */
export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireUser();
	const reference = normalReference(params.reference);
	const request =
		reference && (await getCustomerRequest(requestContext().db, user.customer.id, reference));
	if (!request) error(404, m.error_not_found());
	return { request, sent: url.searchParams.has('sent') };
};
