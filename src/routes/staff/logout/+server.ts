import { recordAudit } from '$lib/server/audit';
import { requestContext } from '$lib/server/request-context';
import { deleteStaffCookie, endStaffSession } from '$lib/server/staff/session';
import type { RequestHandler } from './$types';

/** Signing out ends the session on the server, not only in the browser. */
export const POST: RequestHandler = async ({ locals, cookies, url }) => {
	if (locals.staff) {
		const ctx = requestContext();
		await endStaffSession(ctx.db, locals.staff.sessionId);
		await recordAudit(ctx, { event: 'staff_logout', outcome: 'success', staffId: locals.staff.id });
	}
	deleteStaffCookie({ cookies, url });
	return new Response(null, { status: 303, headers: { location: '/staff/login' } });
};
