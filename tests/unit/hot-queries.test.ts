/**
 * The SQL of the queries a signed-in visit runs, as snapshots (one file per database): a
 * refactor that changes what runs, or adds a query, shows in the snapshot's diff in review.
 * The counts per request are held by tests/e2e/visit-cost.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import {
	listNextCollections,
	listCollections,
	listContainers
} from '../../src/lib/server/calendar';
import { getCustomerHeading, getCustomerProfile } from '../../src/lib/server/customer';
import { tallyQueries } from '../../src/lib/server/db/query-tally';
import { getPublished } from '../../src/lib/server/published';
import {
	getDocument,
	listDocuments,
	listDocumentYears,
	listLatestDocuments,
	listUnpaidDocuments
} from '../../src/lib/server/document';
import {
	header,
	memoryDb,
	POSTGRES_URL,
	privateCustomer,
	runImport,
	tempDir,
	writeJsonLines
} from './helpers';

const database = POSTGRES_URL ? 'postgres' : 'sqlite';

describe(`the hot queries on ${database}`, () => {
	it('run as in the snapshot', async () => {
		const db = await memoryDb();
		await runImport(db, writeJsonLines(tempDir(), [header(), privateCustomer('F-1')]));
		const customer = await db
			.selectFrom('customer')
			.select(['id', 'name', 'contract_number as contractNumber'])
			.executeTakeFirstOrThrow();
		const today = '2026-11-23';
		const loaders: Record<string, () => Promise<unknown>> = {
			// Every page's: the last run, with the console notices' revision.
			published: () => getPublished(db),
			profile: () => getCustomerProfile(db, customer.id),
			heading: () => getCustomerHeading(db, customer),
			unpaidDocuments: () => listUnpaidDocuments(db, customer.id, today),
			latestDocuments: () => listLatestDocuments(db, customer.id, 12, today),
			document: () => getDocument(db, customer.id, 'A-F-1-1', today),
			// The documents page.
			documentYears: () => listDocumentYears(db, customer.id),
			documents: () => listDocuments(db, customer.id, 2026, today),
			nextCollections: () => listNextCollections(db, customer.id, today),
			containers: () => listContainers(db, customer.id),
			collections: () => listCollections(db, customer.id, '2026-01-01', '2027-12-31')
		};
		const statements: Record<string, string[]> = {};
		for (const [name, load] of Object.entries(loaders)) {
			const { result, statements: run } = await tallyQueries(load);
			expect(result).not.toBeNull();
			// Sorted: a loader's queries run side by side, and PostgreSQL answers in any order.
			statements[name] = run.toSorted();
		}
		// A bound LIMIT made SQLite run these queries several times slower (db/prepared.ts).
		expect(
			Object.values(statements)
				.flat()
				.filter((sql) => /\blimit (\?|\$\d)/.test(sql))
		).toEqual([]);
		// One file per database: a run on one never finds the other's snapshot obsolete.
		await expect(`${JSON.stringify(statements, null, '\t')}\n`).toMatchFileSnapshot(
			`./__snapshots__/hot-queries.${database}.json`
		);
	});
});
