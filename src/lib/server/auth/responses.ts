/** How the account routes answer: a throttled request gets 429 with Retry-After, a demo session 403. */
import { fail, type RequestEvent } from '@sveltejs/kit';
import { waitFor } from '$lib/format';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { checkNewPassword } from './password';
import type { TokenProblem } from './email-token';

export function throttledFailure<T extends Record<string, unknown>>(
	event: Pick<RequestEvent, 'setHeaders'>,
	retryAfterSeconds: number,
	echo: T = {} as T
) {
	event.setHeaders({ 'Retry-After': String(retryAfterSeconds) });
	const wait = waitFor(retryAfterSeconds, getLocale());
	return fail(429, { ...echo, message: m.login_throttled({ wait }) });
}

/**
 * The view-only demo may look at everything but change or send nothing. `echo` gives the
 * failure the fields of the action's other failures, which would otherwise be lost from the
 * page's `form` type (TypeScript folds a failure with more fields into one with fewer).
 */
export function viewOnlyFailure<T extends Record<string, unknown>>(echo: T = {} as T) {
	return fail(403, { ...echo, message: m.error_view_only() });
}

/** The message for a new password that breaks a rule, or null. */
export function passwordError(password: string): string | null {
	const problem = checkNewPassword(password);
	if (problem === 'too_short') return m.error_password_short();
	if (problem === 'too_long') return m.error_password_long();
	if (problem === 'too_common') return m.error_password_common();
	return null;
}

/** Why an e-mail link did not work, in the customer's words. */
export function linkProblem(
	check: { ok: true } | { ok: false; reason: TokenProblem | 'taken' }
): string | null {
	if (check.ok) return null;
	const messages = {
		invalid: m.link_invalid(),
		expired: m.link_expired(),
		used: m.link_used(),
		taken: m.email_change_taken()
	};
	return messages[check.reason];
}
