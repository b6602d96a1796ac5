/** How a collection calendar is named, in the ICS download and the subscription feed alike. */
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';

/**
 * "Vidzemes Vide: izvešanas kalendārs, līgums dem-1-oju", and ": Stikls" after it for one
 * fraction's or one tab's calendar.
 */
export function calendarName(
	calendar: { brand: string; contract: string; part?: string },
	locale: Locale
): string {
	const base = m.calendar_name({ brand: calendar.brand, contract: calendar.contract }, { locale });
	return calendar.part ? `${base}: ${calendar.part}` : base;
}
