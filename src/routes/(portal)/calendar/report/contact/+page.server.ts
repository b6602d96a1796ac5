import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { contactDefaults, readContactForm } from '$lib/server/contact-form';
import { readForm } from '$lib/server/forms';
import { NAME_MAX, REPORT_PATH, requireDraft, writeDraft } from '$lib/server/report-draft';
import type { Actions, PageServerLoad } from './$types';

/** Question 3: how the company reaches the customer about it, prefilled from the contract. */
export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const draft = requireDraft(cookies, user.customer.id, 'place');
	return { contact: draft.contact ?? (await contactDefaults(user)), nameMax: NAME_MAX };
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const user = requireUser();
		const none = { errors: undefined, typed: undefined };
		if (user.viewOnly) return viewOnlyFailure(none);
		const draft = requireDraft(cookies, user.customer.id, 'place');
		const form = await readForm(request);
		if (!form) return fail(400, { ...none, message: m.error_form() });
		const read = readContactForm(form);
		if (!read.ok)
			return fail(400, { message: m.error_form(), errors: read.errors, typed: read.typed });
		writeDraft(cookies, url, { ...draft, contact: read.contact });
		redirect(303, `${REPORT_PATH}/check`);
	}
};
