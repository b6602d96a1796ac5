import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { dayInRiga } from '$lib/dates';
import { m } from '$lib/paraglide/messages';
import { listServiceAddresses } from '$lib/server/calendar';
import { listBankAccounts } from '$lib/server/company';
import { getInvoiceBuyer } from '$lib/server/customer';
import { getDb } from '$lib/server/db';
import { getDocument } from '$lib/server/document';
import { paymentDetails } from '$lib/server/payment';
import { isRecordCode } from '$lib/validators';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, parent }) => {
	const customer = requireUser().customer;
	// A number the import could never have stored (a NUL byte, say) is not looked up at all.
	if (!isRecordCode(params.number)) error(404, m.error_not_found());
	const db = getDb();
	// By owner and number together: another customer's document number answers 404.
	const today = dayInRiga();
	// The company's contacts come from the root layout, which has them already.
	const [document, { company }, accounts, addresses, buyer] = await Promise.all([
		getDocument(db, customer.id, params.number, today),
		parent(),
		listBankAccounts(db),
		listServiceAddresses(db, customer.id),
		// Only a legal entity's invoices name the buyer's details.
		customer.kind === 'legal' ? getInvoiceBuyer(db, customer.id) : null
	]);
	if (!document) error(404, m.error_not_found());
	const left = document.totalCents - document.paidCents;
	return {
		today,
		customer: { name: customer.name, contractNumber: customer.contractNumber, addresses, buyer },
		document,
		pay:
			left > 0 && company
				? await paymentDetails(company, accounts, left, document.paymentReference)
				: null
	};
};
