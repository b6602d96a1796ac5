import { fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { checkContractNumber, checkEmail } from '$lib/validators';
import {
	changePassword,
	linkContract,
	requestEmailChange
} from '$lib/server/auth/account-settings';
import { authContext } from '$lib/server/auth/context';
import { PASSWORD_MAX } from '$lib/server/auth/password';
import { passwordError, throttledFailure, viewOnlyFailure } from '$lib/server/auth/responses';
import { readIdentityCode } from '$lib/server/customer';
import { field, passwordField, readForm } from '$lib/server/forms';
import type { Actions } from './$types';

/** Settings change an account: a contract login has none, a demo may change nothing. */
async function accountForm(event: RequestEvent, form: string) {
	const user = event.locals.user;
	if (!user) return { failure: fail(401, { form, message: m.error_form() }) };
	if (user.viewOnly) return { failure: viewOnlyFailure() };
	if (!user.account) return { failure: fail(403, { form, message: m.settings_account_only() }) };
	const data = await readForm(event.request);
	if (!data) return { failure: fail(400, { form, message: m.error_form() }) };
	return { data, session: { id: user.session.id, accountId: user.account.id } };
}

export const actions: Actions = {
	addContract: async (event) => {
		const { data, session, failure } = await accountForm(event, 'contract');
		if (failure) return failure;
		const contract = checkContractNumber(field(data, 'contractNumber', 64));
		const code = readIdentityCode(field(data, 'code', 64));
		if (!contract.ok) return fail(400, { form: 'contract', message: m.error_contract() });
		if (code.kind === 'invalid')
			return fail(400, {
				form: 'contract',
				message:
					code.reason === 'registration' ? m.error_registration_number() : m.error_personal_code()
			});
		const result = await linkContract(authContext(event), session.accountId, contract.value, code);
		if (result.ok)
			return {
				form: 'contract',
				success: m.settings_contract_added({ contract: result.contractNumber })
			};
		if (result.reason === 'throttled') return throttledFailure(event, result.retryAfterSeconds);
		return fail(400, {
			form: 'contract',
			message: result.reason === 'already' ? m.settings_contract_already() : m.register_mismatch()
		});
	},
	password: async (event) => {
		const { data, session, failure } = await accountForm(event, 'password');
		if (failure) return failure;
		const next = passwordField(data, 'password', PASSWORD_MAX);
		const problem = passwordError(next);
		if (problem) return fail(400, { form: 'password', message: problem });
		if (next !== passwordField(data, 'passwordAgain', PASSWORD_MAX))
			return fail(400, { form: 'password', message: m.error_password_mismatch() });
		if (
			!(await changePassword(
				authContext(event),
				session,
				passwordField(data, 'currentPassword', PASSWORD_MAX),
				next
			))
		) {
			return fail(400, { form: 'password', message: m.settings_password_wrong() });
		}
		return { form: 'password', success: m.settings_password_done() };
	},
	email: async (event) => {
		const { data, session, failure } = await accountForm(event, 'email');
		if (failure) return failure;
		const email = checkEmail(field(data, 'email', 300));
		if (!email.ok) return fail(400, { form: 'email', message: m.error_email() });
		if (!(await requestEmailChange(authContext(event), session.accountId, email.value)))
			return fail(429, { form: 'email', message: m.error_too_many_mails() });
		return { form: 'email', success: m.settings_email_sent({ email: email.value }) };
	}
};
