import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { eligibilityText } from '$lib/domain/request-view';
import { m } from '$lib/paraglide/messages';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { listContainers } from '$lib/server/calendar';
import { roundEndTime } from '$lib/server/config';
import { readForm } from '$lib/server/forms';
import { clearDraft, requireDraft } from '$lib/server/report-draft';
import { requestContext } from '$lib/server/request-context';
import { requesterOf } from '$lib/server/customer-request';
import { reportMissedCollection } from '$lib/server/service-request';
import type { Actions, PageServerLoad } from './$types';

/** Check the answers, then send: the report is recorded only here. */
export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const draft = requireDraft(cookies, user.customer.id, 'contact');
	const container = (await listContainers(requestContext().db, user.customer.id)).find(
		(c) => c.code === draft.containerCode
	);
	if (!container) redirect(303, '/calendar/report');
	return { draft, container };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const draft = requireDraft(cookies, user.customer.id, 'contact');
		if (!(await readForm(request))) return fail(400, { message: m.error_form() });
		const { db, now, origin } = requestContext();
		const outcome = await reportMissedCollection(
			{ db, now, origin },
			requesterOf(user, locals.locale),
			{
				containerCode: draft.containerCode,
				date: draft.date,
				place: draft.place!,
				placeNote: draft.placeNote,
				contact: draft.contact!
			},
			roundEndTime()
		);
		if ('refused' in outcome)
			return fail(409, { message: eligibilityText(outcome.refused, locals.locale) });
		clearDraft(cookies, url);
		redirect(303, `/requests/${outcome.reference}?sent`);
	}
};
