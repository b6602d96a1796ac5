/**
 * A customer's request for a service, and its life: the portal takes it (submitted), the
 * company answers through the import (received, scheduled with a return date, and resolved:
 * collected, or rejected with a reason). Missed collections are the first kind; the orders of
 * issue 17 take the same path.
 */
import type { Fraction } from '../calendar';

export const REQUEST_KINDS = ['missed_collection'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

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

export interface ServiceRequest {
	reference: string;
	kind: RequestKind;
	state: RequestState;
	createdAt: string;
	container: { code: string; fraction: Fraction; volumeLitres: number; address: string };
	collectionDate: string;
	place: PutOutPlace;
	placeNote: string | null;
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
