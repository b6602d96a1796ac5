import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { readQueueFilter } from '$lib/domain/staff-queue';
import { requestContext } from '$lib/server/request-context';
import { requireStaff } from '$lib/server/staff/guard';
import { listQueue } from '$lib/server/staff/queue';
import type { PageServerLoad } from './$types';

/** The requests queue, oldest first, under the filter in the address. */
export const load: PageServerLoad = async ({ url }) => {
	await requireStaff();
	const filter = readQueueFilter(url.searchParams);
	if (!filter) error(400, m.staff_filter_bad());
	const { db, now } = requestContext();
	return { filter, ...(await listQueue(db, filter, now)), query: url.search };
};
