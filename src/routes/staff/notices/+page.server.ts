import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { listStaffNotices } from '$lib/server/staff/notices';
import type { PageServerLoad } from './$types';

/** Every notice, the console's and the export's, with where each stands. */
export const load: PageServerLoad = async () => {
	await requireStaff('admin');
	const { db, locale, now, today } = requestContext();
	return { locale, notices: await listStaffNotices(db, { now, today }) };
};
