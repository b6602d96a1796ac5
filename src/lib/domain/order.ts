/**
 * The orders a customer makes on the portal (issue 17): skip or move one emptying, order an
 * extra one, change a container. Each is a service request of its kind; these are what the
 * pages ask, what the portal quotes back, and why it refuses.
 */
import type { Fraction } from '../calendar';
import type { Price } from './catalogue';
import type { ContainerChange, ServiceRequest } from './service-request';

/** The last moment an order is taken: a day and a time on Riga's clock. */
export interface Cutoff {
	day: string;
	time: string;
}

export type OrderAnswers =
	| { kind: 'skip'; containerCode: string; date: string }
	| { kind: 'move'; containerCode: string; date: string; newDate: string }
	| { kind: 'extra'; containerCode: string; date: string }
	| {
			kind: 'container_change';
			change: 'resize';
			containerCode: string;
			volumeLitres: number;
			frequency: string;
	  }
	| { kind: 'container_change'; change: 'remove' | 'damaged' | 'lost'; containerCode: string }
	| {
			kind: 'container_change';
			change: 'add';
			address: string;
			fraction: Fraction;
			volumeLitres: number;
			frequency: string;
	  };

/** An order as the portal would take it: what it is about, when, and what it costs. */
export interface OrderQuote {
	kind: OrderAnswers['kind'];
	container: {
		code: string | null;
		fraction: Fraction;
		volumeLitres: number;
		address: string;
		count: number;
		frequency: string | null;
	};
	/** The emptying concerned, the extra one's day, or the first day of a change. */
	date: string;
	newDate: string | null;
	change: ContainerChange | null;
	newVolumeLitres: number | null;
	newFrequency: string | null;
	/** A container change's month before it. */
	before: Price | null;
	/** An extra emptying's price, or a container change's month after it. */
	price: Price | null;
	/** Until when it can be ordered. */
	cutoff: Cutoff;
}

export type OrderRefusal =
	/** The catalogue has nothing for this container where it stands. */
	| { why: 'no_offer' }
	/** The container or its day is no longer in the data (an import changed it meanwhile). */
	| { why: 'gone' }
	| { why: 'past_cutoff'; cutoff: Cutoff }
	| { why: 'ordered'; reference: string }
	/** The municipality's minimum frequency: the emptying can be moved, not cancelled. */
	| { why: 'move_only' }
	/** A day that is not among those offered. */
	| { why: 'no_such_day' }
	| { why: 'below_minimum'; minimum: string }
	/** A size or frequency the catalogue does not offer here. */
	| { why: 'not_offered' }
	/** The only mixed-waste container of an address: every property must have one. */
	| { why: 'last_mixed' };

/** A quoted order as a request not yet sent, so its facts are worded as a request's are. */
export function quoteAsRequest(
	quote: OrderQuote
): Pick<ServiceRequest, 'kind' | 'container' | 'collectionDate' | 'place' | 'placeNote' | 'order'> {
	return {
		kind: quote.kind,
		container: {
			code: quote.container.code,
			fraction: quote.container.fraction,
			volumeLitres: quote.container.volumeLitres,
			address: quote.container.address
		},
		collectionDate: quote.date,
		place: null,
		placeNote: null,
		order: {
			newDate: quote.newDate,
			change: quote.change,
			count: quote.container.count,
			frequency: quote.container.frequency,
			newVolumeLitres: quote.newVolumeLitres,
			newFrequency: quote.newFrequency,
			vatRate: quote.price?.vatRate ?? quote.before?.vatRate ?? null,
			priceBeforeCents: quote.before?.netCents ?? null,
			priceCents: quote.price?.netCents ?? null
		}
	};
}

/** An order open for an emptying (a skip or move) or a day (an extra one). */
export interface OpenOrder {
	reference: string;
	kind: 'skip' | 'move' | 'extra';
	newDate: string | null;
}

/** What the calendar shows at an emptying: its open order, or until when one can be made. */
export type EntryOrderState =
	({ state: 'ordered' } & OpenOrder) | { state: 'open' | 'closed'; cutoff: Cutoff };
