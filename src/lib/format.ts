/** Money and days as the customer's language writes them, always in Riga time. */
import { formatDay, formatInstant } from './dates';
import { formatMoney } from './money';
import { m } from './paraglide/messages';
import type { Locale } from './paraglide/runtime';

export const money = (cents: number, locale: string) => formatMoney(cents, locale);
/** 01.12.2026 in Latvian and Russian; 1 Dec 2026 in English, where 01/12 could be read either way. */
const dateParts = (locale: string): Intl.DateTimeFormatOptions =>
	locale === 'en'
		? { day: 'numeric', month: 'short', year: 'numeric' }
		: { day: '2-digit', month: '2-digit', year: 'numeric' };

export const day = (iso: string, locale: string) => formatDay(iso, locale, dateParts(locale));

/** "otrdiena, 1. decembris": a collection day as the calendar cards and e-mails name it. */
export const longDay = (iso: string, locale: string) =>
	formatDay(iso, locale, { weekday: 'long', day: 'numeric', month: 'long' });

/** A moment on Riga's clock: 01.12.2026 15:42, or 1 Dec 2026, 15:42 in English. */
export const dateTime = (iso: string, locale: string) =>
	formatInstant(new Date(iso), locale, {
		...dateParts(locale),
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23'
	});

/**
 * How long until something can be tried again, in the language's plural: "pēc 1 sekundes",
 * "pēc 30 sekundēm"; from two minutes on in whole minutes, rounded up.
 */
export function waitFor(seconds: number, locale: Locale): string {
	if (seconds < 120) return m.wait_seconds({ count: Math.max(1, Math.ceil(seconds)) }, { locale });
	return m.wait_minutes({ count: Math.ceil(seconds / 60) }, { locale });
}

/**
 * A line's quantity: a whole number of emptyings ("reizes", as the billing system writes
 * them) in the language's plural, "1 reize", "8 reizes"; any other unit as sent.
 */
export function quantity(milli: number, unit: string, locale: Locale): string {
	const count = milli / 1000;
	if (unit === 'reizes' && Number.isInteger(count)) return m.unit_times({ count }, { locale });
	const amount = new Intl.NumberFormat(locale, { maximumFractionDigits: 3 }).format(count);
	return `${amount} ${unit}`;
}

/**
 * "14. aprīlī", "14 April", "14 апреля": the day something happens on, as "until 12:00 on …"
 * needs it. Latvian puts the month in the locative (aprīlis → aprīlī, marts → martā), which
 * Intl does not give.
 */
export function onDay(iso: string, locale: string): string {
	const text = formatDay(iso, locale, { day: 'numeric', month: 'long' });
	return locale === 'lv' ? text.replace(/is$/, 'ī').replace(/s$/, 'ā') : text;
}

/** A file's size in binary units, as the limits are set: "512 KiB", "1 GiB", "1,5 MiB". */
export function byteSize(bytes: number, locale: string): string {
	const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
}
