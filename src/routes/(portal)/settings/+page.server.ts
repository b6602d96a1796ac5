import { fail, type RequestEvent } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { FRACTIONS, type Fraction } from '$lib/calendar';
import { m } from '$lib/paraglide/messages';
import { checkContractNumber, checkEmail } from '$lib/validators';
import {
	changePassword,
	linkContract,
	requestEmailChange
} from '$lib/server/auth/account-settings';
import { authContext } from '$lib/server/auth/context';
import { passwordError, throttledFailure, viewOnlyFailure } from '$lib/server/auth/responses';
import { listContainers } from '$lib/server/calendar';
import { readIdentityCode } from '$lib/server/customer';
import { DEMO_EMAIL } from '$lib/server/demo/contracts';
import { field, passwordField, readForm } from '$lib/server/forms';
import {
	DEFAULT_REMINDER_HOUR,
	getReminderSettings,
	REMINDER_HOURS,
	saveReminderSettings
} from '$lib/server/reminders';
import { requestContext } from '$lib/server/request-context';
import type { Actions, PageServerLoad } from './$types';

/** The fractions the contract has containers for: the only ones a reminder can be about. */
async function contractFractions(customerId: number): Promise<Fraction[]> {
	const present = new Set(
		(await listContainers(requestContext().db, customerId)).map((c) => c.fraction)
	);
	return FRACTIONS.filter((f) => present.has(f));
}

export const load: PageServerLoad = async ({ parent }) => {
	const user = requireUser();
	const [fractions, saved, { contracts }] = await Promise.all([
		contractFractions(user.customer.id),
		user.account
			? getReminderSettings(requestContext().db, user.account.id, user.customer.id)
			: null,
		parent()
	]);
	// The demo shows a registered customer's settings, every form view-only, with the demo
	// e-mail login's address; a private person signed in with contract and code has no
	// account, and is offered registration instead.
	const { id, contractNumber, name } = user.customer;
	const account = user.account
		? { email: user.account.email, contracts }
		: user.viewOnly
			? { email: DEMO_EMAIL, contracts: [{ customerId: id, contractNumber, name }] }
			: null;
	return {
		account,
		reminders: {
			contractNumber: user.customer.contractNumber,
			fractions,
			hours: REMINDER_HOURS,
			settings: saved ?? { enabled: false, hour: DEFAULT_REMINDER_HOUR, fractions }
		}
	};
};

/** Settings change an account: a contract login has none, a demo may change nothing. */
async function accountForm(event: RequestEvent, form: string) {
	const user = requireUser();
	if (user.viewOnly) return { failure: viewOnlyFailure() };
	if (!user.account) return { failure: fail(403, { form, message: m.settings_account_only() }) };
	const data = await readForm(event.request);
	if (!data) return { failure: fail(400, { form, message: m.error_form() }) };
	return {
		data,
		session: { id: user.session.id, accountId: user.account.id },
		customerId: user.customer.id
	};
}

export const actions: Actions = {
	addContract: async (event) => {
		const { data, session, failure } = await accountForm(event, 'contract');
		if (failure) return failure;
		const contract = checkContractNumber(field(data, 'contractNumber'));
		const code = readIdentityCode(field(data, 'code'));
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
			message: {
				already: m.settings_contract_already(),
				demo: m.register_demo(),
				mismatch: m.register_mismatch()
			}[result.reason]
		});
	},
	password: async (event) => {
		const { data, session, failure } = await accountForm(event, 'password');
		if (failure) return failure;
		const next = passwordField(data, 'password');
		const problem = passwordError(next);
		if (problem) return fail(400, { form: 'password', message: problem });
		if (next !== passwordField(data, 'passwordAgain'))
			return fail(400, { form: 'password', message: m.error_password_mismatch() });
		if (
			!(await changePassword(
				authContext(event),
				session,
				passwordField(data, 'currentPassword'),
				next
			))
		) {
			return fail(400, { form: 'password', message: m.settings_password_wrong() });
		}
		return { form: 'password', success: m.settings_password_done() };
	},
	reminders: async (event) => {
		const { data, session, customerId, failure } = await accountForm(event, 'reminders');
		if (failure) return failure;
		const available = await contractFractions(customerId);
		if (available.length === 0)
			return fail(400, { form: 'reminders', message: m.settings_reminders_no_containers() });
		const hour = Number(field(data, 'hour'));
		const chosen = data.getAll('fraction');
		if (
			!(REMINDER_HOURS as readonly number[]).includes(hour) ||
			chosen.some((f) => typeof f !== 'string' || !(available as string[]).includes(f))
		)
			return fail(400, { form: 'reminders', message: m.settings_reminders_bad_choice() });
		const enabled = field(data, 'enabled') === 'on';
		const fractions = available.filter((f) => chosen.includes(f));
		if (enabled && fractions.length === 0)
			return fail(400, { form: 'reminders', message: m.settings_reminders_no_fraction() });
		await saveReminderSettings(requestContext().db, session.accountId, customerId, {
			enabled,
			hour,
			// Switched off with nothing ticked: all of them, ready for switching on again.
			fractions: fractions.length > 0 ? fractions : available
		});
		return {
			form: 'reminders',
			success: enabled ? m.settings_reminders_saved() : m.settings_reminders_off()
		};
	},
	email: async (event) => {
		const { data, session, failure } = await accountForm(event, 'email');
		if (failure) return failure;
		const email = checkEmail(field(data, 'email'));
		if (!email.ok) return fail(400, { form: 'email', message: m.error_email() });
		if (!(await requestEmailChange(authContext(event), session.accountId, email.value)))
			return fail(429, { form: 'email', message: m.error_too_many_mails() });
		return { form: 'email', success: m.settings_email_sent({ email: email.value }) };
	}
};
