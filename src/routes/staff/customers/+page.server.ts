import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import {
	auditLookup,
	readSearchWords,
	SEARCH_LIMIT,
	searchCustomers
} from '$lib/server/staff/customer-lookup';
import type { PageServerLoad } from './$types';

/** Customer lookup: by contract, name, e-mail or address, from the words in the address. */
export const load: PageServerLoad = async ({ url }) => {
	const staff = await requireStaff();
	const words = readSearchWords(url);
	const ctx = requestContext();
	const found = await searchCustomers(ctx.db, words);
	if (words !== '') await auditLookup(ctx, staff, { search: words, found: found.length });
	return { words, found, limit: SEARCH_LIMIT };
};
