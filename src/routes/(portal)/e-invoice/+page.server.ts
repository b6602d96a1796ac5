import { error, fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { viewOnlyFailure } from '$lib/server/auth/responses';
import { listServiceAddresses } from '$lib/server/calendar';
import { getCustomerProfile } from '$lib/server/customer';
import { requestElectronicInvoices, requesterOf } from '$lib/server/customer-request';
import { field, readForm } from '$lib/server/forms';
import { requestContext } from '$lib/server/request-context';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const { db, today } = requestContext();
	const [profile, addresses] = await Promise.all([
		getCustomerProfile(db, user.customer.id),
		listServiceAddresses(db, user.customer.id)
	]);
	if (!profile) error(404, m.error_not_found());
	return {
		today,
		status: profile.eInvoice,
		customer: {
			name: profile.name,
			contractNumber: profile.contractNumber,
			registrationNumber: profile.registrationNumber,
			// Notices go to the billing system's address; the login's address until it has one.
			email: profile.email ?? user.account?.email ?? null,
			addresses
		}
	};
};

export const actions: Actions = {
	request: async (event) => {
		const user = requireUser();
		if (user.viewOnly) return viewOnlyFailure();
		const form = await readForm(event.request);
		if (!form) return fail(400, { message: m.error_form() });
		if (field(form, 'consent') !== 'yes')
			return fail(400, { message: m.einvoice_consent_required() });
		const outcome = await requestElectronicInvoices(
			requestContext().db,
			requesterOf(user, event.locals.locale),
			// The consent is kept in the words the customer saw.
			m.einvoice_consent()
		);
		if (outcome === 'already') return fail(409, { message: m.einvoice_already() });
		return { success: m.einvoice_requested_done() };
	}
};
