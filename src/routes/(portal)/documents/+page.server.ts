import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { listDocuments, listDocumentYears } from '$lib/server/document';
import { requestContext } from '$lib/server/request-context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const customer = requireUser().customer;
	const customerId = customer.id;
	const { db, today } = requestContext();
	const currentYear = Number(today.slice(0, 4));
	const asked = url.searchParams.get('year');
	if (asked !== null && !/^\d{4}$/.test(asked)) error(400, m.error_form());
	const year = asked === null ? currentYear : Number(asked);
	const [years, documents] = await Promise.all([
		listDocumentYears(db, customerId),
		listDocuments(db, customerId, year, today)
	]);
	return {
		year,
		years: years.includes(currentYear) ? years : [currentYear, ...years],
		documents,
		kind: customer.kind
	};
};
