import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { getImportRun, PROBLEMS_SHOWN } from '$lib/server/staff/imports';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	await requireStaff('admin');
	const { db, locale } = requestContext();
	const run = /^\d{1,12}$/.test(params.id) ? await getImportRun(db, Number(params.id)) : null;
	if (!run) error(404, m.staff_import_unknown());
	return { run, locale, shown: PROBLEMS_SHOWN };
};
