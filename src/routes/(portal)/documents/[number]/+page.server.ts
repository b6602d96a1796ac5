import { error } from '@sveltejs/kit';
import { requireUser } from '$lib/server/auth/guard';
import { m } from '$lib/paraglide/messages';
import { getCustomerHeading } from '$lib/server/customer';
import { getDocument } from '$lib/server/document';
import { documentPayment } from '$lib/server/payment';
import { loadPublished } from '$lib/server/published';
import { isRecordCode } from '$lib/validators';
import { requestContext } from '$lib/server/request-context';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const customer = requireUser().customer;
	// A number the import could never have stored (a NUL byte, say) is not looked up at all.
	if (!isRecordCode(params.number)) error(404, m.error_not_found());
	const { db, today } = requestContext();
	// By owner and number together: another customer's document number answers 404.
	// The published data is the root layout's too, read once for both.
	const [document, published, heading] = await Promise.all([
		getDocument(db, customer.id, params.number, today),
		loadPublished(),
		getCustomerHeading(db, customer)
	]);
	if (!document) error(404, m.error_not_found());
	return {
		today,
		customer: heading,
		document,
		pay: documentPayment(document, published)
	};
};
