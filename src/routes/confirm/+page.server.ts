import { fail } from '@sveltejs/kit';
import { authContext } from '$lib/server/auth/context';
import { checkEmailToken } from '$lib/server/auth/email-token';
import { confirmEmail } from '$lib/server/auth/registration';
import { linkProblem } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

// Opening the link only shows a button: mail scanners that fetch links must not use them up.
export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	const check = await checkEmailToken(authContext(event).db, token, 'confirm');
	return { token, problem: linkProblem(check) };
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const result = await confirmEmail(authContext(event), form ? field(form, 'token', 64) : '');
		const problem = linkProblem(result);
		return problem ? fail(400, { problem }) : { confirmed: true };
	}
};
