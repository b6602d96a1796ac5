/**
 * The company's service catalogue, as the nightly export gives it (docs/import-format.md):
 * per fraction and container size, for every customer, an area or some contracts, what may be
 * ordered and what it costs. The orders of issue 17 are priced and allowed from it.
 */
import type { Fraction } from '../calendar';
import { readFrequency } from '../frequency';
import { totalsOf, type Totals } from './document';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `move_only` where the municipality sets a minimum frequency: a date can be moved, not dropped. */
export const SKIP_RULES = ['allowed', 'move_only'] as const;
export type SkipRule = (typeof SKIP_RULES)[number];

export interface ServiceOffer {
	id: string;
	fraction: Fraction;
	volumeLitres: number;
	/** Words a container address contains ("Valmiera"); null for every area. */
	area: string | null;
	/** The contracts it is for; none for everyone (within the area). */
	contracts: string[];
	/** The frequencies allowed, in the billing system's words; the least frequent is the minimum. */
	frequencies: string[];
	emptyingCents: number;
	/** A fixed monthly fee per container, besides the emptyings. */
	monthlyCents: number;
	/** The container's rent per month. */
	rentCents: number;
	vatRate: number;
	skip: SkipRule;
	/** An order closes this many working days before the day … */
	cutoffWorkingDays: number;
	/** … at this time on Riga's clock (`HH:MM`). */
	cutoffTime: string;
	/** The weekdays an extra emptying may be ordered for; none: no extra emptyings. */
	extraDays: Weekday[];
}

/** The default cut-off: 12:00 Riga time on the working day before. */
export const DEFAULT_CUTOFF = { workingDays: 1, time: '12:00' } as const;

/** Emptyings a month on average, for a frequency in the billing system's words. */
export function emptyingsPerMonth(words: string): number | null {
	const frequency = readFrequency(words);
	if (!frequency) return null;
	const { times, every, unit } = frequency;
	return unit === 'week' ? (times * 52) / (12 * every) : times / every;
}

/** The least frequent of an offer's frequencies: ordering fewer emptyings is refused. */
export function minimumFrequency(offer: ServiceOffer): string | null {
	let minimum: { words: string; perMonth: number } | null = null;
	for (const words of offer.frequencies) {
		const perMonth = emptyingsPerMonth(words);
		if (perMonth !== null && (minimum === null || perMonth < minimum.perMonth))
			minimum = { words, perMonth };
	}
	return minimum?.words ?? null;
}

/** Whether the offer allows `words`: the same frequency, however the words are spaced. */
export function allowsFrequency(offer: ServiceOffer, words: string): boolean {
	const wanted = emptyingsPerMonth(words);
	return (
		wanted !== null && offer.frequencies.some((allowed) => emptyingsPerMonth(allowed) === wanted)
	);
}

/** An order's price: net in cents at the offer's VAT rate, with the VAT as an invoice has it. */
export type Price = Totals & { vatRate: number };

const priced = (netCents: number, vatRate: number): Price => ({
	...totalsOf([{ netCents, vatRate }]),
	vatRate
});

/** One extra emptying of `count` containers. */
export function extraEmptyingPrice(offer: ServiceOffer, count: number): Price {
	return priced(offer.emptyingCents * count, offer.vatRate);
}

/**
 * What `count` containers cost a month at a frequency: the fee and the rent, and the emptyings
 * at their average number a month, rounded to the cent once (the invoice counts the real ones).
 */
export function monthlyPrice(offer: ServiceOffer, frequency: string, count: number): Price | null {
	const perMonth = emptyingsPerMonth(frequency);
	if (perMonth === null) return null;
	const net = Math.round(
		(offer.monthlyCents + offer.rentCents + offer.emptyingCents * perMonth) * count
	);
	return priced(net, offer.vatRate);
}

/** Nothing a month: a container added from nothing, or one taken away. */
export const NO_PRICE = (vatRate: number): Price => priced(0, vatRate);

/**
 * The offers for a fraction at an address of a contract: the contract's own when it has any
 * for that fraction, else its area's (the longest area its address contains), else everyone's.
 */
export function offersFor(
	offers: readonly ServiceOffer[],
	where: { contractNumber: string; address: string; fraction: Fraction }
): ServiceOffer[] {
	const ofFraction = offers.filter((offer) => offer.fraction === where.fraction);
	const own = ofFraction.filter((offer) => offer.contracts.includes(where.contractNumber));
	if (own.length > 0) return own;
	const address = where.address.toLocaleLowerCase('lv');
	const inArea = ofFraction.filter(
		(offer) =>
			offer.contracts.length === 0 &&
			offer.area !== null &&
			address.includes(offer.area.toLocaleLowerCase('lv'))
	);
	if (inArea.length > 0) {
		const longest = Math.max(...inArea.map((offer) => offer.area!.length));
		return inArea.filter((offer) => offer.area!.length === longest);
	}
	return ofFraction.filter((offer) => offer.contracts.length === 0 && offer.area === null);
}

/** The offer a container is served under: its fraction and size where it stands. */
export function offerFor(
	offers: readonly ServiceOffer[],
	contractNumber: string,
	container: { address: string; fraction: Fraction; volumeLitres: number }
): ServiceOffer | null {
	return (
		offersFor(offers, { contractNumber, ...container }).find(
			(offer) => offer.volumeLitres === container.volumeLitres
		) ?? null
	);
}
