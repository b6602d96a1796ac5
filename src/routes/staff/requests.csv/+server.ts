import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { readQueueFilter } from '$lib/domain/staff-queue';
import { queueStateLabel, queueTypeLabel } from '$lib/domain/staff-view';
import { requestContext } from '$lib/server/request-context';
import { csvDownload } from '$lib/server/staff-csv';
import { requireStaff } from '$lib/server/staff/guard';
import { listQueue } from '$lib/server/staff/queue';
import type { RequestHandler } from './$types';

/** The queue under the page's filter, every line of it, for a spreadsheet. */
export const GET: RequestHandler = async ({ url }) => {
	await requireStaff();
	const filter = readQueueFilter(url.searchParams);
	if (!filter) error(400, m.staff_filter_bad());
	const { db, now, today, locale } = requestContext();
	const { items } = await listQueue(db, filter, now, null);
	return csvDownload(
		'requests',
		[
			[
				m.staff_col_id(),
				m.staff_filter_type(),
				m.staff_filter_state(),
				m.staff_col_created(),
				m.staff_col_updated(),
				m.staff_col_contract(),
				m.staff_col_customer(),
				m.staff_col_day(),
				m.staff_col_about()
			],
			...items.map((item) => [
				item.id,
				queueTypeLabel(item.type, locale),
				queueStateLabel(item, locale),
				item.createdAt,
				item.updatedAt,
				item.contractNumber,
				item.customerName,
				item.day,
				item.about
			])
		],
		today
	);
};
