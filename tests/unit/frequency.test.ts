import { describe, expect, it } from 'vitest';
import { describeFrequency, readFrequency } from '../../src/lib/frequency';

describe('a container’s emptying frequency', () => {
	it('reads the billing system’s Latvian words into a count per period', () => {
		expect(readFrequency('1 reizi 2 nedēļās')).toEqual({ times: 1, every: 2, unit: 'week' });
		expect(readFrequency('1 reizi nedēļā')).toEqual({ times: 1, every: 1, unit: 'week' });
		expect(readFrequency('2 reizes  Nedēļā ')).toEqual({ times: 2, every: 1, unit: 'week' });
		expect(readFrequency('reizi mēnesī')).toEqual({ times: 1, every: 1, unit: 'month' });
		expect(readFrequency('1 reizi 3 mēnešos')).toEqual({ times: 1, every: 3, unit: 'month' });
		for (const words of ['pēc pieprasījuma', '0 reizes nedēļā', '1 reizi gadā', ''])
			expect(readFrequency(words), words).toBeNull();
	});

	it('says it in English and Russian with their plurals, and in Latvian as written', () => {
		const cases: [string, string, string, string][] = [
			['1 reizi nedēļā', '1 reizi nedēļā', 'once a week', '1 раз в неделю'],
			['1 reizi 2 nedēļās', '1 reizi 2 nedēļās', 'once every 2 weeks', '1 раз в 2 недели'],
			['1 reizi 8 nedēļās', '1 reizi 8 nedēļās', 'once every 8 weeks', '1 раз в 8 недель'],
			['2 reizes nedēļā', '2 reizes nedēļā', '2 times a week', '2 раза в неделю'],
			['1 reizi mēnesī', '1 reizi mēnesī', 'once a month', '1 раз в месяц'],
			['5 reizes 3 mēnešos', '5 reizes 3 mēnešos', '5 times every 3 months', '5 раз в 3 месяца']
		];
		for (const [words, lv, en, ru] of cases) {
			expect(describeFrequency(words, 'lv')).toBe(lv);
			expect(describeFrequency(words, 'en')).toBe(en);
			expect(describeFrequency(words, 'ru')).toBe(ru);
		}
	});

	it('shows words it does not know as the company wrote them, in every language', () => {
		expect(describeFrequency('pēc pieprasījuma', 'en')).toBe('pēc pieprasījuma');
	});
});
