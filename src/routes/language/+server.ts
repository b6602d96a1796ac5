import { redirect } from '@sveltejs/kit';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import { cookieAttributes } from '$lib/server/cookies';
import { sameSitePath } from '$lib/server/redirect-path';
import type { RequestHandler } from './$types';

/** The language switch: a plain form post, so it works without JavaScript. */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData().catch(() => null);
	const language = form?.get('lang');
	const back = form?.get('redirectTo');
	if (typeof language === 'string' && isLocale(language)) {
		// Not HttpOnly: Paraglide's client runtime reads the language from this cookie too.
		cookies.set(cookieName, language, { ...cookieAttributes(url, false), maxAge: cookieMaxAge });
	}
	redirect(303, sameSitePath(back) ?? '/');
};
