import { error, text } from '@sveltejs/kit';
import { unsubscribeReminders } from '$lib/server/reminders';
import { requestContext } from '$lib/server/request-context';
import type { RequestHandler } from './$types';

/**
 * RFC 8058 one-click unsubscribe: the mail program posts "List-Unsubscribe=One-Click" here,
 * with no cookie and from no page of ours — the secret in the address is the key, and all
 * it can do is switch reminders off (hooks.server.ts lets it past the same-origin check).
 */
export const POST: RequestHandler = async ({ params, request }) => {
	const body = await request.text();
	if (!new URLSearchParams(body).has('List-Unsubscribe'))
		error(400, 'Expected the body List-Unsubscribe=One-Click (RFC 8058).');
	if (!(await unsubscribeReminders(requestContext().db, params.token)))
		error(404, 'Unknown unsubscribe address.');
	return text('Unsubscribed.');
};
