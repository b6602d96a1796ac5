import { error } from '@sveltejs/kit';
import { FRACTIONS, isFraction, type Fraction } from '$lib/calendar';
import { fractionName } from '$lib/fractions';
import { calendarName } from '$lib/domain/calendar-view';
import { m } from '$lib/paraglide/messages';
import { buildFeed, findFeedCustomer } from '$lib/server/calendar-feed';
import { noneMatch } from '$lib/server/entity-tag';
import { loadPublished } from '$lib/server/published';
import { requestContext } from '$lib/server/request-context';
import type { RequestHandler } from './$types';

/** The subscription feed: no session, the secret in the address is the key. */
export const GET: RequestHandler = async ({ params, request, url }) => {
	const { db, today, locale } = requestContext();
	const customer = await findFeedCustomer(db, params.token);
	if (!customer) error(404, 'No such calendar');
	const asked = url.searchParams.get('fraction');
	if (asked !== null && !isFraction(asked))
		error(400, `fraction must be one of ${FRACTIONS.join(', ')}`);
	const fraction = asked as Fraction | null;
	// The company is kept per import run: a feed asked for by many apps reads it once.
	const brand = (await loadPublished()).company?.brandName ?? m.brand_fallback();
	const feed = await buildFeed(db, customer, {
		today,
		fraction,
		calendarName: calendarName(
			{
				brand,
				contract: customer.contract_number,
				part: fraction ? fractionName(fraction) : undefined
			},
			locale
		),
		fractionName,
		locale
	});
	const headers = { ETag: feed.etag, 'Cache-Control': 'private, max-age=3600' };
	// An app that kept the last copy asks whether it changed; mostly it has not.
	if (noneMatch(request.headers.get('if-none-match'), feed.etag))
		return new Response(null, { status: 304, headers });
	return new Response(feed.body, {
		headers: { ...headers, 'Content-Type': 'text/calendar; charset=utf-8' }
	});
};
