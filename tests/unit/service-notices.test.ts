/**
 * Notices from the import (issue 16, item 4): read and refused like the rest of the export,
 * stored as the export's set, and shown to the customers they concern while current.
 */
import { describe, expect, it } from 'vitest';
import { currentNotices, noticeText, type Notice } from '../../src/lib/domain/notice';
import type { Db } from '../../src/lib/server/db';
import { listNotices as listShown } from '../../src/lib/server/notice';
import { header, memoryDb, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';

const snow = {
	type: 'notice',
	id: 'N-1',
	severity: 'disruption',
	from: '2026-11-20',
	to: '2026-11-30',
	area: 'rīgas iela',
	fractions: ['mixed'],
	text: { lv: 'Sniega dēļ izvešana kavēsies.', en: 'Collections are late because of the snow.' }
};
const fair = {
	type: 'notice',
	id: 'N-2',
	severity: 'info',
	from: '2026-11-25',
	to: '2026-12-05',
	contracts: ['F-2'],
	text: { lv: 'Gadatirgus dēļ iela slēgta.' }
};

/** The two as stored and read back. */
const NOTICES: Notice[] = [
	{
		id: 'N-1',
		severity: 'disruption',
		from: '2026-11-20',
		to: '2026-11-30',
		fractions: ['mixed'],
		contracts: [],
		area: 'rīgas iela',
		text: { lv: snow.text.lv, en: snow.text.en, ru: null }
	},
	{
		id: 'N-2',
		severity: 'info',
		from: '2026-11-25',
		to: '2026-12-05',
		fractions: [],
		contracts: ['F-2'],
		area: null,
		text: { lv: fair.text.lv, en: null, ru: null }
	}
];

/** The stored notices, as the pages read them. */
const listNotices = async (db: Db) => (await listShown(db)).map((listed) => listed.notice);

const load = (db: Db, asOf: string, lines: unknown[]) =>
	runImport(
		db,
		writeJsonLines(tempDir(), [
			{ ...header(asOf), nextUpdate: asOf },
			...lines,
			privateCustomer('F-1')
		])
	);

describe('notices in the import', () => {
	it('are stored as the export’s set: the same again changes nothing, none leaves them, another set replaces them', async () => {
		const db = await memoryDb();
		const first = await load(db, '2026-11-20', [snow, fair]);
		expect(first.status).toBe('succeeded');
		expect(first.counts.noticesUpdated).toBe(true);
		const stored = await listNotices(db);
		expect(stored).toEqual(NOTICES);
		const again = await load(db, '2026-11-21', [fair, snow]);
		expect(again.status).toBe('succeeded');
		expect(again.counts.noticesUpdated).toBe(false);
		const none = await load(db, '2026-11-22', []);
		expect(none.status).toBe('succeeded');
		expect(none.counts.noticesUpdated).toBe(false);
		expect(await listNotices(db)).toHaveLength(2);
		const replaced = await load(db, '2026-11-23', [{ ...snow, to: '2026-11-23' }]);
		expect(replaced.problems).toEqual([]);
		expect(replaced.counts.noticesUpdated).toBe(true);
		expect((await listNotices(db)).map((n) => [n.id, n.to])).toEqual([['N-1', '2026-11-23']]);
	});

	it('refuses an unknown severity or fraction, a `to` before `from`, no Latvian text and a repeated id, and writes nothing', async () => {
		const db = await memoryDb();
		await load(db, '2026-11-20', [snow]);
		const result = await load(db, '2026-11-21', [
			{ ...snow, severity: 'urgent' },
			{ ...fair, id: 'N-3', fractions: ['metal'] },
			{ ...fair, id: 'N-4', from: '2026-12-06' },
			{ ...fair, id: 'N-5', text: { en: 'English only' } },
			{ ...fair, id: 'N-6' },
			{ ...fair, id: 'N-6' }
		]);
		expect(result.status).toBe('failed');
		expect(result.problems.map(({ row, field, reason }) => ({ row, field, reason }))).toEqual([
			{ row: 2, field: 'severity', reason: 'must be one of: info, disruption' },
			{
				row: 3,
				field: 'fractions[0]',
				reason: 'must be one of: mixed, paper, plastic_metal, glass, bio, packaging_bags'
			},
			{ row: 4, field: 'to', reason: 'is before from' },
			{ row: 5, field: 'text.lv', reason: 'is required' },
			{ row: 7, field: 'id', reason: 'notice "N-6" appears more than once' }
		]);
		expect((await listNotices(db)).map((n) => n.severity)).toEqual(['disruption']);
	});
});

describe('the notices a customer sees', () => {
	const liga = {
		contractNumber: 'F-1',
		containers: [{ fraction: 'mixed' as const, address: 'Rīgas iela 1, Valmiera' }]
	};

	it('are current, for the fractions, contracts and area they name (in any letter case), disruptions first', () => {
		expect(currentNotices(NOTICES, liga, '2026-11-19')).toEqual([]);
		expect(currentNotices(NOTICES, liga, '2026-11-26').map((n) => n.id)).toEqual(['N-1']);
		expect(
			currentNotices(NOTICES, { ...liga, contractNumber: 'F-2' }, '2026-11-26').map((n) => n.id)
		).toEqual(['N-1', 'N-2']);
		const paperElsewhere = {
			contractNumber: 'F-2',
			containers: [{ fraction: 'paper' as const, address: 'RĪGAS IELA 9' }]
		};
		expect(currentNotices(NOTICES, paperElsewhere, '2026-11-26').map((n) => n.id)).toEqual(['N-2']);
		expect(currentNotices(NOTICES, liga, '2026-12-01')).toEqual([]);
	});

	it('are in the customer’s language, in Latvian where the company wrote none', () => {
		expect(noticeText(NOTICES[0]!, 'en')).toBe('Collections are late because of the snow.');
		expect(noticeText(NOTICES[0]!, 'ru')).toBe('Sniega dēļ izvešana kavēsies.');
	});
});
