import { describe, expect, it } from 'vitest';
import { dateTime, day, waitFor } from '../../src/lib/format';

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
