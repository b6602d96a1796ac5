import { error, fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { switchContract } from '$lib/server/auth/account-settings';
import { authContext } from '$lib/server/auth/context';
import { nextCollections } from '$lib/calendar';
import { currentNotices } from '$lib/domain/notice';
import { listNextCollections } from '$lib/server/calendar';
import { getCustomerProfile } from '$lib/server/customer';
import { requestContactChange, requesterOf } from '$lib/server/customer-request';
import { listUnpaidDocuments } from '$lib/server/document';
import { field, readForm } from '$lib/server/forms';
import { paymentDetails, paymentStatus } from '$lib/server/payment';
import { listCustomerRequests } from '$lib/server/service-request';
import { loadPublished } from '$lib/server/published';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { checkEmail, checkPhone } from '$lib/validators';
import { requestContext } from '$lib/server/request-context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const customerId = requireUser().customer.id;
	const { db, now, today } = requestContext();
	// The published data is the root layout's too, read once for both.
	const [profile, unpaid, { freshness, company, bankAccounts, notices }, upcoming, requests] =
		await Promise.all([
			getCustomerProfile(db, customerId),
			listUnpaidDocuments(db, customerId, today),
			loadPublished(),
			listNextCollections(db, customerId, today),
			listCustomerRequests(db, customerId, now)
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
		pendingContact: profile.pendingContact,
		today,
		notices: currentNotices(
			notices,
			{ contractNumber: profile.contractNumber, containers: upcoming },
			today
		),
		nextCollections: nextCollections(upcoming, today),
		requests,
		// Each container's next day names every address the customer has.
		upcoming,
		// New users land here: a paper customer is pointed to the e-invoice agreement.
		paperInvoices: profile.eInvoice.state === 'paper',
		status,
		freshness,
		unpaid,
		pay:
			!status.settled && company && oldest
				? paymentDetails(company, bankAccounts, status.unpaidCents, oldest.number)
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
			requestContext().db,
			requesterOf(user, event.locals.locale),
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
