/**
 * The calendar's files, made in the browser from the entries at hand, so they work from the
 * calendar page and from the offline page alike: the ICS file and the year PDF.
 */
import { buildIcs, type CollectionEntry, type Fraction } from './calendar';
import { fractionName } from './fractions';
import { m } from './paraglide/messages';
import type { PdfCustomer } from './pdf/document-pdf';

export interface CalendarFiles {
	locale: string;
	today: string;
	brandName: string;
	customer: PdfCustomer;
	entries: CollectionEntry[];
}

/** All the given fractions in one file, or one fraction's file. */
export async function downloadIcs(input: CalendarFiles, label: string, fraction?: Fraction) {
	const contract = input.customer.contractNumber;
	const base = m.calendar_name({ brand: input.brandName, contract });
	const name = fraction ? `${base}: ${fractionName(fraction)}` : base;
	const entries = fraction ? input.entries.filter((e) => e.fraction === fraction) : input.entries;
	const text = await buildIcs(contract, entries, fractionName, name);
	const url = URL.createObjectURL(new Blob([text], { type: 'text/calendar;charset=utf-8' }));
	const anchor = Object.assign(document.createElement('a'), {
		href: url,
		download: `kalendars-${contract}-${fraction ?? label}.ics`
	});
	anchor.click();
	URL.revokeObjectURL(url);
}

export async function printYear(input: CalendarFiles, year: number) {
	const { makeCalendarPdf } = await import('./pdf/calendar-pdf');
	await makeCalendarPdf({ ...input, year });
}
