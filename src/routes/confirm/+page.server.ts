import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authContext } from '$lib/server/auth/context';
import {
	checkRegistration,
	confirmEmail,
	type RegistrationCheck
} from '$lib/server/auth/registration';
import { linkProblem } from '$lib/server/auth/responses';
import { field, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

const problemOf = (check: RegistrationCheck) =>
	!check.ok && check.reason === 'taken' ? m.confirm_taken() : linkProblem(check);

// Opening the link only shows a button: mail scanners that fetch links must not use them up.
export const load: PageServerLoad = async (event) => {
	const token = event.url.searchParams.get('token') ?? '';
	const check = await checkRegistration(authContext(event), token);
	return {
		token,
		// What the button confirms, so the mailbox owner sees whose registration it is.
		registration: check.ok ? { email: check.email, contractNumber: check.contractNumber } : null,
		problem: problemOf(check)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const result = await confirmEmail(authContext(event), form ? field(form, 'token') : '');
		const problem = problemOf(result);
		return problem ? fail(400, { problem }) : { confirmed: true };
	}
};
