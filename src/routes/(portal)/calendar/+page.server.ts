import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { CALENDAR_VIEWS, inView, nextCollections, type CalendarView } from '$lib/calendar';
import { currentNotices } from '$lib/domain/notice';
import { m } from '$lib/paraglide/messages';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { getFeedToken, rotateFeedToken } from '$lib/server/calendar-feed';
import { loadCalendar } from '$lib/server/offline/calendar';
import { loadPublished } from '$lib/server/published';
import { requestContext } from '$lib/server/request-context';
import { listCustomerRequests } from '$lib/server/service-request';
import { offerFor } from '$lib/domain/catalogue';
import type { EntryOrderState } from '$lib/domain/order';
import { clockOf, entryOrderState, openOrdersOf } from '$lib/server/orders';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const customer = requireUser().customer;
	const { db, now, today } = requestContext();
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
	// The same data the offline copy holds: the list, the month grid, the year PDFs and the
	// ICS file are all made from it.
	const publishing = loadPublished();
	const [published, calendar, feedToken, requests] = await Promise.all([
		publishing,
		publishing.then((published) =>
			loadCalendar(db, customer, { published, today, fromMonth: month })
		),
		getFeedToken(db, customer.id),
		listCustomerRequests(db, customer.id, now)
	]);
	const shown = calendar.entries.filter((entry) => inView(view, entry.fraction));
	// What can be ordered, from data the page has already: the catalogue came with the
	// published import, the open orders with the requests.
	const orderData = {
		contractNumber: customer.contractNumber,
		containers: calendar.containers,
		offers: published.offers,
		openOrders: openOrdersOf(requests),
		clock: clockOf(now)
	};
	const orders: Record<string, EntryOrderState> = {};
	for (const entry of shown) {
		if (entry.date < today) continue;
		const state = entryOrderState(orderData, entry);
		if (state) orders[`${entry.containerCode}/${entry.date}`] = state;
	}
	const offered = Object.fromEntries(
		calendar.containers.map((c) => {
			const offer = offerFor(published.offers, customer.contractNumber, c);
			return [c.code, { change: offer !== null, extra: (offer?.extraDays.length ?? 0) > 0 }];
		})
	);
	return {
		orders,
		offered,
		canAdd: published.offers.length > 0,
		today,
		view,
		mode: mode as 'list' | 'month',
		month,
		containers: calendar.containers.filter((c) => inView(view, c.fraction)),
		next: nextCollections(shown, today),
		entries: shown,
		contractNumber: customer.contractNumber,
		customer: calendar.customer,
		years: calendar.years,
		feedToken,
		requests,
		notices: currentNotices(
			published.notices,
			{ contractNumber: customer.contractNumber, containers: calendar.containers },
			today
		)
	};
};

export const actions: Actions = {
	/** "Add to phone calendar": the contract's feed address, made on first use. */
	subscribe: async () => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const { db } = requestContext();
		if (!(await getFeedToken(db, user.customer.id))) await rotateFeedToken(db, user.customer.id);
		return { subscribed: true };
	},
	/** A new secret feed address, instead of one that was shared too widely. */
	feed: async () => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		await rotateFeedToken(requestContext().db, user.customer.id);
		return { feedDone: m.calendar_feed_done() };
	}
};
