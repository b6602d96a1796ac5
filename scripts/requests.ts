/**
 * npm run requests: the customers' open requests as CSV for the billing staff: new contact
 * details and electronic invoices (each closes itself when an import shows it done), and
 * missed-collection reports and orders (open until a `requestStatus` record resolves them).
 */
import { listOpenRequests } from '../src/lib/server/customer-request';
import { listRequestsForStaff, type StaffRequest } from '../src/lib/server/service-request';
import { csvCell } from '../src/lib/server/staff-csv';
import { openMigrated, readCommand } from './cli';

readCommand({
	usage: 'npm run requests',
	about:
		"The customers' open requests as CSV (semicolons) on standard output, their count on standard error."
});
const db = await openMigrated();
const requests = await listOpenRequests(db);
const services: StaffRequest[] = [];
for (let after = 0; ;) {
	const page = await listRequestsForStaff(db, { after, limit: 1000, open: true });
	services.push(...page.requests);
	if (page.lastId === null) break;
	after = page.lastId;
}
console.log(
	'requested_at;kind;contract_number;customer_name;new_phone;new_email;account_email;login;consent;reference;state;container;collection_date;place;contact_name;contact_phone;contact_email;new_date;change;new_volume_litres;new_frequency;vat_rate;price_before_net;price_net'
);
const row = (cells: (string | null)[]) => console.log(cells.map(csvCell).join(';'));
for (const r of requests)
	row([
		r.requestedAt,
		r.kind,
		r.contractNumber,
		r.customerName,
		r.phone,
		r.email,
		r.accountEmail,
		r.sessionKind,
		r.consentText,
		...Array<null>(15).fill(null)
	]);
const euros = (cents: number | null | undefined) =>
	cents == null ? null : (cents / 100).toFixed(2);
for (const s of services)
	row([
		s.createdAt,
		s.kind,
		s.contractNumber,
		s.customerName,
		null,
		null,
		null,
		s.login,
		null,
		s.reference,
		s.state,
		`${s.container.code ?? 'new'} (${s.container.fraction}, ${s.container.volumeLitres} l, ${s.container.address})`,
		s.collectionDate,
		s.placeNote ? `${s.place}: ${s.placeNote}` : s.place,
		s.contact.name,
		s.contact.phone,
		s.contact.email,
		s.order?.newDate ?? null,
		s.order?.change ?? null,
		s.order?.newVolumeLitres == null ? null : String(s.order.newVolumeLitres),
		s.order?.newFrequency ?? null,
		s.order?.vatRate == null ? null : String(s.order.vatRate),
		euros(s.order?.priceBeforeCents),
		euros(s.order?.priceCents)
	]);
console.error(`${requests.length + services.length} open request(s).`);
await db.destroy();
