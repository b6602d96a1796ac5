/**
 * The staff console's requests queue: what it lists (every kind of customer request) and how
 * it is filtered, read from the page's address. Shared by the page, its CSV and the server.
 */
import {
	REQUEST_KINDS,
	REQUEST_STATES,
	type RequestKind,
	type RequestState
} from './service-request';

/** A service request's kinds, and the two requests about the customer's own data. */
export const QUEUE_TYPES = [...REQUEST_KINDS, 'contact', 'e_invoice'] as const;
export type QueueType = (typeof QUEUE_TYPES)[number];

/** `open`: what still needs somebody; or one state; or everything. */
export const QUEUE_STATES = ['open', ...REQUEST_STATES, 'all'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** Waiting at least this many days; 0 is any age. */
export const QUEUE_AGES = [0, 1, 3, 7, 14] as const;
export type QueueAge = (typeof QUEUE_AGES)[number];

export interface QueueFilter {
	type: QueueType | 'all';
	state: QueueState;
	age: QueueAge;
}

export const DEFAULT_FILTER: QueueFilter = { type: 'all', state: 'open', age: 0 };

const oneOf = <T extends string | number>(list: readonly T[], value: string): T | undefined =>
	list.find((item) => String(item) === value);

/** The filter of a queue address; null when a value is not one the form offers. */
export function readQueueFilter(params: URLSearchParams): QueueFilter | null {
	const type = params.get('type') ?? 'all';
	const state = params.get('state') ?? DEFAULT_FILTER.state;
	const age = params.get('age') ?? '0';
	const filter = {
		type: type === 'all' ? ('all' as const) : oneOf(QUEUE_TYPES, type),
		state: oneOf(QUEUE_STATES, state),
		age: oneOf(QUEUE_AGES, age)
	};
	return filter.type && filter.state && filter.age !== undefined
		? { type: filter.type, state: filter.state, age: filter.age }
		: null;
}

/**
 * A contact change or e-invoice request: open until the billing data shows it done; an
 * e-invoice request has the agreement's two marks on the way.
 */
export type CustomerRequestState = 'open' | 'received' | 'active' | 'done' | 'superseded';

/** One line of the queue: a service request, or a request about the customer's own data. */
export type QueueItem = QueueLine &
	(
		| { service: true; type: RequestKind; state: RequestState }
		| { service: false; type: 'contact' | 'e_invoice'; state: CustomerRequestState }
	);

interface QueueLine {
	/** A service request's reference (KL-…), or C-id for a customer request. */
	id: string;
	createdAt: string;
	updatedAt: string;
	contractNumber: string | null;
	customerName: string | null;
	/** The day a service request is about. */
	day: string | null;
	/** The address, or the contact details asked for. */
	about: string;
}

export const isServiceKind = (type: QueueType): type is RequestKind =>
	(REQUEST_KINDS as readonly string[]).includes(type);
