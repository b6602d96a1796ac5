import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { checkEmail } from '$lib/validators';
import { authContext } from '$lib/server/auth/context';
import { requestPasswordReset } from '$lib/server/auth/password-reset';
import { field, readForm } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const email = checkEmail(form ? field(form, 'email') : '');
		if (!email.ok)
			return fail(400, { message: m.error_email(), email: form ? field(form, 'email') : '' });
		if (!(await requestPasswordReset(authContext(event), email.value)))
			return fail(429, { message: m.error_too_many_mails(), email: email.value });
		return { sent: true };
	}
};
