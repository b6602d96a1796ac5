/** Queries built and compiled once (db/prepared.ts) run each call's own values. */
import { describe, expect, it } from 'vitest';
import { prepared } from '../../src/lib/server/db/prepared';
import type { Fraction } from '../../src/lib/calendar';
import type { Db } from '../../src/lib/server/db';
import { tallyQueries } from '../../src/lib/server/db/query-tally';
import { header, memoryDb, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';

/** A query using its first argument twice, its second once, and a constant of its own. */
function containersOf(db: Db, customerId: number, fraction: Fraction) {
	return db
		.selectFrom('container')
		.select(['customer_id', 'code', 'fraction'])
		.where('fraction', '=', fraction)
		.where('customer_id', 'in', (eb) =>
			eb.selectFrom('customer').select('id').where('id', '=', customerId)
		)
		.where('customer_id', '=', customerId)
		.orderBy('code')
		.limit(10);
}

async function importTwo(db: Db): Promise<{ first: number; second: number }> {
	await runImport(
		db,
		writeJsonLines(tempDir(), [header(), privateCustomer('P-1'), privateCustomer('P-2')])
	);
	const rows = await db
		.selectFrom('customer')
		.select(['id', 'contract_number'])
		.orderBy('contract_number')
		.execute();
	return { first: rows[0]!.id, second: rows[1]!.id };
}

describe('a prepared query', () => {
	it('runs the SQL Kysely builds, with each call’s values, and is built once per database', async () => {
		const db = await memoryDb();
		const { first, second } = await importTwo(db);
		let builds = 0;
		const query = prepared(2, (db, customerId: number, fraction: Fraction) => {
			builds++;
			return containersOf(db, customerId, fraction);
		});
		const answers = [];
		for (const [customerId, fraction] of [
			[first, 'mixed'],
			[second, 'mixed'],
			[first, 'paper']
		] as const) {
			const direct = await tallyQueries(() => containersOf(db, customerId, fraction).execute());
			const kept = await tallyQueries(() => query(db, customerId, fraction));
			expect(kept.result).toEqual(direct.result);
			expect(kept.statements).toEqual(direct.statements);
			answers.push(kept.result);
		}
		// Each call's own values: the first customer's container, the second's, and none.
		expect(answers).toEqual([
			[{ customer_id: first, code: 'K1', fraction: 'mixed' }],
			[{ customer_id: second, code: 'K1', fraction: 'mixed' }],
			[]
		]);
		expect(builds).toBe(1);

		// Another database gets its own build: the SQL compiled is its dialect's.
		const other = await memoryDb();
		await importTwo(other);
		await query(other, first, 'mixed');
		expect(builds).toBe(2);
	});
});
