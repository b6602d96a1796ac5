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
import { listNotices, shownNotices, type ListedNotice } from './notice';
import { fixedLimit, prepared } from './db/prepared';
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

type Company = Pick<Published, 'company' | 'bankAccounts' | 'offers'> & {
	notices: ListedNotice[];
};

/**
 * The company (and the notices and offers) as of each database's last run and the console's
 * last change to its notices. Only an import writes the company, its accounts, the export's
 * notices and the catalogue, and it records its run as succeeded after its data is in; every
 * change in the console raises the notices' revision. So a kept copy is never older than the
 * run and revision it is kept under.
 */
const companies = new WeakMap<
	Db,
	{ runId: number; revision: number | null; company: Promise<Company> }
>();

const latestRun = prepared(0, (db) =>
	db
		.selectFrom('import_run')
		.select(['id', 'as_of', 'next_update'])
		.select((eb) =>
			eb
				.selectFrom('staff_notice')
				.select((sub) => sub.fn.max('revision').as('revision'))
				.as('notices_revision')
		)
		.where('status', '=', 'succeeded')
		.orderBy('id', 'desc')
		.limit(fixedLimit(1))
);

/**
 * One query (the latest run and the notices' revision); the company's more only after a new
 * import or a change in the console. The notices are those published by `now`.
 */
export async function getPublished(db: Db, now = new Date()): Promise<Published> {
	const [run] = await latestRun(db);
	const freshness =
		run?.as_of && run.next_update ? { asOf: run.as_of, nextUpdate: run.next_update } : null;
	// Before the first import nothing is kept: whatever is there was not imported.
	if (!run) return publishedAt(null, freshness, await loadCompany(db), now);
	const revision = run.notices_revision ?? null;
	let kept = companies.get(db);
	if (kept?.runId !== run.id || kept.revision !== revision) {
		const entry = { runId: run.id, revision, company: loadCompany(db) };
		companies.set(db, entry);
		// A failed read is not kept: the next request asks again.
		entry.company.catch(() => {
			if (companies.get(db) === entry) companies.delete(db);
		});
		kept = entry;
	}
	return publishedAt(run.id, freshness, await kept.company, now);
}

function publishedAt(
	runId: number | null,
	freshness: DataFreshness | null,
	{ notices, ...company }: Company,
	now: Date
): Published {
	return { runId, freshness, ...company, notices: shownNotices(notices, now) };
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
export const loadPublished = oncePerRequest(() => {
	const { db, now } = requestContext();
	return getPublished(db, now);
});
