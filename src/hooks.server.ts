import { building } from '$app/environment';
import { error, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { m } from '$lib/paraglide/messages';
import { paraglideMiddleware } from '$lib/paraglide/server';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	validateSessionToken
} from '$lib/server/auth/session';
import {
	jobsEnabled,
	jobsPollMs,
	mailFrom,
	mailPollMs,
	publicOrigin,
	smtpUrl
} from '$lib/server/config';
import { getDb } from '$lib/server/db';
import { migrateToLatest } from '$lib/server/db/migrate';
import { startScheduler } from '$lib/server/jobs';
import { smtpTransport, startMailer } from '$lib/server/mail/smtp';

/** Before the first request: the database at the latest migration, the mailer when SMTP is set, the scheduled jobs. */
export const init: ServerInit = async () => {
	// Prerendering the offline page at build time needs no database.
	if (building) return;
	await migrateToLatest(getDb());
	const url = smtpUrl();
	const stopMailer = url
		? startMailer(getDb(), smtpTransport(url, mailFrom()), mailPollMs())
		: null;
	const stopScheduler = jobsEnabled()
		? startScheduler(getDb(), publicOrigin(), jobsPollMs())
		: null;
	// adapter-node's graceful stop (SIGTERM, SIGINT), once the last request is answered: the
	// database connections go too, else PostgreSQL's idle pool keeps the process alive.
	process.once('sveltekit:shutdown', () => {
		stopMailer?.();
		stopScheduler?.();
		void getDb().destroy();
	});
};

/** The language comes from the `lang` cookie (Latvian when there is none) and is set on <html lang>. */
const language: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		event.locals.locale = locale;
		return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
	});

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Mail programs post here from outside (RFC 8058); the address's secret is the key. */
const ONE_CLICK_UNSUBSCRIBE = /^\/unsubscribe\/[a-z2-7]{32}\/one-click$/;

/**
 * Every state-changing request from another site is refused, forms and JSON alike (SvelteKit's
 * own check, which covers forms only, is off in svelte.config.js so this one decides) — all
 * but the one-click unsubscribe.
 */
const sameOrigin: Handle = ({ event, resolve }) => {
	if (
		!SAFE_METHODS.has(event.request.method) &&
		event.request.headers.get('origin') !== event.url.origin &&
		!(event.request.method === 'POST' && ONE_CLICK_UNSUBSCRIBE.test(event.url.pathname))
	) {
		error(403, m.error_cross_site());
	}
	return resolve(event);
};

/** Who is signed in, from the session cookie; signed-in responses are never stored by a cache. */
const session: Handle = async ({ event, resolve }) => {
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = token ? await validateSessionToken(getDb(), token) : null;
	if (token && !event.locals.user) deleteSessionCookie(event.cookies);
	const response = await resolve(event);
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

export const handle = sequence(language, sameOrigin, session);
