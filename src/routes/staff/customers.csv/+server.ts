import { m } from '$lib/paraglide/messages';
import { requestContext } from '$lib/server/request-context';
import { csvDownload } from '$lib/server/staff-csv';
import { auditLookup, readSearchWords, searchCustomers } from '$lib/server/staff/customer-lookup';
import { requireStaff } from '$lib/server/staff/guard';
import type { RequestHandler } from './$types';

/** The customers a search found, as the page lists them, for a spreadsheet. */
export const GET: RequestHandler = async ({ url }) => {
	const staff = await requireStaff();
	const words = readSearchWords(url);
	const ctx = requestContext();
	const { db, today } = ctx;
	const found = await searchCustomers(db, words);
	await auditLookup(ctx, staff, { search: words, found: found.length, csv: true });
	return csvDownload(
		'customers',
		[
			[m.staff_col_contract(), m.staff_col_customer(), m.field_email(), m.staff_col_about()],
			...found.map((c) => [c.contractNumber, c.name, c.email, c.address])
		],
		today
	);
};
