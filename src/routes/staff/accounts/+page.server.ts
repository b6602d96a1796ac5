import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { listStaff } from '$lib/server/staff/account';
import type { PageServerLoad } from './$types';

/** The staff accounts, for an admin; they are made with `npm run staff`. */
export const load: PageServerLoad = async () => {
	await requireStaff('admin');
	const { db, locale } = requestContext();
	return { accounts: await listStaff(db), locale };
};
