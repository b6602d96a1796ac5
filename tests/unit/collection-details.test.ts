/**
 * What the crews reported and the dates moved (issue 16, items 1 and 4): read from the
 * export, refused when wrong, stored, and shown in the calendar's entries and ICS events.
 */
import { describe, expect, it } from 'vitest';
import { calendarEvents, collectionUid, lastCollections } from '../../src/lib/calendar';
import { listCollections } from '../../src/lib/server/calendar';
import type { Db } from '../../src/lib/server/db';
import { header, memoryDb, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';

const DATES = [
	{ date: '2026-11-10', outcome: 'emptied', time: '10:32' },
	{ date: '2026-11-17', outcome: 'not_accessible', reason: 'Vārti bija aizslēgti' },
	'2026-11-24',
	{ date: '2026-12-28', movedFrom: '2026-12-24', moveReason: 'Ziemassvētki' }
];

const withDates = (contractNumber: string, dates: unknown[]) => {
	const customer = privateCustomer(contractNumber);
	return { ...customer, containers: [{ ...customer.containers[0]!, dates }] };
};

async function entriesOf(db: Db, contractNumber = 'F-1') {
	const { id } = await db
		.selectFrom('customer')
		.select('id')
		.where('contract_number', '=', contractNumber)
		.executeTakeFirstOrThrow();
	return listCollections(db, id, '2026-01-01', '2027-12-31');
}

async function detailCount(db: Db): Promise<number> {
	const { n } = await db
		.selectFrom('collection_detail')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(n);
}

describe('collection outcomes and moved dates in the import', () => {
	it('stores each date’s outcome and move, and the calendar reads them back', async () => {
		const db = await memoryDb();
		const result = await runImport(
			db,
			writeJsonLines(tempDir(), [header(), withDates('F-1', DATES)])
		);
		expect(result.status).toBe('succeeded');
		const entries = await entriesOf(db);
		expect(entries.map(({ date, result, moved }) => ({ date, result, moved }))).toEqual([
			{
				date: '2026-11-10',
				result: { outcome: 'emptied', time: '10:32', reason: null },
				moved: null
			},
			{
				date: '2026-11-17',
				result: { outcome: 'not_accessible', time: null, reason: 'Vārti bija aizslēgti' },
				moved: null
			},
			{ date: '2026-11-24', result: null, moved: null },
			{
				date: '2026-12-28',
				result: null,
				moved: { from: '2026-12-24', reason: 'Ziemassvētki' }
			}
		]);
		// The last collection up to a day, with what happened at it.
		expect(lastCollections(entries, '2026-11-20').map((e) => e.result?.outcome)).toEqual([
			'not_accessible'
		]);
	});

	it('rewrites the details with the customer: a changed outcome replaces the old, a removed one goes', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		await runImport(db, writeJsonLines(dir, [header(), withDates('F-1', DATES)]));
		const changed = await runImport(
			db,
			writeJsonLines(dir, [
				header('2026-11-21'),
				withDates('F-1', [{ date: '2026-11-10', outcome: 'late' }, '2026-11-17'])
			])
		);
		expect(changed.counts).toMatchObject({ customersUpdated: 1 });
		expect((await entriesOf(db)).map((e) => [e.date, e.result?.outcome ?? null])).toEqual([
			['2026-11-10', 'late'],
			['2026-11-17', null]
		]);
		expect(await detailCount(db)).toBe(1);
	});

	it('refuses an unknown outcome, a bad time, a reason without an outcome and impossible moves, and writes nothing', async () => {
		const db = await memoryDb();
		const dir = tempDir();
		await runImport(db, writeJsonLines(dir, [header(), withDates('F-1', DATES)]));
		const before = await entriesOf(db);
		const result = await runImport(
			db,
			writeJsonLines(dir, [
				header('2026-11-21'),
				withDates('F-1', [
					{ date: '2026-11-03', outcome: 'stolen' },
					{ date: '2026-11-10', outcome: 'emptied', time: '25:10' },
					{ date: '2026-11-17', reason: 'Nezināms' },
					{ date: '2026-11-24', moveReason: 'Svētki' },
					{ outcome: 'emptied' }
				]),
				withDates('F-2', [
					'2026-12-24',
					{ date: '2026-12-28', movedFrom: '2026-12-24' },
					{ date: '2026-12-29', movedFrom: '2026-12-29' }
				]),
				withDates('F-3', [
					{ date: '2026-12-28', movedFrom: '2026-12-25' },
					{ date: '2026-12-29', movedFrom: '2026-12-25' }
				])
			])
		);
		expect(result.status).toBe('failed');
		expect(result.problems.map(({ row, field, reason }) => ({ row, field, reason }))).toEqual([
			{
				row: 2,
				field: 'containers[0].dates[0].outcome',
				reason: 'must be one of: emptied, not_put_out, not_accessible, wrong_sorting, late'
			},
			{ row: 2, field: 'containers[0].dates[1].time', reason: '"25:10" is not a time (HH:MM)' },
			{ row: 2, field: 'containers[0].dates[2].reason', reason: 'is given without an outcome' },
			{ row: 2, field: 'containers[0].dates[3].moveReason', reason: 'is given without movedFrom' },
			{ row: 2, field: 'containers[0].dates[4].date', reason: 'is required' },
			{
				row: 3,
				field: 'containers[0].dates',
				reason: '2026-12-28 is moved from 2026-12-24, which is a collection date too'
			},
			{ row: 3, field: 'containers[0].dates', reason: '2026-12-29 is moved from itself' },
			{ row: 4, field: 'containers[0].dates', reason: 'two dates are moved from 2026-12-25' }
		]);
		expect(await entriesOf(db)).toEqual(before);
	});

	it('gives a moved collection the UID of its planned day, SEQUENCE 1 and the reason', () => {
		const moved = {
			date: '2026-12-28',
			fraction: 'mixed' as const,
			containerCode: 'K1',
			address: 'Rīgas iela 1',
			moved: { from: '2026-12-24', reason: 'Ziemassvētki' }
		};
		const planned = { ...moved, date: '2026-12-24', moved: null };
		expect(collectionUid('F-1', moved)).toBe(collectionUid('F-1', planned));
		const [event] = calendarEvents('F-1', [moved], () => 'Sadzīves atkritumi', 'lv');
		expect(event).toMatchObject({
			uid: 'F-1-K1-2026-12-24@klientiem',
			start: [2026, 12, 28],
			sequence: 1,
			description: 'pārcelts no 24.12. — Ziemassvētki'
		});
		const [plain] = calendarEvents('F-1', [planned], () => 'Sadzīves atkritumi', 'lv');
		expect(plain).not.toHaveProperty('sequence');
	});
});
