import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { checkContractNumber, checkEmail } from '$lib/validators';
import { authContext } from '$lib/server/auth/context';
import { register, type Registration } from '$lib/server/auth/registration';
import { passwordError, throttledFailure } from '$lib/server/auth/responses';
import { readIdentityCode } from '$lib/server/customer';
import { field, passwordField, readForm } from '$lib/server/forms';
import type { Actions } from './$types';

type Field = 'contractNumber' | 'code' | 'password' | 'passwordAgain' | 'email' | 'terms';

/** The registration form, checked field by field; the echo never holds a password or code. */
function parseRegistration(form: FormData):
	| { ok: true; value: Registration }
	| {
			ok: false;
			errors: Partial<Record<Field, string>>;
			echo: { contractNumber: string; email: string };
	  } {
	const errors: Partial<Record<Field, string>> = {};
	const contract = checkContractNumber(field(form, 'contractNumber'));
	if (!contract.ok) errors.contractNumber = m.error_contract();
	const code = readIdentityCode(field(form, 'code'));
	if (code.kind === 'invalid')
		errors.code =
			code.reason === 'registration' ? m.error_registration_number() : m.error_personal_code();
	const password = passwordField(form, 'password');
	const passwordProblem = passwordError(password);
	if (passwordProblem) errors.password = passwordProblem;
	else if (password !== passwordField(form, 'passwordAgain'))
		errors.passwordAgain = m.error_password_mismatch();
	const email = checkEmail(field(form, 'email'));
	if (!email.ok) errors.email = m.error_email();
	if (form.get('terms') !== 'on') errors.terms = m.error_terms();
	if (!contract.ok || code.kind === 'invalid' || !email.ok || Object.keys(errors).length > 0) {
		return {
			ok: false,
			errors,
			echo: { contractNumber: field(form, 'contractNumber'), email: field(form, 'email') }
		};
	}
	return {
		ok: true,
		value: { contractNumber: contract.value, code, email: email.value, password }
	};
}

export const actions: Actions = {
	default: async (event) => {
		const form = await readForm(event.request);
		const empty: Partial<Record<Field, string>> = {};
		if (!form)
			return fail(400, { message: m.error_form(), errors: empty, contractNumber: '', email: '' });
		const parsed = parseRegistration(form);
		if (!parsed.ok)
			return fail(400, { message: m.error_form(), errors: parsed.errors, ...parsed.echo });
		const result = await register(authContext(event), parsed.value);
		if (result.ok) return { sentTo: parsed.value.email };
		const echo = {
			errors: empty,
			contractNumber: parsed.value.contractNumber,
			email: parsed.value.email
		};
		if (result.reason === 'throttled')
			return throttledFailure(event, result.retryAfterSeconds, echo);
		const refusals = {
			mismatch: { status: 400, message: m.register_mismatch() },
			demo: { status: 400, message: m.register_demo() },
			too_many: { status: 429, message: m.error_too_many_mails() }
		};
		const { status, message } = refusals[result.reason];
		return fail(status, { ...echo, message });
	}
};
