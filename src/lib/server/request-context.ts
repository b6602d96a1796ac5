/**
 * The request's context, built once however many loads, actions and endpoints of the request
 * ask for it: one clock reading for all of them (a page's "today" and its layout's agree even
 * across midnight), the language, the client and who is signed in. The signed-in check stays
 * each handler's own (requireUser): a context says who, it guards nothing.
 */
import { getRequestEvent } from '$app/server';
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

const contexts = new WeakMap<App.Locals, RequestContext>();

export function requestContext(): RequestContext {
	const event = getRequestEvent();
	let ctx = contexts.get(event.locals);
	if (!ctx) {
		const now = new Date();
		ctx = {
			db: getDb(),
			now,
			today: dayInRiga(now),
			origin: event.url.origin,
			locale: event.locals.locale,
			clientAddress: event.getClientAddress(),
			user: event.locals.user
		};
		contexts.set(event.locals, ctx);
	}
	return ctx;
}
