/**
 * How a collection calendar is named, in the ICS download and the subscription feed alike,
 * and how a collection's outcome and move are worded wherever a date is shown.
 */
import { formatDay } from '../dates';
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';
import type { CollectionMove, CollectionOutcome, CollectionResult } from './collection';

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

const OUTCOME_WORDS = {
	emptied: m.collection_outcome_emptied,
	not_put_out: m.collection_outcome_not_put_out,
	not_accessible: m.collection_outcome_not_accessible,
	wrong_sorting: m.collection_outcome_wrong_sorting,
	late: m.collection_outcome_late
} satisfies Record<CollectionOutcome, unknown>;

/**
 * What the crew reported, in the customer's language, with the crew's reason after it:
 * "izvests 10:32", "nav izvests: konteiners nebija pieejams — vārti aizslēgti".
 */
export function collectionResultLabel(result: CollectionResult, locale: Locale): string {
	const words =
		result.outcome === 'emptied' && result.time
			? m.collection_outcome_emptied_at({ time: result.time }, { locale })
			: OUTCOME_WORDS[result.outcome]({}, { locale });
	return result.reason ? `${words} — ${result.reason}` : words;
}

/** "pārcelts no 24.12. — Ziemassvētki"; in English "moved from 24 December — Christmas". */
export function collectionMoveLabel(moved: CollectionMove, locale: Locale): string {
	const from = formatDay(
		moved.from,
		locale,
		locale === 'en' ? { day: 'numeric', month: 'long' } : { day: '2-digit', month: '2-digit' }
	);
	const words = m.collection_moved({ date: from }, { locale });
	return moved.reason ? `${words} — ${moved.reason}` : words;
}

/** What a date says besides its fraction, in the order read: its move, then its outcome. */
export function collectionNotes(
	entry: { result?: CollectionResult | null; moved?: CollectionMove | null },
	locale: Locale
): string[] {
	const notes: string[] = [];
	if (entry.moved) notes.push(collectionMoveLabel(entry.moved, locale));
	if (entry.result) notes.push(collectionResultLabel(entry.result, locale));
	return notes;
}
