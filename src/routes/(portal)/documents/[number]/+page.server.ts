import { error } from '@sveltejs/kit';
import { dayInRiga } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { getCompanyContacts, listBankAccounts } from '$lib/server/company';
import { getDb } from '$lib/server/db';
import { getDocument } from '$lib/server/document';
import { paymentDetails } from '$lib/server/payment';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	const db = getDb();
	// By owner and number together: another customer's document number answers 404.
	const [document, company, accounts] = await Promise.all([
		getDocument(db, locals.user!.customer.id, params.number, dayInRiga()),
		getCompanyContacts(db),
		listBankAccounts(db)
	]);
	if (!document) error(404, m.error_not_found());
	const left = document.totalCents - document.paidCents;
	return {
		document,
		pay:
			left > 0 && company
				? await paymentDetails(company, accounts, left, document.paymentReference)
				: null
	};
};
