import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	invoiceIssueDay,
	loadWorkingDays,
	WorkingDaysFileError
} from '../../src/lib/server/working-days';
import { tempDir } from './helpers';

function companyFile(content: unknown): string {
	const file = path.join(tempDir(), 'days.json');
	fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
	return file;
}

describe('Latvian working days', () => {
	const calendar = loadWorkingDays();

	it('skip weekends and public holidays, moved holidays included', () => {
		// 1 January 2027 is a Friday: Monday 4th and Tuesday 5th are the first two working days.
		expect(invoiceIssueDay(2027, 1, calendar)).toBe('2027-01-05');
		// May 2031: Labour Day Thursday 1st, Friday 2nd works, 4 May falls on Sunday and moves
		// to Monday 5th, so the second working day is Tuesday 6th.
		expect(calendar.isWorkingDay('2031-05-02')).toBe(true);
		expect(calendar.dayOffName('2031-05-05')).toMatch(/Neatkarības atjaunošanas/);
		expect(invoiceIssueDay(2031, 5, calendar)).toBe('2031-05-06');
		// 18 November 2028 is a Saturday: Monday 20th is off.
		expect(calendar.isWorkingDay('2028-11-20')).toBe(false);
		expect(invoiceIssueDay(2026, 12, calendar)).toBe('2026-12-02');
	});

	it('know the days date-holidays lacks: the Song and Dance Festival closing day', () => {
		expect(calendar.isWorkingDay('2023-07-10')).toBe(false);
		expect(calendar.dayOffName('2023-07-10')).toBe(
			'Vispārējo latviešu Dziesmu un deju svētku noslēguma diena'
		);
		expect(calendar.isWorkingDay('2023-07-11')).toBe(true);
	});

	it('take a company’s own file: a transferred working day and an extra day off', () => {
		const extended = loadWorkingDays(
			companyFile({
				daysOff: [{ date: '2030-07-01', name: 'Pārcelta darba diena' }],
				workingDays: [{ date: '2030-06-29', name: 'Darba diena no 1. jūlija' }]
			})
		);
		expect(invoiceIssueDay(2030, 7, calendar)).toBe('2030-07-02');
		// Monday 1 July is off, so the first two working days are 2nd and 3rd.
		expect(invoiceIssueDay(2030, 7, extended)).toBe('2030-07-03');
		expect(extended.isWorkingDay('2030-06-29')).toBe(true);
		expect(extended.dayOffName('2030-07-01')).toBe('Pārcelta darba diena');
	});

	it('refuse a bad company file with every problem named', () => {
		expect(() => loadWorkingDays(companyFile('{ nav json'))).toThrow(/not JSON/);
		expect(() => loadWorkingDays(path.join(tempDir(), 'missing.json'))).toThrow(/cannot be read/);
		let message = '';
		try {
			loadWorkingDays(
				companyFile({
					daysOff: [
						{ date: '2030-02-30', name: 'Nav tādas dienas' },
						{ date: '2030-03-02', name: '' },
						{ date: '2030-03-04', name: 'Divreiz' },
						{ date: '2030-03-04', name: 'Divreiz' }
					],
					workingDays: [{ date: '2030-03-05', name: 'Otrdiena' }],
					holidays: []
				})
			);
		} catch (error) {
			expect(error).toBeInstanceOf(WorkingDaysFileError);
			message = (error as Error).message;
		}
		expect(message).toContain('unknown key "holidays"');
		expect(message).toContain('daysOff[0].date: expected a real day');
		expect(message).toContain("daysOff[1].name: expected the day's name");
		expect(message).toContain('daysOff[3].date: 2030-03-04 is listed twice');
		expect(message).toContain('workingDays[0].date: 2030-03-05 is a weekday');
	});
});
