/**
 * Latvian working days: Monday to Friday, less the public holidays date-holidays knows
 * (moved holidays included: 4 May and 18 November on a weekend move to Monday), less and
 * plus the days in working-days.json that it does not know — a Song and Dance Festival
 * closing day, a one-off holiday by law, a working day transferred to a Saturday. A company
 * adds its own days in a file of the same form named by WORKING_DAYS_FILE.
 */
import fs from 'node:fs';
import Holidays from 'date-holidays';
import { parseDay, weekdayOf } from '$lib/dates';
import shipped from './working-days.json';

export interface WorkingDays {
	isWorkingDay(day: string): boolean;
	/** The name of the holiday on that day, or null on a working day or a plain weekend. */
	dayOffName(day: string): string | null;
	/** The n-th (1, 2, …) working day of a month. */
	nthWorkingDay(year: number, month: number, n: number): string;
}

interface DayList {
	daysOff: Map<string, string>;
	workingDays: Map<string, string>;
}

export class WorkingDaysFileError extends Error {}

const isWeekend = (day: string) => weekdayOf(day) >= 5;

/** Checks a working-days file; every problem is named with where it is. */
export function parseWorkingDays(text: string, where: string): DayList {
	const problems: string[] = [];
	let data: unknown;
	try {
		data = JSON.parse(text);
	} catch (error) {
		throw new WorkingDaysFileError(`${where}: not JSON (${(error as Error).message})`);
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		throw new WorkingDaysFileError(`${where}: expected an object with daysOff and workingDays`);
	const record = data as Record<string, unknown>;
	for (const key of Object.keys(record))
		if (!['about', 'daysOff', 'workingDays'].includes(key))
			problems.push(`${where}: unknown key "${key}" (expected about, daysOff, workingDays)`);
	const list = (key: 'daysOff' | 'workingDays') => {
		const days = new Map<string, string>();
		const value = record[key] ?? [];
		if (!Array.isArray(value)) {
			problems.push(`${where}: ${key} must be a list`);
			return days;
		}
		value.forEach((entry: unknown, i) => {
			const at = `${where}: ${key}[${i}]`;
			const { date, name } = (entry ?? {}) as { date?: unknown; name?: unknown };
			const day = parseDay(date);
			if (typeof date !== 'string' || day !== date)
				problems.push(`${at}.date: expected a real day as YYYY-MM-DD`);
			else if (typeof name !== 'string' || name.trim() === '' || name.length > 200)
				problems.push(`${at}.name: expected the day's name (1–200 characters)`);
			else if (days.has(day)) problems.push(`${at}.date: ${day} is listed twice`);
			else if (key === 'workingDays' && !isWeekend(day))
				problems.push(
					`${at}.date: ${day} is a weekday; only a Saturday or Sunday can be made a working day`
				);
			else days.set(day, name);
		});
		return days;
	};
	const result = { daysOff: list('daysOff'), workingDays: list('workingDays') };
	for (const day of result.daysOff.keys())
		if (result.workingDays.has(day))
			problems.push(`${where}: ${day} is both a day off and a working day`);
	if (problems.length > 0) throw new WorkingDaysFileError(problems.join('\n'));
	return result;
}

/** The working-day calendar from the shipped days and, when given, the company's file. */
export function loadWorkingDays(extraFile: string | null = null): WorkingDays {
	const lists = [parseWorkingDays(JSON.stringify(shipped), 'working-days.json')];
	if (extraFile) {
		let text: string;
		try {
			text = fs.readFileSync(extraFile, 'utf8');
		} catch (error) {
			throw new WorkingDaysFileError(`${extraFile}: cannot be read (${(error as Error).message})`);
		}
		lists.push(parseWorkingDays(text, extraFile));
	}
	// A later file wins: the company's own list can also take back a shipped day.
	const daysOff = new Map<string, string>();
	const workingDays = new Map<string, string>();
	for (const list of lists) {
		for (const [day, name] of list.daysOff) {
			daysOff.set(day, name);
			workingDays.delete(day);
		}
		for (const [day, name] of list.workingDays) {
			workingDays.set(day, name);
			daysOff.delete(day);
		}
	}

	const holidays = new Holidays('LV');
	const publicByYear = new Map<number, Map<string, string>>();
	const publicHolidays = (year: number) => {
		let days = publicByYear.get(year);
		if (!days) {
			days = new Map();
			for (const holiday of holidays.getHolidays(year))
				if (holiday.type === 'public') days.set(holiday.date.slice(0, 10), holiday.name);
			publicByYear.set(year, days);
		}
		return days;
	};

	const dayOffName = (day: string) => {
		if (workingDays.has(day)) return null;
		return daysOff.get(day) ?? publicHolidays(Number(day.slice(0, 4))).get(day) ?? null;
	};
	const isWorkingDay = (day: string) =>
		workingDays.has(day) || (!isWeekend(day) && dayOffName(day) === null);

	return {
		isWorkingDay,
		dayOffName,
		nthWorkingDay(year, month, n) {
			const date = new Date(Date.UTC(year, month - 1, 1));
			for (let found = 0; ; date.setUTCDate(date.getUTCDate() + 1)) {
				const day = date.toISOString().slice(0, 10);
				if (isWorkingDay(day) && ++found === n) return day;
			}
		}
	};
}

let current: WorkingDays | undefined;

/** The calendar for this process (WORKING_DAYS_FILE read once). */
export function workingDays(): WorkingDays {
	current ??= loadWorkingDays(process.env.WORKING_DAYS_FILE || null);
	return current;
}

/** Invoices for legal entities are issued on the second working day of each month. */
export function invoiceIssueDay(year: number, month: number, calendar = workingDays()): string {
	return calendar.nthWorkingDay(year, month, 2);
}
