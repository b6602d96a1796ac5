import { describe, expect, it } from 'vitest';
import { addDays, dayInRiga, formatDay } from '../../src/lib/dates';
import { dateTime, day, longDay, waitFor } from '../../src/lib/format';

describe('dates and times as the customer reads them', () => {
	it('writes a moment on Riga’s clock, day first in every language', () => {
		// 13:42 UTC is 15:42 in Riga in winter, 16:42 in summer.
		expect(dateTime('2026-12-01T13:42:05.123Z', 'lv')).toBe('01.12.2026 15:42');
		expect(dateTime('2026-12-01T13:42:05.123Z', 'ru')).toBe('01.12.2026, 15:42');
		expect(dateTime('2026-12-01T13:42:05.123Z', 'en')).toBe('1 Dec 2026, 15:42');
		expect(dateTime('2026-07-01T13:42:00Z', 'lv')).toBe('01.07.2026 16:42');
		// Late in the evening UTC is already the next day in Riga.
		expect(dateTime('2026-12-31T22:30:00Z', 'lv')).toBe('01.01.2027 00:30');
	});

	it('turns the day at midnight in Riga, winter and summer, however close the instants', () => {
		// Each day is kept for the minute asked last: the next instant across midnight is a new day.
		expect(dayInRiga(new Date('2026-12-06T21:59:59.999Z'))).toBe('2026-12-06');
		expect(dayInRiga(new Date('2026-12-06T22:00:00.000Z'))).toBe('2026-12-07');
		expect(dayInRiga(new Date('2026-12-06T21:59:00.000Z'))).toBe('2026-12-06');
		expect(dayInRiga(new Date('2026-07-01T20:59:59.999Z'))).toBe('2026-07-01');
		expect(dayInRiga(new Date('2026-07-01T21:00:00.000Z'))).toBe('2026-07-02');
		// The last Sunday of March: 00:30 in Riga is before the clocks go forward.
		expect(dayInRiga(new Date('2026-03-28T22:30:00Z'))).toBe('2026-03-29');
		expect(() => dayInRiga(new Date('no day'))).toThrow(RangeError);
	});

	it('writes each day in its own locale and form, however many it has written before', () => {
		expect(day('2026-12-09', 'lv')).toBe('09.12.2026');
		expect(day('2026-12-09', 'en')).toBe('9 Dec 2026');
		expect(longDay('2026-12-09', 'lv')).toBe('trešdiena, 9. decembris');
		expect(longDay('2026-12-09', 'ru')).toBe('среда, 9 декабря');
		expect(formatDay('2026-12-09', 'en')).toBe('9 December 2026');
		expect(formatDay('2026-12-09', 'en', { month: 'long' })).toBe('December');
		// More days than are kept: the written days are let go and written again, alike.
		const days = Array.from({ length: 6000 }, (_, i) => addDays('2020-01-01', i));
		const first = days.map((d) => day(d, 'lv'));
		expect(days.map((d) => day(d, 'lv'))).toEqual(first);
		expect(first[0]).toBe('01.01.2020');
		expect(first.at(-1)).toBe(day(days.at(-1)!, 'lv'));
		expect(first[366]).toBe('01.01.2021');
	});

	it('writes a day without a month-first form in English', () => {
		expect(day('2026-12-01', 'en')).toBe('1 Dec 2026');
		expect(day('2026-12-01', 'lv')).toBe('01.12.2026');
	});

	it('says how long to wait in each language’s plural, in minutes from two minutes on', () => {
		expect([1, 5, 21, 90, 600].map((s) => waitFor(s, 'lv'))).toEqual([
			'pēc 1 sekundes',
			'pēc 5 sekundēm',
			'pēc 21 sekundes',
			'pēc 90 sekundēm',
			'pēc 10 minūtēm'
		]);
		expect([1, 5, 61, 121].map((s) => waitFor(s, 'en'))).toEqual([
			'in 1 second',
			'in 5 seconds',
			'in 61 seconds',
			'in 3 minutes'
		]);
		expect([1, 3, 5, 21, 600].map((s) => waitFor(s, 'ru'))).toEqual([
			'через 1 секунду',
			'через 3 секунды',
			'через 5 секунд',
			'через 21 секунду',
			'через 10 минут'
		]);
	});
});
