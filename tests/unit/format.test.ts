import { describe, expect, it } from 'vitest';
import { dateTime, day } from '../../src/lib/format';

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
});
