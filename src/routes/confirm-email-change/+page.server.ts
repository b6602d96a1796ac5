import { fail } from '@sveltejs/kit';
import { authContext } from '$lib/server/auth/context';
import { confirmEmailChange } from '$lib/server/auth/account-settings';
import { checkEmailToken } from '$lib/server/auth/email-token';
import { linkProblem } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	const check = await checkEmailToken(authContext(event).db, token, 'change_email');
	return { token, newEmail: check.ok ? check.newEmail : null, problem: linkProblem(check) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const problem = linkProblem(
			await confirmEmailChange(authContext(event), form ? field(form, 'token') : '')
		);
		return problem ? fail(400, { problem }) : { changed: true };
	}
};
