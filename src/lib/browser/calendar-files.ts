/**
 * The calendar's files, made in the browser from the entries at hand, so they work from the
 * calendar page and from the offline page alike: the ICS file and the year PDF.
 */
import { buildIcs, type CollectionEntry } from '$lib/calendar';
import { fractionName } from '$lib/fractions';
import { calendarName } from '$lib/domain/calendar-view';
import type { CustomerHeading } from '$lib/domain/customer';
import type { Locale } from '$lib/paraglide/runtime';

export interface CalendarFiles {
	locale: Locale;
	today: string;
	brandName: string;
	customer: CustomerHeading;
	entries: CollectionEntry[];
}

/**
 * The entries shown as an .ics file; `view` names the calendar tab they come from (none for
 * all of them), in the file's name and the calendar's.
 */
export async function downloadIcs(input: CalendarFiles, view?: { key: string; name: string }) {
	const contract = input.customer.contractNumber;
	const name = calendarName({ brand: input.brandName, contract, part: view?.name }, input.locale);
	const text = await buildIcs(contract, input.entries, fractionName, name, input.locale);
	const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
	const anchor = Object.assign(document.createElement('a'), {
		href: url,
		download: `kalendars-${contract}-${view?.key ?? 'all'}.ics`
	});
	anchor.click();
	URL.revokeObjectURL(url);
}

export async function printYear(input: CalendarFiles, year: number) {
	const { makeCalendarPdf } = await import('./pdf/calendar-pdf');
	await makeCalendarPdf({ ...input, year });
}
