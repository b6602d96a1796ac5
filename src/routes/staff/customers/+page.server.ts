import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { SEARCH_LIMIT, searchCustomers } from '$lib/server/staff/customer-lookup';
import type { PageServerLoad } from './$types';

/** Customer lookup: by contract, name, e-mail or address, from the words in the address. */
export const load: PageServerLoad = async ({ url }) => {
	await requireStaff();
	// Long enough for any address or name; a longer text is cut rather than refused.
	const words = (url.searchParams.get('q') ?? '').replaceAll('\0', '').slice(0, 200);
	const { db } = requestContext();
	return { words, found: await searchCustomers(db, words), limit: SEARCH_LIMIT };
};
