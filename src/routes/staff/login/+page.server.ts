import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { throttledFailure } from '$lib/server/auth/responses';
import { field, passwordField, readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import { secondStep, staffNextPath } from '$lib/server/staff/guard';
import { setStaffCookie, validateStaffSession } from '$lib/server/staff/session';
import { signInStaff } from '$lib/server/staff/sign-in';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.staff?.twoFactorVerified) redirect(303, '/staff');
	return {};
};

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const email = form ? field(form, 'email') : '';
		if (!form || email.trim() === '' || passwordField(form, 'password') === '')
			return fail(400, { email, message: m.staff_login_missing() });
		const outcome = await signInStaff(requestContext(), {
			email,
			password: passwordField(form, 'password')
		});
		if ('refused' in outcome)
			return outcome.refused === 'throttled'
				? throttledFailure(event, Math.ceil(outcome.waitMs / 1000), { email })
				: fail(400, { email, message: m.staff_login_wrong() });
		setStaffCookie(event, outcome.token, outcome.expiresAt);
		const ctx = requestContext();
		const staff = await validateStaffSession(ctx.db, outcome.token, ctx.now);
		redirect(
			303,
			staff ? secondStep(staff, staffNextPath(event.url.searchParams.get('next'))) : '/staff/login'
		);
	}
};
