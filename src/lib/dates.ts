/** Calendar days are ISO `YYYY-MM-DD` strings; "today" is the day in Riga, where the company works. */
import { BoundedCache } from './bounded-cache';
import { isRealDate } from './validators';

export const TIME_ZONE = 'Europe/Riga';

// Making an Intl formatter costs far more than using one (a page formats dozens of days),
// so each locale and option set gets one, kept for the process.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${locale} ${JSON.stringify(options)}`;
	let format = dayFormats.get(key);
	if (!format) {
		// The portal's English is British: day before month ("Friday 4 December"), never the
		// American month first, which a Latvian reader takes for the day.
		const written = locale === 'en' ? 'en-GB' : locale;
		format = new Intl.DateTimeFormat(written, { ...options, timeZone: TIME_ZONE });
		dayFormats.set(key, format);
	}
	return format;
}

const LATVIAN_DAY = /^(\d{2})\.(\d{2})\.(\d{4})$/;

/** Parses an ISO day or the Latvian `DD.MM.YYYY`; returns the ISO form, or null when the day does not exist. */
export function parseDay(input: unknown): string | null {
	if (typeof input !== 'string') return null;
	// An ISO day is read from its character codes: the import reads some ten million days, and
	// a regular expression's match with its three strings cost several times more
	// (docs/performance.md). Ten characters with dashes at 4 and 7 are an ISO day or no day.
	if (input.length === 10 && input.charCodeAt(4) === 45 && input.charCodeAt(7) === 45) {
		const year = digitsAt(input, 0, 4);
		const month = digitsAt(input, 5, 7);
		const day = digitsAt(input, 8, 10);
		return year >= 0 && month >= 0 && day >= 0 && isRealDate(year, month, day) ? input : null;
	}
	const lv = LATVIAN_DAY.exec(input.trim());
	if (!lv || !isRealDate(Number(lv[3]), Number(lv[2]), Number(lv[1]))) return null;
	return `${lv[3]}-${lv[2]}-${lv[1]}`;
}

/** The number the ASCII digits from `start` to `end` write, or -1 when one is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
	let value = 0;
	for (let i = start; i < end; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) return -1;
		value = value * 10 + digit;
	}
	return value;
}

// en-CA formats dates as YYYY-MM-DD.
const ISO_PARTS: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
// The day of the last minute asked for: every request asks, and Intl's time zone arithmetic
// took 0.015 ms of each. Riga is a whole number of hours from UTC, so its days begin on a
// whole UTC minute and every instant of a minute has the same day.
let lastDay = { minute: NaN, day: '' };

/** The calendar day in Riga at the given instant. */
export function dayInRiga(instant: Date = new Date()): string {
	const minute = Math.floor(instant.getTime() / 60_000);
	if (minute !== lastDay.minute)
		lastDay = { minute, day: dayFormat('en-CA', ISO_PARTS).format(instant) };
	return lastDay.day;
}

/** The hour (0–23) on the clock in Riga at the given instant. */
export function hourInRiga(instant: Date = new Date()): number {
	return Number(dayFormat('en-GB', { hour: '2-digit', hourCycle: 'h23' }).format(instant));
}

/** The time on the clock in Riga, `HH:MM`. */
export function timeInRiga(instant: Date = new Date()): string {
	return dayFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
		instant
	);
}

/**
 * The instant Riga's clock shows `day` at `time` (HH:MM). Riga is two hours ahead of UTC in
 * winter and three in summer; the offset at a first guess is corrected once, which is exact
 * but in the hour the clocks skip in spring (that time then reads an hour later).
 */
export function instantInRiga(day: string, time: string): Date {
	const wall = Date.parse(`${day}T${time}:00Z`);
	const offsetAt = (instant: number) => {
		const shown = new Date(instant);
		return Date.parse(`${dayInRiga(shown)}T${timeInRiga(shown)}:00Z`) - instant;
	};
	return new Date(wall - offsetAt(wall - offsetAt(wall)));
}

export function addDays(day: string, days: number): string {
	const date = new Date(`${day}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return date.toISOString().slice(0, 10);
}

/** The day's place in a Latvian week: Monday 0 … Sunday 6. */
export function weekdayOf(day: string): number {
	// Noon UTC is the same calendar day in Riga, whatever the season.
	return (new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7;
}

/** Whole days from one day to another (negative when it is before). */
export function daysBetween(from: string, to: string): number {
	return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A moment as the clock in Riga showed it, in the locale's words. */
export function formatInstant(
	instant: Date,
	locale: string,
	options: Intl.DateTimeFormatOptions
): string {
	return dayFormat(locale, options).format(instant);
}

/**
 * Days already written, by locale, options and day. A page writes the same few days at every
 * visit (the due date, the next collections, a notice's days), and Intl's formatting took 2 %
 * of the start page's CPU. A year's calendar in three languages fits.
 */
const writtenDays = new BoundedCache<string, string>(5000);

export function formatDay(
	day: string,
	locale: string,
	options: Intl.DateTimeFormatOptions = { dateStyle: 'long' }
): string {
	const key = `${day} ${locale} ${JSON.stringify(options)}`;
	let written = writtenDays.get(key);
	if (written === undefined) {
		// Noon UTC is the same calendar day in Riga, whatever the season.
		written = dayFormat(locale, options).format(new Date(`${day}T12:00:00Z`));
		writtenDays.set(key, written);
	}
	return written;
}
