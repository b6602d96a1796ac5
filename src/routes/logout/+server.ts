import { redirect } from '@sveltejs/kit';
import { recordAudit } from '$lib/server/audit';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

/** "Iziet": the session is deleted on the server, not only forgotten by the browser. */
export const POST: RequestHandler = async ({ locals, cookies, getClientAddress }) => {
	if (locals.user) {
		await invalidateSession(getDb(), locals.user.session.id);
		await recordAudit(getDb(), {
			event: 'logout',
			outcome: 'success',
			accountId: locals.user.session.accountId,
			customerId: locals.user.customer.id,
			clientAddress: getClientAddress()
		});
	}
	deleteSessionCookie(cookies);
	redirect(303, '/');
};
