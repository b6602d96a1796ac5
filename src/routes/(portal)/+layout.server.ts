import { listContracts } from '$lib/server/auth/account-settings';
import { requireUser } from '$lib/server/auth/guard';
import { offlineCopyTag } from '$lib/server/offline/response';
import { loadPublished } from '$lib/server/published';
import { requestContext } from '$lib/server/request-context';
import type { LayoutServerLoad } from './$types';

/** The frame of every signed-in page (each page guards itself too: requireUser). */
export const load: LayoutServerLoad = async () => {
	const user = requireUser();
	const context = requestContext();
	const [published, contracts] = await Promise.all([
		// Read once per request: the root layout reads it too.
		loadPublished(),
		user.account ? listContracts(context, user.account.id) : []
	]);
	return {
		currentCustomerId: user.customer.id,
		email: user.account?.email ?? null,
		viewOnly: user.viewOnly,
		contracts,
		// The offline copies' ETag as of this page: when the kept copies have it, the service
		// worker need not ask the server for them again (src/service-worker.ts).
		offlineTag: offlineCopyTag(user.customer.id, published, context.today)
	};
};
