import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { buildIcs, inView, nextCollections, type CollectionEntry } from '../../src/lib/calendar';
import { listNextCollections } from '../../src/lib/server/calendar';
import { header, memoryDb, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';
import { checkIcs } from './rfc5545';

const entries: CollectionEntry[] = [
	{ date: '2026-11-20', fraction: 'mixed', containerCode: 'K1', address: 'Rīgas iela 1, Valmiera' },
	{ date: '2026-11-24', fraction: 'mixed', containerCode: 'K1', address: 'Rīgas iela 1, Valmiera' },
	{
		date: '2026-11-26',
		fraction: 'packaging_bags',
		containerCode: 'K2',
		address: 'Rīgas iela 1, Valmiera'
	},
	{ date: '2026-12-02', fraction: 'glass', containerCode: 'K3', address: 'Ūdens iela 3, Valmiera' },
	{ date: '2026-12-08', fraction: 'mixed', containerCode: 'K1', address: 'Rīgas iela 1, Valmiera' }
];

describe('the collection calendar', () => {
	it("reads each container's first day from today on, and no day for a container with none ahead", async () => {
		const db = await memoryDb();
		const container = (code: string, fraction: string, dates: string[]) => ({
			code,
			address: 'Rīgas iela 1, Valmiera',
			fraction,
			volumeLitres: 240,
			count: 1,
			frequency: '1 reizi 2 nedēļās',
			dates
		});
		await runImport(
			db,
			writeJsonLines(tempDir(), [
				header(),
				privateCustomer('F-1', {
					containers: [
						container('K1', 'mixed', ['2026-11-10', '2026-11-24', '2026-12-08']),
						container('K2', 'paper', ['2026-11-20']),
						container('K3', 'glass', ['2026-11-23', '2027-01-05'])
					]
				}),
				privateCustomer('F-2', { containers: [container('K1', 'bio', ['2026-11-25'])] })
			])
		);
		const { id } = await db
			.selectFrom('customer')
			.select('id')
			.where('contract_number', '=', 'F-1')
			.executeTakeFirstOrThrow();
		expect(
			(await listNextCollections(db, id, '2026-11-23')).map((e) => [e.containerCode, e.date])
		).toEqual([
			['K1', '2026-11-24'],
			['K3', '2026-11-23']
		]);
		await db.destroy();
	});

	it('gives the next collection of each fraction from today on', () => {
		expect(nextCollections(entries, '2026-11-23').map((e) => [e.fraction, e.date])).toEqual([
			['mixed', '2026-11-24'],
			['packaging_bags', '2026-11-26'],
			['glass', '2026-12-02']
		]);
	});

	it("splits into the seed's calendars: mixed, sorted and packaging bags", () => {
		expect(entries.filter((e) => inView('sorted', e.fraction)).map((e) => e.fraction)).toEqual([
			'glass'
		]);
		expect(entries.filter((e) => inView('bags', e.fraction)).map((e) => e.fraction)).toEqual([
			'packaging_bags'
		]);
		expect(entries.filter((e) => inView('all', e.fraction))).toHaveLength(5);
	});

	it('writes a file that passes a strict RFC 5545 check, in Latvian and Russian (issue 13.8)', async () => {
		const long = [
			...entries,
			{
				date: '2026-12-31',
				fraction: 'mixed' as const,
				containerCode: 'K9',
				address: 'Ganību dambis 24, Rīga, Latvija; ieeja no pagalma, blakus vārtiem ar numuru'
			}
		];
		const names = {
			lv: () => 'Sadzīves atkritumi — konteinera iztukšošana ar garumzīmēm: ā, ē, ī, ū, ļ, ņ',
			ru: () => 'Смешанные бытовые отходы — опорожнение контейнера по графику'
		};
		for (const [language, name] of Object.entries(names)) {
			const text = await buildIcs(
				'dem-1-oju',
				long,
				name,
				'Vidzemes Vide, līgums dem-1-oju; visi',
				'lv'
			);
			expect(checkIcs(text), language).toEqual([]);
			const calendar = new ICAL.Component(ICAL.parse(text));
			// ical.js keeps an X- property's value as written, escapes and all.
			expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
				'Vidzemes Vide\\, līgums dem-1-oju\\; visi'
			);
			const last = calendar
				.getAllSubcomponents('vevent')
				.map((v) => new ICAL.Event(v))
				.at(-1)!;
			expect([last.startDate.toString(), last.endDate.toString(), last.location]).toEqual([
				'2026-12-31',
				'2027-01-01',
				long.at(-1)!.address
			]);
		}
	});

	it('writes all-day ICS events with the address, a stable UID and the calendar name, as an independent parser reads them', async () => {
		const name = (f: string) =>
			f === 'mixed' ? 'Sadzīves atkritumi' : f === 'glass' ? 'Stikls' : 'PKO somas';
		const text = await buildIcs(
			'dem-1-oju',
			entries,
			name,
			'Vidzemes Vide: izvešanas kalendārs',
			'lv'
		);
		expect(text).toContain('DTSTART;VALUE=DATE:20261124');
		const calendar = new ICAL.Component(ICAL.parse(text));
		expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe(
			'Vidzemes Vide: izvešanas kalendārs'
		);
		const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
		expect(
			events.map((e) => [e.startDate.toString(), e.startDate.isDate, e.summary, e.location, e.uid])
		).toEqual(
			entries.map((e) => [
				e.date,
				true,
				name(e.fraction),
				e.address,
				`dem-1-oju-${e.containerCode}-${e.date}@klientiem`
			])
		);
		expect(await buildIcs('dem-1-oju', entries, name, 'x', 'lv')).toContain(
			'UID:dem-1-oju-K1-2026-11-24@klientiem'
		);
	});
});
