import { m } from '$lib/paraglide/messages';
import { requestContext } from '$lib/server/request-context';
import { csvDownload } from '$lib/server/staff-csv';
import { requireStaff } from '$lib/server/staff/guard';
import { listStaffTokens } from '$lib/server/staff-token';
import type { RequestHandler } from './$types';

/** The tokens as the page lists them (never a token itself: only its hash is kept). */
export const GET: RequestHandler = async () => {
	await requireStaff('admin');
	const { db, today } = requestContext();
	const tokens = await listStaffTokens(db);
	return csvDownload(
		'tokens',
		[
			[m.staff_token_name(), 'created_at', 'last_used_at', 'revoked_at'],
			...tokens.map((t) => [t.name, t.created_at, t.last_used_at, t.revoked_at])
		],
		today
	);
};
