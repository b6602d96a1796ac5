/**
 * A customer's request for a service, and its life: the portal takes it (submitted), the
 * company answers through the import (received, scheduled with a date, and resolved:
 * collected — done, for an order — or rejected with a reason). A missed collection and the
 * orders of issue 17 (skip or move an emptying, an extra one, a container change) are kinds
 * of one request.
 */
import type { Fraction } from '../calendar';

export const REQUEST_KINDS = [
	'missed_collection',
	'skip',
	'move',
	'extra',
	'container_change'
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export type OrderKind = Exclude<RequestKind, 'missed_collection'>;

/** What a container change asks for. */
export const CONTAINER_CHANGES = ['resize', 'add', 'remove', 'damaged', 'lost'] as const;
export type ContainerChange = (typeof CONTAINER_CHANGES)[number];

/** In the order a request goes through them; a request never goes back. */
export const REQUEST_STATES = [
	'submitted',
	'received',
	'scheduled',
	'collected',
	'rejected'
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

/** The states the company sets through the import. */
export const ANSWER_STATES = ['received', 'scheduled', 'collected', 'rejected'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

/** Where the customer says the container stood on the day. */
export const PUT_OUT_PLACES = ['usual', 'kerb', 'other'] as const;
export type PutOutPlace = (typeof PUT_OUT_PLACES)[number];

export const isResolved = (state: RequestState): boolean =>
	state === 'collected' || state === 'rejected';

/**
 * Whether `next` moves a request in `current` on. The two resolutions share a rank: once
 * resolved, a request stays as it is, so an export that repeats its history changes nothing.
 */
export function movesOn(current: RequestState, next: RequestState): boolean {
	const rank = (state: RequestState) => Math.min(REQUEST_STATES.indexOf(state), 3);
	return rank(next) > rank(current);
}

export interface RequestEvent {
	state: RequestState;
	/** The instant the portal recorded it. */
	at: string;
	/** The company's words: a rejection's reason, a note to the customer. */
	note: string | null;
	/** The day the crew comes back, for `scheduled`. */
	returnDate: string | null;
}

/** What an order asked for, and the prices it was shown (net cents at its VAT rate). */
export interface OrderDetails {
	/** A move's new day. */
	newDate: string | null;
	change: ContainerChange | null;
	count: number | null;
	frequency: string | null;
	newVolumeLitres: number | null;
	newFrequency: string | null;
	vatRate: number | null;
	/** A container change: the month's price before it. */
	priceBeforeCents: number | null;
	/** An extra emptying's price; a container change's month after it. */
	priceCents: number | null;
}

export interface ServiceRequest {
	reference: string;
	kind: RequestKind;
	state: RequestState;
	createdAt: string;
	/** A container to be added has no code yet. */
	container: { code: string | null; fraction: Fraction; volumeLitres: number; address: string };
	/** The day it is about: the collection, the emptying ordered, the first day of a change. */
	collectionDate: string;
	/** A missed collection's. */
	place: PutOutPlace | null;
	placeNote: string | null;
	order: OrderDetails | null;
	contact: { name: string; phone: string | null; email: string | null };
	returnDate: string | null;
	/** Oldest first. */
	history: RequestEvent[];
}

/** Whether a collection may be reported missed, and why not (server/missed-collection.ts). */
export type Eligibility =
	| { ok: true }
	| { ok: false; why: 'reported'; reference: string }
	| { ok: false; why: 'not_put_out'; reason: string | null }
	| { ok: false; why: 'future' }
	| { ok: false; why: 'too_early'; after: string }
	| { ok: false; why: 'too_late'; deadline: string }
	/** The collection is no longer in the calendar (an import changed it meanwhile). */
	| { ok: false; why: 'gone' };

/** A `requestStatus` record of the import: the company's answer to a request. */
export interface RequestStatus {
	reference: string;
	state: AnswerState;
	/** The return date of `scheduled`; for the others, the day it happened, if given. */
	date: string | null;
	note: string | null;
}

/** A reference as a customer or the company may type it: `kl-7q2m4xh` is `KL-7Q2M4XH`. */
export function normalReference(input: string): string | null {
	const text = input.trim().toUpperCase();
	return /^KL-[0-9A-HJKMNP-TV-Z]{7}$/.test(text) ? text : null;
}
