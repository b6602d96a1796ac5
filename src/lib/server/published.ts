/**
 * What the last successful import published and every page shares: the run (its id versions
 * all the billing data, for the offline copies' ETags), how fresh the data is, the
 * company's contacts and bank accounts, the notices and the service catalogue.
 */
import type { BankAccount, CompanyContacts } from '../domain/company';
import type { Notice } from '../domain/notice';
import type { ServiceOffer } from '../domain/catalogue';
import { listOffers } from './catalogue';
import type { DataFreshness } from '../domain/payment';
import { getCompanyContacts, listBankAccounts } from './company';
import type { Db } from './db';
import { listNotices } from './notice';
import { prepared } from './db/prepared';
import { oncePerRequest, requestContext } from './request-context';

export interface Published {
	/** The last successful import run, or null before the first one. */
	runId: number | null;
	freshness: DataFreshness | null;
	company: CompanyContacts | null;
	bankAccounts: BankAccount[];
	notices: Notice[];
	offers: ServiceOffer[];
}

type Company = Pick<Published, 'company' | 'bankAccounts' | 'notices' | 'offers'>;

/**
 * The company (and the notices and offers) as of each database's last run. Only an import
 * writes the company, its accounts, the notices and the catalogue, and it records its run as succeeded after its data is in, so a kept copy is
 * never older than the run it is kept under.
 */
const companies = new WeakMap<Db, { runId: number; company: Promise<Company> }>();

const latestRun = prepared(0, (db) =>
	db
		.selectFrom('import_run')
		.select(['id', 'as_of', 'next_update'])
		.where('status', '=', 'succeeded')
		.orderBy('id', 'desc')
		.limit(1)
);

/** One query (the latest run); the company's two more only after a new import. */
export async function getPublished(db: Db): Promise<Published> {
	const [run] = await latestRun(db);
	const freshness =
		run?.as_of && run.next_update ? { asOf: run.as_of, nextUpdate: run.next_update } : null;
	// Before the first import nothing is kept: whatever is there was not imported.
	if (!run) return { runId: null, freshness, ...(await loadCompany(db)) };
	let kept = companies.get(db);
	if (kept?.runId !== run.id) {
		const entry = { runId: run.id, company: loadCompany(db) };
		companies.set(db, entry);
		// A failed read is not kept: the next request asks again.
		entry.company.catch(() => {
			if (companies.get(db) === entry) companies.delete(db);
		});
		kept = entry;
	}
	return { runId: run.id, freshness, ...(await kept.company) };
}

async function loadCompany(db: Db): Promise<Company> {
	const [company, bankAccounts, notices, offers] = await Promise.all([
		getCompanyContacts(db),
		listBankAccounts(db),
		listNotices(db),
		listOffers(db)
	]);
	return { company, bankAccounts, notices, offers };
}

/** The request's published data, read once however many loads of the request ask. */
export const loadPublished = oncePerRequest(() => getPublished(requestContext().db));
