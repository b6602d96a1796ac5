import { m } from '$lib/paraglide/messages';
import { staffStatusLabel } from '$lib/domain/staff-view';
import { requestContext } from '$lib/server/request-context';
import { csvDownload } from '$lib/server/staff-csv';
import { listStaff } from '$lib/server/staff/account';
import { requireStaff } from '$lib/server/staff/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	await requireStaff('admin');
	const { db, locale, today } = requestContext();
	const accounts = await listStaff(db);
	return csvDownload(
		'staff',
		[
			[m.field_email(), m.staff_col_role(), m.staff_filter_state(), m.staff_col_created()],
			...accounts.map((a) => [
				a.email,
				a.role === 'admin' ? m.staff_role_admin() : m.staff_role_clerk(),
				staffStatusLabel(a.status, locale),
				a.created_at
			])
		],
		today
	);
};
