import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { contactDefaults, readContactForm } from '$lib/server/contact-form';
import { readForm } from '$lib/server/forms';
import {
	answersPage,
	ORDER_PATH,
	requireOrderDraft,
	writeOrderDraft
} from '$lib/server/order-draft';
import { NAME_MAX } from '$lib/server/report-draft';
import type { Actions, PageServerLoad } from './$types';

/** How the company reaches the customer about the order, prefilled from the contract. */
export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const draft = requireOrderDraft(cookies, user.customer.id, 'answers');
	return {
		contact: draft.contact ?? (await contactDefaults(user)),
		nameMax: NAME_MAX,
		back: answersPage(draft.answers)
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const user = requireUser();
		const none = { errors: undefined, typed: undefined };
		if (user.viewOnly) return viewOnlyFailure(none);
		const draft = requireOrderDraft(cookies, user.customer.id, 'answers');
		const form = await readForm(request);
		if (!form) return fail(400, { ...none, message: m.error_form() });
		const read = readContactForm(form);
		if (!read.ok)
			return fail(400, { message: m.error_form(), errors: read.errors, typed: read.typed });
		writeOrderDraft(cookies, url, { ...draft, contact: read.contact });
		redirect(303, `${ORDER_PATH}/check`);
	}
};
