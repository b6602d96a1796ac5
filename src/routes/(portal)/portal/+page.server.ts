import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { switchContract } from '$lib/server/auth/account-settings';
import { authContext } from '$lib/server/auth/context';
import { field, readForm } from '$lib/server/forms';
import type { Actions } from './$types';

export const actions: Actions = {
	switch: async (event) => {
		const user = event.locals.user;
		if (!user?.account) return fail(403, { message: m.error_form() });
		const form = await readForm(event.request);
		const customerId = Number(form ? field(form, 'customerId', 12) : '');
		if (
			!Number.isInteger(customerId) ||
			!(await switchContract(
				authContext(event),
				{ id: user.session.id, accountId: user.account.id },
				customerId
			))
		) {
			return fail(404, { message: m.error_not_found() });
		}
		redirect(303, '/portal');
	}
};
