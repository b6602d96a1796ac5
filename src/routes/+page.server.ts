import { fail, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { authContext } from '$lib/server/auth/context';
import { loginWithContract, loginWithEmail, type LoginResult } from '$lib/server/auth/login';
import { throttledFailure } from '$lib/server/auth/responses';
import { setDeviceCookie } from '$lib/server/auth/device';
import { invalidateSession, setSessionCookie } from '$lib/server/auth/session';
import { field, passwordField, readForm } from '$lib/server/forms';
import { demoLoginsEnabled } from '$lib/server/config';
import { SESSION_ENDED } from '$lib/server/auth/guard';
import { sameSitePath } from '$lib/server/redirect-path';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const next = sameSitePath(url.searchParams.get('next'));
	if (locals.user) redirect(303, next ?? '/portal');
	return {
		demoLogins: demoLoginsEnabled(),
		// Sent here by requireUser: the page it came from, and why.
		sessionEnded: url.searchParams.has(SESSION_ENDED),
		next
	};
};

/** A successful login always gets a new session; a session the browser already had ends. */
async function finish(
	event: RequestEvent,
	result: LoginResult,
	form: 'email' | 'contract',
	next: string | null,
	echo: { email?: string; contractNumber?: string }
) {
	if (result.ok) {
		if (event.locals.user)
			await invalidateSession(authContext(event).db, event.locals.user.session.id);
		setSessionCookie(event, result.token, result.session.expiresAt);
		if (result.device) setDeviceCookie(event, result.device);
		redirect(303, next ?? '/portal');
	}
	if (result.reason === 'throttled')
		return throttledFailure(event, result.retryAfterSeconds, { form, ...echo });
	const messages = {
		failed: form === 'email' ? m.login_failed_email() : m.login_failed_contract(),
		invalid_code: m.error_personal_code(),
		unconfirmed: m.login_unconfirmed(),
		demo_off: m.login_demo_off()
	};
	return fail(result.reason === 'failed' || result.reason === 'unconfirmed' ? 401 : 400, {
		form,
		message: messages[result.reason],
		...echo
	});
}

export const actions: Actions = {
	email: async (event) => {
		const form = await readForm(event.request);
		if (!form) return fail(400, { form: 'email' as const, message: m.error_form() });
		const email = field(form, 'email');
		const password = passwordField(form, 'password');
		if (email.trim() === '' || password === '')
			return fail(400, { form: 'email' as const, message: m.error_required(), email });
		return finish(
			event,
			await loginWithEmail(authContext(event), email, password),
			'email',
			sameSitePath(form.get('next')),
			{ email }
		);
	},
	contract: async (event) => {
		const form = await readForm(event.request);
		if (!form) return fail(400, { form: 'contract' as const, message: m.error_form() });
		const contractNumber = field(form, 'contractNumber');
		const code = field(form, 'personalCode');
		if (contractNumber.trim() === '' || code.trim() === '')
			return fail(400, { form: 'contract' as const, message: m.error_required(), contractNumber });
		return finish(
			event,
			await loginWithContract(authContext(event), contractNumber, code),
			'contract',
			sameSitePath(form.get('next')),
			{ contractNumber }
		);
	}
};
