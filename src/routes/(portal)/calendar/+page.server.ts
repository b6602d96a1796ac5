import { error } from '@sveltejs/kit';
import { CALENDAR_VIEWS, inView, nextCollections, type CalendarView } from '$lib/calendar';
import { addDays, dayInRiga } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { listCollections, listContainers } from '$lib/server/calendar';
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
	// The month shown and a year ahead: what the list, the month grid and the ICS file need.
	const from = `${month < today.slice(0, 7) ? month : today.slice(0, 7)}-01`;
	const [containers, entries] = await Promise.all([
		listContainers(db, customerId),
		listCollections(db, customerId, from, addDays(today, 400))
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
		contractNumber: locals.user!.customer.contractNumber
	};
};
