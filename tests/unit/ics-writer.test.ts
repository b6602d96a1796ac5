import { createEvents } from 'ics';
import { describe, expect, it } from 'vitest';
import { CALENDAR_HEADER, calendarEvents, type CollectionEntry } from '../../src/lib/calendar';
import { writeIcs } from '../../src/lib/server/ics-writer';

const entries = (contract: string, days: number): CollectionEntry[] =>
	Array.from({ length: days }, (_, i) => ({
		date: `2026-12-${String(i + 1).padStart(2, '0')}`,
		fraction: 'mixed',
		containerCode: 'K1',
		address: `${contract} iela 1, Rīga`
	}));

// DTSTAMP is the time of writing, the one line two writings of the same calendar differ in.
const withoutStamp = (text: string) => text.replace(/^DTSTAMP:.*$/gm, '');

describe('the ICS writer thread', () => {
	it('writes what createEvents writes, and each caller gets its own calendar', async () => {
		const asked = ['A-1', 'B-2', 'C-3'].map((contract, i) => ({
			events: calendarEvents(contract, entries(contract, 5 + i), () => 'Sadzīves atkritumi', 'lv'),
			header: { ...CALENDAR_HEADER, calName: `Kalendārs ${contract}` }
		}));
		const written = await Promise.all(asked.map((a) => writeIcs(a.events, a.header)));
		for (const [i, text] of written.entries()) {
			const expected = createEvents(asked[i]!.events, asked[i]!.header).value!;
			expect(withoutStamp(text)).toBe(withoutStamp(expected));
			expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(5 + i);
		}
	});

	it('refuses an event ics refuses, and goes on writing afterwards', async () => {
		const good = calendarEvents('A-1', entries('A-1', 1), () => 'Sadzīves atkritumi', 'lv');
		const bad = [{ ...good[0]!, start: [2026, 13, 1] as [number, number, number] }];
		await expect(writeIcs(bad, CALENDAR_HEADER)).rejects.toThrow(/The calendar could not be built/);
		expect(await writeIcs(good, CALENDAR_HEADER)).toContain('UID:A-1-K1-2026-12-01@klientiem');
	});
});
