/**
 * The request's context, built once however many loads, actions and endpoints of the request
 * ask for it: one clock reading for all of them (a page's "today" and its layout's agree even
 * across midnight), the language, the client and who is signed in. The signed-in check stays
 * each handler's own (requireUser): a context says who, it guards nothing.
 */
import { getRequestEvent } from '$app/server';
import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/paraglide/runtime';
import { dayInRiga } from '../dates';
import type { SessionUser } from './auth/session';
import type { WorkContext } from './context';
import { getDb } from './db';

export interface RequestContext extends WorkContext {
	/** The day in Riga at `now`. */
	today: string;
	locale: Locale;
	clientAddress: string;
	user: SessionUser | null;
}

/**
 * A value made at most once per request, on first use, whichever of the request's loads,
 * actions or endpoints asks first; the others get the same one.
 */
export function oncePerRequest<T>(make: (event: RequestEvent) => T): () => T {
	const made = new WeakMap<App.Locals, { value: T }>();
	return () => {
		const event = getRequestEvent();
		let kept = made.get(event.locals);
		if (!kept) made.set(event.locals, (kept = { value: make(event) }));
		return kept.value;
	};
}

export const requestContext = oncePerRequest((event): RequestContext => {
	const now = new Date();
	return {
		db: getDb(),
		now,
		today: dayInRiga(now),
		origin: event.url.origin,
		locale: event.locals.locale,
		clientAddress: event.getClientAddress(),
		user: event.locals.user
	};
});
