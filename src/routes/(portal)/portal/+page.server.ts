import { error, fail, redirect } from '@sveltejs/kit';
import { dayInRiga } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { switchContract } from '$lib/server/auth/account-settings';
import { authContext } from '$lib/server/auth/context';
import { getCompanyContacts, listBankAccounts } from '$lib/server/company';
import { getCustomerProfile } from '$lib/server/customer';
import { getDb } from '$lib/server/db';
import { listUnpaidDocuments } from '$lib/server/document';
import { field, readForm } from '$lib/server/forms';
import { getDataFreshness } from '$lib/server/import/runs';
import { paymentDetails, paymentStatus } from '$lib/server/payment';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const customerId = locals.user!.customer.id;
	const db = getDb();
	const today = dayInRiga();
	const [profile, unpaid, freshness, company, accounts] = await Promise.all([
		getCustomerProfile(db, customerId),
		listUnpaidDocuments(db, customerId, today),
		getDataFreshness(db),
		getCompanyContacts(db),
		listBankAccounts(db)
	]);
	if (!profile) error(404, m.error_not_found());
	const status = paymentStatus(profile.balanceCents, unpaid);
	const oldest = unpaid[0];
	return {
		profile: {
			name: profile.name,
			contractNumber: profile.contractNumber,
			kind: profile.kind,
			phone: profile.phone,
			email: profile.email
		},
		status,
		freshness,
		unpaid,
		pay:
			!status.settled && company && oldest
				? await paymentDetails(company, accounts, status.unpaidCents, oldest.number)
				: null
	};
};

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
