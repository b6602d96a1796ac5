/**
 * What the export says about one collection date besides that it is one: what the crew
 * reported (from the crews' systems, through the billing export) and whether the date was
 * moved from another (holidays, disruptions).
 */

/**
 * `late` is the day's round running behind, reported while the day is still on; the other
 * three besides `emptied` say the container was not emptied, and why.
 */
export const COLLECTION_OUTCOMES = [
	'emptied',
	'not_put_out',
	'not_accessible',
	'wrong_sorting',
	'late'
] as const;
export type CollectionOutcome = (typeof COLLECTION_OUTCOMES)[number];

/** The outcomes that say the container was left as it was. */
export const NOT_EMPTIED: readonly CollectionOutcome[] = [
	'not_put_out',
	'not_accessible',
	'wrong_sorting'
];

export interface CollectionResult {
	outcome: CollectionOutcome;
	/** HH:MM on Riga's clock, when the crew's system recorded one. */
	time: string | null;
	/** The crew's words, shown as they are. */
	reason: string | null;
}

export interface CollectionMove {
	/** The day the collection was planned for before it was moved. */
	from: string;
	reason: string | null;
}

/** One date's details, for the dates that have any. */
export interface CollectionDetail {
	date: string;
	result: CollectionResult | null;
	moved: CollectionMove | null;
}
