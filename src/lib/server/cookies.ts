/**
 * The attributes of every cookie the portal sets. Secure exactly when the portal is served
 * over https: SvelteKit's own default, Secure everywhere but on http://localhost, makes the
 * browser drop the session cookie when `npm start` is opened at 127.0.0.1 or a LAN address,
 * so the sign-in would seem to do nothing. In production ORIGIN is https, and so is the flag.
 */
export function cookieAttributes(url: URL, httpOnly = true) {
	return { path: '/', httpOnly, sameSite: 'lax', secure: url.protocol === 'https:' } as const;
}
