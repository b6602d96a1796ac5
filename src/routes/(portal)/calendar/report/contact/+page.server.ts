import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { getCustomerProfile } from '$lib/server/customer';
import { field, readForm } from '$lib/server/forms';
import {
	cleanText,
	NAME_MAX,
	REPORT_PATH,
	requireDraft,
	writeDraft
} from '$lib/server/report-draft';
import { requestContext } from '$lib/server/request-context';
import { checkEmail, checkPhone } from '$lib/validators';
import type { Actions, PageServerLoad } from './$types';

/** Question 3: how the company reaches the customer about it, prefilled from the contract. */
export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const draft = requireDraft(cookies, user.customer.id, 'place');
	if (draft.contact) return { contact: draft.contact, nameMax: NAME_MAX };
	const profile = await getCustomerProfile(requestContext().db, user.customer.id);
	return {
		contact: {
			name: profile?.name ?? '',
			phone: profile?.phone ?? null,
			// The address the company writes to; the login's until the contract has one.
			email: profile?.email ?? user.account?.email ?? null
		},
		nameMax: NAME_MAX
	};
};

export const actions: Actions = {
	default: async ({ request, cookies, url }) => {
		const user = requireUser();
		const none = { errors: undefined, typed: undefined };
		if (user.viewOnly) return viewOnlyFailure(none);
		const draft = requireDraft(cookies, user.customer.id, 'place');
		const form = await readForm(request);
		if (!form) return fail(400, { ...none, message: m.error_form() });
		const typed = {
			name: field(form, 'name'),
			phone: field(form, 'phone').trim(),
			email: field(form, 'email').trim()
		};
		const name = cleanText(typed.name, NAME_MAX);
		const phone = typed.phone ? checkPhone(typed.phone) : null;
		const email = typed.email ? checkEmail(typed.email) : null;
		const errors = {
			name: name ? undefined : m.report_name_required({ max: NAME_MAX }),
			phone: phone && !phone.ok ? m.error_phone() : undefined,
			email: email && !email.ok ? m.error_email() : undefined,
			contact: !phone && !email ? m.report_contact_required() : undefined
		};
		if (!name || (phone && !phone.ok) || (email && !email.ok) || (!phone && !email))
			return fail(400, { message: m.error_form(), errors, typed });
		writeDraft(cookies, url, {
			...draft,
			contact: {
				name,
				phone: phone?.ok ? phone.value : null,
				email: email?.ok ? email.value : null
			}
		});
		redirect(303, `${REPORT_PATH}/check`);
	}
};
