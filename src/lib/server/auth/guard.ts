/**
 * The one guard of every signed-in load, action and endpoint. A layout is no guard:
 * SvelteKit skips an unchanged layout load on client-side navigation, so a page whose session
 * ended meanwhile (signed out in another tab, idle too long, password changed elsewhere)
 * runs its own load without anybody signed in.
 */
import { getRequestEvent } from '$app/server';
import { error, redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { SessionUser } from './session';

/** The query parameter that tells the sign-in page why it was sent there. */
export const SESSION_ENDED = 'session-ended';

/** The signed-in customer; else the API answers 401 and a page goes to the sign-in page, which says why. */
export function requireUser(): SessionUser {
	const { locals, url } = getRequestEvent();
	if (locals.user) return locals.user;
	if (url.pathname.startsWith('/api/')) error(401, m.session_ended());
	redirect(303, `/?${SESSION_ENDED}&next=${encodeURIComponent(url.pathname)}`);
}
