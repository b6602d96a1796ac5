/**
 * npm run requests: the customers' open requests (new contact details, electronic invoices)
 * as CSV for the billing staff. A request closes itself when an import shows it done.
 */
import { listOpenRequests } from '../src/lib/server/customer-request';
import { csvCell } from '../src/lib/server/staff-csv';
import { openMigrated, readCommand } from './cli';

readCommand({
	usage: 'npm run requests',
	about:
		"The customers' open requests as CSV (semicolons) on standard output, their count on standard error."
});
const db = await openMigrated();
const requests = await listOpenRequests(db);
console.log(
	'requested_at;kind;contract_number;customer_name;new_phone;new_email;account_email;login;consent'
);
for (const r of requests)
	console.log(
		[
			r.requestedAt,
			r.kind,
			r.contractNumber,
			r.customerName,
			r.phone,
			r.email,
			r.accountEmail,
			r.sessionKind,
			r.consentText
		]
			.map(csvCell)
			.join(';')
	);
console.error(`${requests.length} open request(s).`);
await db.destroy();
