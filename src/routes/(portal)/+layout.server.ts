import { redirect } from '@sveltejs/kit';
import { listContracts } from '$lib/server/auth/account-settings';
import { getDb } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

/** The one guard of every signed-in page. */
export const load: LayoutServerLoad = async ({ locals }) => {
	const user = locals.user;
	if (!user) redirect(303, '/');
	return {
		currentCustomerId: user.customer.id,
		email: user.account?.email ?? null,
		viewOnly: user.viewOnly,
		contracts: user.account ? await listContracts({ db: getDb() }, user.account.id) : []
	};
};
