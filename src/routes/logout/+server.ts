import { recordAudit } from '$lib/server/audit';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import { requestContext } from '$lib/server/request-context';
import type { RequestHandler } from './$types';

/**
 * "Iziet": the session is deleted on the server, not only forgotten by the browser, and the
 * browser is told to drop what it keeps of this site (HTTP cache, Cache Storage, IndexedDB,
 * the service worker), so nothing of this customer stays on a shared computer. The service
 * worker never answers this POST, so the header reaches the browser.
 */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.user) {
		const ctx = requestContext();
		await invalidateSession(ctx.db, locals.user.session.id);
		await recordAudit(ctx, {
			event: 'logout',
			outcome: 'success',
			accountId: locals.user.session.accountId,
			customerId: locals.user.customer.id
		});
	}
	deleteSessionCookie({ cookies, url });
	return new Response(null, {
		status: 303,
		headers: { location: '/', 'clear-site-data': '"cache", "storage"' }
	});
};
