import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authContext } from '$lib/server/auth/context';
import { checkEmailToken } from '$lib/server/auth/email-token';
import { resetPassword } from '$lib/server/auth/password-reset';
import { linkProblem, passwordError } from '$lib/server/auth/responses';
import { deleteSessionCookie } from '$lib/server/auth/session';
import { field, passwordField, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	return {
		token,
		problem: linkProblem(await checkEmailToken(authContext(event).db, token, 'reset'))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		if (!form) return fail(400, { message: m.error_form() });
		const password = passwordField(form, 'password');
		const problem = passwordError(password);
		if (problem) return fail(400, { message: problem });
		if (password !== passwordField(form, 'passwordAgain'))
			return fail(400, { message: m.error_password_mismatch() });
		const result = await resetPassword(authContext(event), field(form, 'token'), password);
		const linkError = linkProblem(result);
		if (linkError) return fail(400, { linkError });
		// Every session of the account has ended, this browser's included.
		deleteSessionCookie(event);
		return { done: true };
	}
};
