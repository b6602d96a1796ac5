import { error } from '@sveltejs/kit';
import { FRACTIONS, type Fraction } from '$lib/calendar';
import { dayInRiga } from '$lib/dates';
import { fractionName } from '$lib/fractions';
import { m } from '$lib/paraglide/messages';
import { buildFeed, findFeedCustomer } from '$lib/server/calendar-feed';
import { getCompanyContacts } from '$lib/server/company';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** The subscription feed: no session, the secret in the address is the key. */
export const GET: RequestHandler = async ({ params, url }) => {
	const db = getDb();
	const customer = await findFeedCustomer(db, params.token);
	if (!customer) error(404, 'No such calendar');
	const fraction = url.searchParams.get('fraction');
	if (fraction !== null && !FRACTIONS.includes(fraction as Fraction))
		error(400, `fraction must be one of ${FRACTIONS.join(', ')}`);
	const brand = (await getCompanyContacts(db))?.brandName ?? m.brand_fallback();
	const base = m.calendar_name({ brand, contract: customer.contract_number });
	const body = await buildFeed(db, customer, {
		today: dayInRiga(),
		fraction: fraction as Fraction | null,
		calendarName: fraction ? `${base}: ${fractionName(fraction as Fraction)}` : base,
		fractionName
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Cache-Control': 'private, max-age=3600'
		}
	});
};
