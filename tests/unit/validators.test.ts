import { describe, expect, it } from 'vitest';
import {
	checkContractNumber,
	checkEmail,
	checkIban,
	checkPersonalCode,
	checkRegistrationNumber,
	isRealDate,
	makeIban
} from '../../src/lib/validators';
import { parseDay } from '../../src/lib/dates';
import { parseCents, parseMilli } from '../../src/lib/money';

describe('personal codes', () => {
	it('accepts an old code with its check digit, with or without the hyphen', () => {
		expect(checkPersonalCode('161175-19997')).toEqual({ ok: true, value: '16117519997' });
		expect(checkPersonalCode(' 16117519997 ')).toEqual({ ok: true, value: '16117519997' });
	});
	it('refuses an old code whose check digit is wrong', () => {
		expect(checkPersonalCode('161175-19996')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('check digit')
		});
	});
	it('refuses an old code whose birth date does not exist or whose century digit is not 0–2', () => {
		expect(checkPersonalCode('300275-19997')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('birth date')
		});
		expect(checkPersonalCode('161175-39997')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('century')
		});
	});
	it('accepts the codes issued since 2017 (32…–39…) without a check digit', () => {
		expect(checkPersonalCode('321234-56789')).toEqual({ ok: true, value: '32123456789' });
		expect(checkPersonalCode('399999-00000')).toEqual({ ok: true, value: '39999900000' });
	});
	it('refuses anything that is not 11 digits', () => {
		expect(checkPersonalCode('demo').ok).toBe(false);
		expect(checkPersonalCode('161175-1999').ok).toBe(false);
		expect(checkPersonalCode('161175-199977').ok).toBe(false);
	});
});

describe('registration numbers', () => {
	it('accepts a number with a right check digit', () => {
		expect(checkRegistrationNumber('40003521600')).toEqual({ ok: true, value: '40003521600' });
		expect(checkRegistrationNumber('LV40003521600')).toEqual({ ok: true, value: '40003521600' });
	});
	it('refuses a wrong check digit, a wrong length or a personal code', () => {
		expect(checkRegistrationNumber('40003521601')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('check digit')
		});
		expect(checkRegistrationNumber('4000352160').ok).toBe(false);
		expect(checkRegistrationNumber('16117519997')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('starts with')
		});
	});
});

describe('IBANs', () => {
	it('accepts valid IBANs, with spaces and in lower case', () => {
		expect(checkIban('LV80 BANK 0000 4351 9500 1')).toEqual({
			ok: true,
			value: 'LV80BANK0000435195001'
		});
		expect(checkIban('de89370400440532013000')).toEqual({
			ok: true,
			value: 'DE89370400440532013000'
		});
	});
	it('refuses wrong check digits, a wrong length and countries outside SEPA', () => {
		expect(checkIban('LV81BANK0000435195001')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('check digits')
		});
		expect(checkIban('LV80BANK000043519500')).toMatchObject({
			ok: false,
			reason: expect.stringContaining('21 characters')
		});
		expect(checkIban('US12345678901234567890').ok).toBe(false);
	});
	it('makes IBANs that pass the check', () => {
		expect(checkIban(makeIban('LV', 'HABA0551012345678')).ok).toBe(true);
	});
});

describe('dates, amounts and other fields', () => {
	it('knows which days exist', () => {
		expect(isRealDate(2024, 2, 29)).toBe(true);
		expect(isRealDate(2025, 2, 29)).toBe(false);
		expect(isRealDate(1900, 2, 29)).toBe(false);
		expect(isRealDate(2000, 2, 29)).toBe(true);
		expect(isRealDate(2025, 4, 31)).toBe(false);
		expect(parseDay('2025-02-30')).toBeNull();
		expect(parseDay('28.02.2025')).toBe('2025-02-28');
		expect(parseDay('2025-2-3')).toBeNull();
	});
	it('reads amounts with a decimal comma or point into cents, never through floating point', () => {
		expect(parseCents('1234,56')).toBe(123456);
		expect(parseCents('1 234.5')).toBe(123450);
		expect(parseCents(0.07)).toBe(7);
		expect(parseCents('-5')).toBe(-500);
		expect(parseCents('1.234')).toBeNull();
		expect(parseCents('12a')).toBeNull();
		expect(parseMilli('2,5')).toBe(2500);
	});
	it('reads days, amounts and quantities as the regular expressions they replaced did, whatever the text', () => {
		// The forms the parsers had before they read character codes (issue 19), kept as the rule.
		const dayBefore = (input: string) => {
			const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
			if (iso) return isRealDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) ? input : null;
			const lv = /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(input.trim());
			if (!lv || !isRealDate(Number(lv[3]), Number(lv[2]), Number(lv[1]))) return null;
			return `${lv[3]}-${lv[2]}-${lv[1]}`;
		};
		const decimalBefore = (text: string, pattern: RegExp, scale: number) => {
			const match = pattern.exec(text);
			if (!match) return null;
			const value =
				Number(match[2]) * scale + Number((match[3] ?? '').padEnd(String(scale).length - 1, '0'));
			return match[1] === '-' ? -value : value;
		};
		const centsBefore = (input: string) =>
			decimalBefore(
				input
					.trim()
					.replace(/[\s\u00a0]/g, '')
					.replace(',', '.'),
				/^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/,
				100
			);
		const milliBefore = (input: string) =>
			decimalBefore(input.trim().replace(',', '.'), /^()(\d{1,9})(?:\.(\d{1,3}))?$/, 1000);
		// Random texts of the characters that matter, and the days and amounts an export writes.
		let seed = 19;
		const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
		const alphabet = '0123456789012345678901234567890123-.,. \u00a0a';
		const texts = [
			...Array.from({ length: 40000 }, () =>
				Array.from({ length: 1 + random(16) }, () => alphabet[random(alphabet.length)]).join('')
			),
			...Array.from({ length: 4000 }, (_, i) => {
				const [y, m, d] = [1899 + random(250), random(14), random(33)];
				const two = (n: number) => String(n).padStart(2, '0');
				return i % 2 ? `${y}-${two(m)}-${two(d)}` : `${two(d)}.${two(m)}.${y}`;
			}),
			...['0', '-0', '0.5', '12.', '.5', '-', '', ' 1 234,56 ', '999999999999.99', '1000000000000'],
			...['2024-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '２０２６-01-01', '2026-1-01']
		];
		for (const text of texts) {
			expect([text, parseDay(text)]).toEqual([text, dayBefore(text)]);
			expect([text, parseCents(text)]).toEqual([text, centsBefore(text)]);
			expect([text, parseMilli(text)]).toEqual([text, milliBefore(text)]);
		}
		for (const amount of [0, -0, 0.07, 12.1, -5, 1e21, 1.234, 123456789012.34])
			expect([amount, parseCents(amount)]).toEqual([amount, centsBefore(String(amount))]);
	});

	it('checks contract numbers and e-mail addresses', () => {
		expect(checkContractNumber('dem-1-oju')).toEqual({ ok: true, value: 'dem-1-oju' });
		expect(checkContractNumber('a b').ok).toBe(false);
		expect(checkEmail(' Liga@Example.LV ')).toEqual({ ok: true, value: 'liga@example.lv' });
		expect(checkEmail('liga@').ok).toBe(false);
	});
});
