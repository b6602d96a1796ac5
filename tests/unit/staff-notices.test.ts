/**
 * Notices written in the staff console (issue 18, item 5): the form refused whole with a
 * message, published at once or at a set time, shown to the customers they concern beside the
 * export's through the servers' kept copy, withdrawn, audited, and counted.
 */
import { describe, expect, it } from 'vitest';
import { currentNotices } from '../../src/lib/domain/notice';
import type { Db } from '../../src/lib/server/db';
import { getPublished } from '../../src/lib/server/published';
import {
	countNoticeReach,
	getStaffNotice,
	listStaffNotices,
	publishNotice,
	readNoticeForm,
	withdrawNotice
} from '../../src/lib/server/staff/notices';
import { header, memoryDb, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';

const now = new Date('2026-12-06T10:00:00Z');
const today = '2026-12-06';
const clock = { now, today };

function formOf(fields: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [name, value] of Object.entries(fields))
		for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
	return form;
}

const valid = {
	severity: 'disruption',
	from: '2026-12-06',
	to: '2026-12-08',
	fraction: ['mixed', 'paper'],
	contracts: 'F-1, F-2',
	area: 'Rīgas iela',
	textLv: 'Sniega dēļ izvešana kavēsies.',
	textEn: 'Collections are late because of the snow.',
	textRu: '',
	publish: 'now'
};

/** F-1 and F-2 in Rīgas iela, F-3 in Cēsis; each a mixed and a paper container. */
async function threeCustomers(): Promise<Db> {
	const db = await memoryDb();
	const bin = { volumeLitres: 240, count: 1, frequency: '1 reizi 2 nedēļās', dates: [] };
	const customer = (contract: string, address: string) =>
		privateCustomer(contract, {
			containers: [
				{ ...bin, code: `${contract}-M`, fraction: 'mixed', address },
				{ ...bin, code: `${contract}-P`, fraction: 'paper', address }
			]
		});
	const result = await runImport(
		db,
		writeJsonLines(tempDir(), [
			{ ...header(today), nextUpdate: '2026-12-07' },
			customer('F-1', 'RĪGAS IELA 1, Cēsis'),
			customer('F-2', 'Rīgas iela 5, Valmiera'),
			customer('F-3', 'Dārza iela 2, Cēsis')
		])
	);
	expect(result.problems).toEqual([]);
	return db;
}

async function admin(db: Db): Promise<number> {
	const row = await db
		.insertInto('staff_user')
		.values({ email: 'anna@vv.lv', role: 'admin', created_at: now.toISOString() })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

describe('the notice form', () => {
	it('reads the lists, the area and the texts, and publishes at once or at a time on Riga’s clock', async () => {
		const db = await threeCustomers();
		const read = await readNoticeForm(db, formOf(valid), clock);
		expect(read).toMatchObject({
			ok: true,
			draft: {
				notice: {
					severity: 'disruption',
					from: '2026-12-06',
					to: '2026-12-08',
					fractions: ['mixed', 'paper'],
					contracts: ['F-1', 'F-2'],
					area: 'Rīgas iela',
					text: { lv: valid.textLv, en: valid.textEn, ru: null }
				},
				publishAt: null
			}
		});
		const scheduled = await readNoticeForm(
			db,
			formOf({ ...valid, publish: 'later', publishDay: '2026-12-07', publishTime: '06:30' }),
			clock
		);
		// 06:30 in Riga in December is 04:30 UTC.
		expect(scheduled.ok && scheduled.draft.publishAt).toBe('2026-12-07T04:30:00.000Z');
	});

	it('refuses what cannot be published, saying what to mend, and keeps what was typed', async () => {
		const db = await threeCustomers();
		const refused = async (fields: Record<string, string | string[]>) => {
			const read = await readNoticeForm(db, formOf({ ...valid, ...fields }), clock);
			expect(read.ok).toBe(false);
			expect(read.echo.textLv).toBe(fields.textLv ?? valid.textLv);
			return read.ok ? '' : read.message;
		};
		expect(await refused({ severity: 'urgent' })).toBe('Izvēlieties paziņojuma veidu.');
		expect(await refused({ to: '31.02.2026' })).toBe('Norādiet pirmo un pēdējo dienu.');
		expect(await refused({ to: '2026-12-05', from: '2026-12-01' })).toBe(
			'Pēdējā diena jau ir pagājusi.'
		);
		expect(await refused({ to: '2026-12-06', from: '2026-12-07' })).toBe(
			'Pēdējā diena ir pirms pirmās.'
		);
		expect(await refused({ fraction: ['mixed', 'metal'] })).toBe(
			'Atlases vērtība nav derīga. Izvēlieties to no saraksta.'
		);
		expect(await refused({ contracts: 'F-1 F-404' })).toBe('Nav tāda līguma: F-404.');
		expect(await refused({ contracts: 'F-1 <b>' })).toBe('Nav tāda līguma: <b>.');
		expect(await refused({ textLv: '' })).toBe('Uzrakstiet tekstu latviski.');
		expect(await refused({ textEn: 'ā'.repeat(1001) })).toBe(
			'Tekstā var būt līdz 1000 rakstzīmēm.'
		);
		expect(await refused({ area: 'x'.repeat(101) })).toBe(
			'Adreses daļā var būt līdz 100 rakstzīmēm.'
		);
		for (const publishing of [
			{ publish: 'sometime', publishDay: '', publishTime: '' },
			{ publish: 'later', publishDay: '2026-12-06', publishTime: '11:59' },
			{ publish: 'later', publishDay: '2026-12-09', publishTime: '08:00' },
			{ publish: 'later', publishDay: '2026-12-07', publishTime: '25:00' }
		])
			expect(await refused(publishing)).toBe(
				'Izvēlieties “Uzreiz” vai nākotnes dienu un laiku, ne vēlāk par pēdējo dienu.'
			);
		expect(await db.selectFrom('staff_notice').selectAll().execute()).toEqual([]);
	});
});

describe('a console notice', () => {
	it('is shown with the export’s to the customers it concerns, from its time until withdrawn, and every step is audited', async () => {
		const db = await threeCustomers();
		const staffId = await admin(db);
		const ctx = { db, now, clientAddress: '192.0.2.7' };
		const audience = (contract: string, address: string) => ({
			contractNumber: contract,
			containers: [{ fraction: 'mixed' as const, address }]
		});
		const shownTo = async (at: Date, contract: string, address: string) =>
			currentNotices((await getPublished(db, at)).notices, audience(contract, address), today).map(
				(notice) => notice.text.lv
			);
		// Read once before, so the kept copy must notice the change.
		expect(await shownTo(now, 'F-1', 'RĪGAS IELA 1, Cēsis')).toEqual([]);

		const read = await readNoticeForm(db, formOf({ ...valid, contracts: '' }), clock);
		if (!read.ok) throw new Error(read.message);
		const id = await publishNotice(ctx, staffId, read.draft);
		expect(id).toMatch(/^staff:\d+$/);
		expect(await shownTo(now, 'F-1', 'RĪGAS IELA 1, Cēsis')).toEqual([valid.textLv]);
		expect(await shownTo(now, 'F-3', 'Dārza iela 2, Cēsis')).toEqual([]);

		const later = new Date('2026-12-06T12:00:00Z');
		const scheduled = await publishNotice(ctx, staffId, {
			notice: {
				...read.draft.notice,
				severity: 'info',
				text: { lv: 'Vēlāk.', en: null, ru: null }
			},
			publishAt: later.toISOString()
		});
		expect(await shownTo(new Date(later.getTime() - 1), 'F-2', 'Rīgas iela 5')).toEqual([
			valid.textLv
		]);
		expect(await shownTo(later, 'F-2', 'Rīgas iela 5')).toEqual([valid.textLv, 'Vēlāk.']);

		expect(await withdrawNotice(ctx, staffId, id)).toBe(true);
		expect(await withdrawNotice(ctx, staffId, id)).toBe(false);
		expect(await shownTo(later, 'F-2', 'Rīgas iela 5')).toEqual(['Vēlāk.']);

		expect(
			(await listStaffNotices(db, clock)).map((l) => [l.notice.id, l.state, l.author])
		).toEqual([
			[scheduled, 'scheduled', 'anna@vv.lv'],
			[id, 'withdrawn', 'anna@vv.lv']
		]);
		const audit = await db
			.selectFrom('audit_event')
			.select(['event', 'staff_id', 'client_address', 'detail'])
			.where('event', '=', 'staff_notice')
			.orderBy('id')
			.execute();
		expect(
			audit.map((row) => [row.staff_id, row.client_address, JSON.parse(row.detail!).action])
		).toEqual([
			[staffId, '192.0.2.7', 'published'],
			[staffId, '192.0.2.7', 'scheduled'],
			[staffId, '192.0.2.7', 'withdrawn']
		]);
	});

	it('counts the customers it reaches as the pages match them, and an export’s notice cannot be withdrawn here', async () => {
		const db = await threeCustomers();
		const staffId = await admin(db);
		const base = {
			severity: 'info' as const,
			from: today,
			to: today,
			fractions: [],
			contracts: [],
			area: null,
			text: { lv: 'Teksts.', en: null, ru: null }
		};
		expect(await countNoticeReach(db, { ...base, id: 'x' })).toBe(3);
		expect(await countNoticeReach(db, { ...base, id: 'x', area: 'rīgas iela' })).toBe(2);
		expect(
			await countNoticeReach(db, { ...base, id: 'x', area: 'cēsis', contracts: ['F-3'] })
		).toBe(1);
		expect(await countNoticeReach(db, { ...base, id: 'x', fractions: ['glass'] })).toBe(0);

		await runImport(
			db,
			writeJsonLines(tempDir(), [
				{ ...header(today), nextUpdate: '2026-12-07' },
				{
					type: 'notice',
					id: 'N-1',
					severity: 'info',
					from: today,
					to: today,
					text: { lv: 'No importa.' }
				}
			])
		);
		const ctx = { db, now, clientAddress: '192.0.2.7' };
		expect(await withdrawNotice(ctx, staffId, 'N-1')).toBe(false);
		expect((await getStaffNotice(db, 'N-1', clock))?.author).toBeNull();
		expect(await getStaffNotice(db, 'staff:999', clock)).toBeNull();
	});
});
