import { json } from '@sveltejs/kit';
import { requestContext } from '$lib/server/request-context';
import { listRequestsForStaff } from '$lib/server/service-request';
import { authenticateStaff } from '$lib/server/staff-token';
import type { RequestHandler } from './$types';

const PAGE = { default: 100, max: 500 };

const refuse = (status: number, message: string, headers: Record<string, string> = {}) =>
	json({ error: message }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });

/**
 * The customers' requests for the company's CRM, oldest first, a page at a time:
 * `?since=CURSOR` gives the ones after the cursor a page ended with (docs/staff-api.md).
 * Only a bearer token from `npm run tokens -- add NAME` opens it; it never uses a session.
 */
export const GET: RequestHandler = async ({ request, url }) => {
	const { db, now } = requestContext();
	if (!(await authenticateStaff(db, request.headers.get('authorization'), now)))
		return refuse(401, 'A valid bearer token is needed: Authorization: Bearer kls_…', {
			'WWW-Authenticate': 'Bearer realm="klientiem-staff"'
		});
	const since = url.searchParams.get('since') ?? '0';
	const limit = url.searchParams.get('limit') ?? String(PAGE.default);
	if (!/^\d{1,15}$/.test(since))
		return refuse(400, 'since must be a cursor this API gave (digits), or left out');
	if (!/^\d{1,3}$/.test(limit) || Number(limit) < 1 || Number(limit) > PAGE.max)
		return refuse(400, `limit must be a whole number from 1 to ${PAGE.max}`);
	const page = await listRequestsForStaff(db, { after: Number(since), limit: Number(limit) });
	return json(
		{
			requests: page.requests,
			// The cursor to ask with next; the same one when there was nothing new.
			next: page.lastId === null ? since : String(page.lastId),
			more: page.requests.length === Number(limit)
		},
		{ headers: { 'Cache-Control': 'no-store' } }
	);
};
