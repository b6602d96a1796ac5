import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { listImportRuns } from '$lib/server/staff/imports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	await requireStaff('admin');
	const { db, locale } = requestContext();
	return { runs: await listImportRuns(db), locale };
};
