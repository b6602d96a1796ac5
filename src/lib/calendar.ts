/**
 * The collection calendar as both sides use it: the page shows it, and the ICS file is
 * made in the browser from the same entries, so it also works offline.
 */
import type { EventAttributes, HeaderAttributes } from 'ics';
import { addDays } from './dates';
import type { CollectionMove, CollectionResult } from './domain/collection';
import { collectionMoveLabel } from './domain/calendar-view';
import { finishIcs } from './ics';
import type { Locale } from './paraglide/runtime';

export type Fraction = 'mixed' | 'paper' | 'plastic_metal' | 'glass' | 'bio' | 'packaging_bags';
/** The seed's three calendars, plus all of them together. */
export type CalendarView = 'all' | 'mixed' | 'sorted' | 'bags';

export const FRACTIONS: readonly Fraction[] = [
	'mixed',
	'paper',
	'plastic_metal',
	'glass',
	'bio',
	'packaging_bags'
];
export function isFraction(value: string): value is Fraction {
	return (FRACTIONS as readonly string[]).includes(value);
}

export const CALENDAR_VIEWS: readonly CalendarView[] = ['all', 'mixed', 'sorted', 'bags'];

/** A symbol per fraction, so the calendar never relies on colour alone. */
export const FRACTION_SYMBOL: Record<Fraction, string> = {
	mixed: '●',
	paper: '■',
	plastic_metal: '▲',
	glass: '◆',
	bio: '✿',
	packaging_bags: '⬟'
};

export interface CollectionEntry {
	date: string;
	fraction: Fraction;
	containerCode: string;
	address: string;
	/**
	 * What the crew reported, and the day it was moved from. Optional: offline copies kept
	 * before they were sent have neither.
	 */
	result?: CollectionResult | null;
	moved?: CollectionMove | null;
}

export function inView(view: CalendarView, fraction: Fraction): boolean {
	if (view === 'all') return true;
	if (view === 'mixed') return fraction === 'mixed';
	if (view === 'bags') return fraction === 'packaging_bags';
	return fraction !== 'mixed' && fraction !== 'packaging_bags';
}

/**
 * The next collection of each fraction at each address from today on, soonest first: with one
 * address, one per fraction; with several, each address's own, since a customer asks "when is
 * it collected here?".
 */
export function nextCollections(entries: CollectionEntry[], today: string): CollectionEntry[] {
	const next = new Map<string, CollectionEntry>();
	for (const entry of entries) {
		if (entry.date < today) continue;
		const key = `${entry.fraction}\n${entry.address}`;
		const known = next.get(key);
		if (!known || entry.date < known.date) next.set(key, entry);
	}
	return [...next.values()].sort(
		(a, b) =>
			a.date.localeCompare(b.date) ||
			FRACTIONS.indexOf(a.fraction) - FRACTIONS.indexOf(b.fraction) ||
			a.address.localeCompare(b.address)
	);
}

/**
 * Each container's latest collection before today, latest first, for "what happened at the
 * bin"; today's once the crew has reported it (until then it is the next collection).
 */
export function lastCollections(entries: CollectionEntry[], today: string): CollectionEntry[] {
	const last = new Map<string, CollectionEntry>();
	for (const entry of entries) {
		if (entry.date > today || (entry.date === today && !entry.result)) continue;
		const known = last.get(entry.containerCode);
		if (!known || entry.date > known.date) last.set(entry.containerCode, entry);
	}
	return [...last.values()].sort(
		(a, b) =>
			b.date.localeCompare(a.date) ||
			FRACTIONS.indexOf(a.fraction) - FRACTIONS.indexOf(b.fraction) ||
			a.address.localeCompare(b.address)
	);
}

/** Whether the entries are at more than one address, so each must name its own. */
export function atSeveralAddresses(entries: CollectionEntry[]): boolean {
	return new Set(entries.map((entry) => entry.address)).size > 1;
}

/**
 * A stable UID: the same container and day give the same event in every download and feed.
 * A moved collection keeps the UID of the day it was planned for, so a calendar app moves
 * the event it has instead of adding another.
 */
export function collectionUid(contractNumber: string, entry: CollectionEntry): string {
	const planned = entry.moved?.from ?? entry.date;
	return `${contractNumber}-${entry.containerCode}-${planned}@klientiem`.replace(/[^\w@.-]/g, '_');
}

/**
 * All-day events, one fraction each, with the address as their location. A moved one is the
 * event's second version (SEQUENCE 1, RFC 5545 §3.8.7.4) and says why in its description.
 */
export function calendarEvents(
	contractNumber: string,
	entries: CollectionEntry[],
	fractionName: (fraction: Fraction) => string,
	locale: Locale
): EventAttributes[] {
	return entries.map((entry) => {
		const [year, month, day] = dayParts(entry.date);
		const event: EventAttributes = {
			uid: collectionUid(contractNumber, entry),
			// An all-day event ends at the start of the next day (RFC 5545 §3.6.1).
			start: [year, month, day],
			end: dayParts(addDays(entry.date, 1)),
			title: fractionName(entry.fraction),
			location: entry.address
		};
		return entry.moved
			? { ...event, sequence: 1, description: collectionMoveLabel(entry.moved, locale) }
			: event;
	});
}

const dayParts = (day: string) => day.split('-').map(Number) as [number, number, number];

/** The calendar's own properties; its name is added by finishIcs. */
export const CALENDAR_HEADER: HeaderAttributes = { productId: 'klientiem/calendar' };

/** The ICS text, built with the `ics` package (loaded only when a calendar is downloaded). */
export async function buildIcs(
	contractNumber: string,
	entries: CollectionEntry[],
	fractionName: (fraction: Fraction) => string,
	calendarName: string,
	locale: Locale
): Promise<string> {
	const { createEvents } = await import('ics');
	const { error, value } = createEvents(
		calendarEvents(contractNumber, entries, fractionName, locale),
		CALENDAR_HEADER
	);
	if (error || !value) throw error ?? new Error('The calendar could not be built');
	return finishIcs(value, { calendarName });
}
