import { error, json } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { switchContract } from '$lib/server/auth/account-settings';
import { authContext } from '$lib/server/auth/context';
import type { RequestHandler } from './$types';

/** Switches the session to another contract of the account: `{"customerId": 12}`. */
export const POST: RequestHandler = async (event) => {
	const user = requireUser();
	if (!user.account) error(403, 'Only an account holds several contracts');
	const body: unknown = await event.request.json().catch(() => null);
	const customerId =
		typeof body === 'object' && body !== null && 'customerId' in body ? body.customerId : null;
	if (typeof customerId !== 'number' || !Number.isInteger(customerId))
		error(400, 'Expected {"customerId": <whole number>}');
	if (
		!(await switchContract(
			authContext(event),
			{ id: user.session.id, accountId: user.account.id },
			customerId
		))
	)
		error(404, 'No such contract');
	return json({ customerId }, { headers: { 'Cache-Control': 'private, no-store' } });
};
