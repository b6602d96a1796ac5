import { describe, expect, it } from 'vitest';
import { checkIcs } from './rfc5545';

const good = [
	'BEGIN:VCALENDAR',
	'VERSION:2.0',
	'PRODID:klientiem/calendar',
	'X-WR-CALNAME:Vidzemes Vide\\, līgums F-1',
	'BEGIN:VEVENT',
	'UID:F-1-K1-2026-12-08@klientiem',
	'DTSTAMP:20261201T094813Z',
	'DTSTART;VALUE=DATE:20261208',
	'DTEND;VALUE=DATE:20261209',
	'SUMMARY:Sadzīves atkritumi',
	'END:VEVENT',
	'END:VCALENDAR',
	''
].join('\r\n');

describe('the strict RFC 5545 check the tests use', () => {
	it('passes a well-formed file', () => {
		expect(checkIcs(good)).toEqual([]);
	});

	it('finds each of the faults strict clients refuse', () => {
		expect(checkIcs(good.replace('DTEND;VALUE=DATE:20261209', 'DURATION:P1DT'))).toEqual([
			'line 9: DURATION has a bad value "P1DT"'
		]);
		expect(checkIcs(good.replace('\\, līgums', ', līgums'))).toEqual([
			'line 4: X-WR-CALNAME has a bad value "Vidzemes Vide, līgums F-1"'
		]);
		expect(
			checkIcs(
				good.replace(
					'PRODID:klientiem/calendar',
					'X-PUBLISHED-TTL:P1D\r\nX-PUBLISHED-TTL:PT1H\r\nPRODID:k'
				)
			)
		).toEqual(['the calendar: X-PUBLISHED-TTL appears 2 times']);
		expect(checkIcs(good.replaceAll('\r\n', '\n'))[0]).toBe('line 1: LF without CR');
		// 60 two-octet letters: 75 characters would be 120 octets.
		const long = `SUMMARY:${'ā'.repeat(60)}`;
		expect(checkIcs(good.replace('SUMMARY:Sadzīves atkritumi', long))).toEqual([
			'line 10: 128 octets, over 75'
		]);
		const bytes = new TextEncoder().encode(
			good.replace('SUMMARY:Sadzīves atkritumi', `SUMMARY:${'ā'.repeat(40)}`)
		);
		// Folded in the middle of an "ā" (two octets), each line within 75 octets.
		const at = bytes.indexOf(0xc4, 200) + 1;
		const split = new Uint8Array([
			...bytes.subarray(0, at),
			0x0d,
			0x0a,
			0x20,
			...bytes.subarray(at)
		]);
		expect(checkIcs(split)).toContain('line 10: a UTF-8 character split by folding');
	});
});
