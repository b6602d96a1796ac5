import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { eligibilityText } from '$lib/domain/request-view';
import { m } from '$lib/paraglide/messages';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import { listReportChoices } from '$lib/server/missed-collection';
import { readDraft, REPORT_PATH, writeDraft } from '$lib/server/report-draft';
import { requestContext } from '$lib/server/request-context';
import type { Actions, PageServerLoad } from './$types';

/** A choice's value in the form: the day first, as a container code may hold any sign. */
const choiceOf = (entry: { date: string; containerCode: string }) =>
	`${entry.date}:${entry.containerCode}`;

/** Question 1: which container was not emptied. */
export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const { db, now } = requestContext();
	const draft = readDraft(cookies, user.customer.id);
	const choices = await listReportChoices(db, user.customer.id, now);
	return {
		choices: choices.map(({ entry, eligibility }) => ({
			value: choiceOf(entry),
			entry,
			eligibility
		})),
		chosen: draft ? choiceOf(draft) : null
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url, locals }) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const form = await readForm(request);
		if (!form) return fail(400, { message: m.error_form() });
		const { db, now } = requestContext();
		const choice = field(form, 'choice');
		const found = (await listReportChoices(db, user.customer.id, now)).find(
			(c) => choiceOf(c.entry) === choice
		);
		if (!found) return fail(400, { message: m.report_container_required() });
		if (!found.eligibility.ok)
			return fail(409, { message: eligibilityText(found.eligibility, locals.locale) });
		const draft = readDraft(cookies, user.customer.id);
		const same = draft && choiceOf(draft) === choice;
		writeDraft(cookies, url, {
			customerId: user.customer.id,
			containerCode: found.entry.containerCode,
			date: found.entry.date,
			place: same ? draft.place : null,
			placeNote: same ? draft.placeNote : null,
			contact: draft?.contact ?? null
		});
		redirect(303, `${REPORT_PATH}/location`);
	}
};
