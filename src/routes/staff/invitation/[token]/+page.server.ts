import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { passwordError } from '$lib/server/auth/responses';
import { passwordField, readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import { acceptInvitation, findInvitation } from '$lib/server/staff/invitation';
import { createStaffSession, setStaffCookie } from '$lib/server/staff/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const { db, now } = requestContext();
	const invitation = await findInvitation(db, params.token, now);
	return { email: invitation?.email ?? null };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requestContext();
		const form = await readForm(event.request);
		const password = form ? passwordField(form, 'password') : '';
		const problem = passwordError(password);
		if (problem) return fail(400, { errors: { password: problem } });
		if (form && passwordField(form, 'passwordAgain') !== password)
			return fail(400, { errors: { passwordAgain: m.error_password_mismatch() } });
		const outcome = await acceptInvitation(ctx, event.params.token, password);
		if ('refused' in outcome) return fail(400, { errors: { password: m.staff_invitation_gone() } });
		const session = await createStaffSession(ctx.db, outcome.staffId, ctx.now);
		setStaffCookie(event, session.token, session.expiresAt);
		redirect(303, '/staff/two-factor/setup');
	}
};
