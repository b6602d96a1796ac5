import { listContracts } from '$lib/server/auth/account-settings';
import { requireUser } from '$lib/server/auth/guard';
import { requestContext } from '$lib/server/request-context';
import type { LayoutServerLoad } from './$types';

/** The frame of every signed-in page (each page guards itself too: requireUser). */
export const load: LayoutServerLoad = async () => {
	const user = requireUser();
	return {
		currentCustomerId: user.customer.id,
		email: user.account?.email ?? null,
		viewOnly: user.viewOnly,
		contracts: user.account ? await listContracts(requestContext(), user.account.id) : []
	};
};
