import { error } from '@sveltejs/kit';
import { CALENDAR_VIEWS, inView, nextCollections, type CalendarView } from '$lib/calendar';
import { dayInRiga } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { listCollections, listContainers, listServiceAddresses } from '$lib/server/calendar';
import { getDb } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const customerId = locals.user!.customer.id;
	const today = dayInRiga();
	const show = url.searchParams.get('show') ?? 'all';
	const mode = url.searchParams.get('mode') ?? 'list';
	const month = url.searchParams.get('month') ?? today.slice(0, 7);
	if (
		!CALENDAR_VIEWS.includes(show as CalendarView) ||
		!['list', 'month'].includes(mode) ||
		!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)
	) {
		error(400, m.error_form());
	}
	const view = show as CalendarView;
	const db = getDb();
	// This year and the next, and an earlier month if one is shown: what the list, the month
	// grid, the year PDFs and the ICS file need, so they all work from the page's data.
	const thisYear = Number(today.slice(0, 4));
	const from = `${month < `${thisYear}-01` ? month : `${thisYear}-01`}-01`;
	const [containers, entries, addresses] = await Promise.all([
		listContainers(db, customerId),
		listCollections(db, customerId, from, `${thisYear + 1}-12-31`),
		listServiceAddresses(db, customerId)
	]);
	const shown = entries.filter((entry) => inView(view, entry.fraction));
	return {
		today,
		view,
		mode: mode as 'list' | 'month',
		month,
		containers: containers.filter((c) => inView(view, c.fraction)),
		next: nextCollections(shown, today),
		entries: shown,
		contractNumber: locals.user!.customer.contractNumber,
		customer: {
			name: locals.user!.customer.name,
			contractNumber: locals.user!.customer.contractNumber,
			addresses
		},
		years: [thisYear, thisYear + 1]
	};
};
