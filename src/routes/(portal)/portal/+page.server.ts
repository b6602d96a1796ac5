import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { dayInRiga } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { switchContract } from '$lib/server/auth/account-settings';
import { authContext } from '$lib/server/auth/context';
import { nextCollections } from '$lib/calendar';
import { listNextCollections } from '$lib/server/calendar';
import { listBankAccounts } from '$lib/server/company';
import { getCustomerProfile } from '$lib/server/customer';
import {
	getEInvoiceStatus,
	getPendingContactChange,
	requestContactChange
} from '$lib/server/customer-request';
import { getDb } from '$lib/server/db';
import { listUnpaidDocuments } from '$lib/server/document';
import { field, readForm } from '$lib/server/forms';
import { getDataFreshness } from '$lib/server/import/runs';
import { paymentDetails, paymentStatus } from '$lib/server/payment';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { checkEmail, checkPhone } from '$lib/validators';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ parent }) => {
	const customerId = requireUser().customer.id;
	const db = getDb();
	const today = dayInRiga();
	// The company's contacts come from the root layout, which has them already.
	const [profile, unpaid, freshness, { company }, accounts, pendingContact, eInvoice, upcoming] =
		await Promise.all([
			getCustomerProfile(db, customerId),
			listUnpaidDocuments(db, customerId, today),
			getDataFreshness(db),
			parent(),
			listBankAccounts(db),
			getPendingContactChange(db, customerId),
			getEInvoiceStatus(db, customerId),
			listNextCollections(db, customerId, today)
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
		pendingContact,
		today,
		nextCollections: nextCollections(upcoming, today),
		// Each container's next day names every address the customer has.
		upcoming,
		// New users land here: a paper customer is pointed to the e-invoice agreement.
		paperInvoices: eInvoice.state === 'paper',
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
	/** A new phone or e-mail for notices, kept for the company until an import confirms it. */
	contact: async (event) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const form = await readForm(event.request);
		if (!form) return fail(400, { form: 'contact', message: m.error_form() });
		const phoneInput = field(form, 'phone');
		const emailInput = field(form, 'email');
		const phone = phoneInput ? checkPhone(phoneInput) : null;
		const email = emailInput ? checkEmail(emailInput) : null;
		const values = { phone: phoneInput, email: emailInput };
		if (!phone && !email)
			return fail(400, { form: 'contact', message: m.contact_change_empty(), values });
		if (phone && !phone.ok)
			return fail(400, { form: 'contact', field: 'phone', message: m.error_phone(), values });
		if (email && !email.ok)
			return fail(400, { form: 'contact', field: 'email', message: m.error_email(), values });
		const outcome = await requestContactChange(
			getDb(),
			{
				customerId: user.customer.id,
				accountId: user.account?.id ?? null,
				sessionKind: user.session.kind,
				locale: event.locals.locale
			},
			{ phone: phone?.value ?? null, email: email?.value ?? null }
		);
		if (outcome === 'unchanged')
			return fail(400, { form: 'contact', message: m.contact_change_unchanged(), values });
		return { form: 'contact', success: m.contact_change_done() };
	},
	switch: async (event) => {
		const user = requireUser();
		if (!user.account) return fail(403, { message: m.error_form() });
		const form = await readForm(event.request);
		const customerId = Number(form ? field(form, 'customerId') : '');
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
