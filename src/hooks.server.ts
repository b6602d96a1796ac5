import { building } from '$app/environment';
import { error, json, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { m } from '$lib/paraglide/messages';
import { baseLocale, cookieName, isLocale } from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import {
	deleteSessionCookie,
	SESSION_COOKIE,
	validateSessionToken
} from '$lib/server/auth/session';
import {
	databaseLimits,
	databaseLocation,
	jobsEnabled,
	jobsPollMs,
	mailFrom,
	mailPollMs,
	mailPool,
	publicOrigin,
	serverTimingEnabled,
	smtpUrl
} from '$lib/server/config';
import { getDb, openDatabase, waitForDatabase } from '$lib/server/db';
import {
	deleteStaffCookie,
	isStaffPath,
	STAFF_COOKIE,
	validateStaffSession
} from '$lib/server/staff/session';
import { tallyQueries } from '$lib/server/db/query-tally';
import { limitBody } from '$lib/server/body-limit';
import { describeDatabaseError } from '$lib/server/health';
import { recordAudit } from '$lib/server/audit';
import { migrateToLatest } from '$lib/server/db/migrate';
import { startScheduler } from '$lib/server/jobs';
import { smtpTransport, startMailer } from '$lib/server/mail/smtp';

/** Before the first request: the database at the latest migration, the mailer when SMTP is set, the scheduled jobs. */
export const init: ServerInit = async () => {
	// Prerendering the offline page at build time needs no database.
	if (building) return;
	await waitForDatabase(getDb());
	// With the batch limits: another process may hold the migration lock for a while.
	const migrator = openDatabase(databaseLocation(), 1, databaseLimits('batch'));
	try {
		await migrateToLatest(migrator);
	} finally {
		await migrator.destroy();
	}
	const url = smtpUrl();
	const stopMailer = url
		? startMailer(getDb(), smtpTransport(url, mailFrom(), mailPool()), mailPollMs())
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
		const message = m.error_cross_site({ origin: event.url.origin });
		// A form sent by use:enhance reads an action result; anything else would show nothing.
		// As an error result, the page's error view says why.
		if (event.request.headers.get('x-sveltekit-action') === 'true')
			return json({ type: 'error', status: 403, error: { message } }, { status: 403 });
		error(403, message);
	}
	return resolve(event);
};

/**
 * Who is signed in, from the session cookie; signed-in responses are never stored by a cache.
 * The staff console reads only the staff cookie (sent only there) and the customer pages only
 * the customer's: neither session opens the other's pages.
 */
const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.staff = null;
	if (isStaffPath(event.url.pathname)) {
		const token = event.cookies.get(STAFF_COOKIE);
		event.locals.staff = token ? await validateStaffSession(getDb(), token, new Date()) : null;
		if (token && !event.locals.staff) deleteStaffCookie(event);
		const response = await resolve(event);
		response.headers.set('Cache-Control', 'private, no-store');
		return response;
	}
	const token = event.cookies.get(SESSION_COOKIE);
	event.locals.user = token ? await validateSessionToken(getDb(), token) : null;
	if (token && !event.locals.user) deleteSessionCookie(event);
	const response = await resolve(event);
	if (event.locals.user) response.headers.set('Cache-Control', 'private, no-store');
	return response;
};

/** Every page a staff member sees as the customer (a view-only staff view) is in the audit log. */
const staffViewAudit: Handle = async ({ event, resolve }) => {
	const user = event.locals.user;
	if (user?.staffView && event.request.method === 'GET' && !event.url.pathname.startsWith('/api/'))
		await recordAudit(
			{ db: getDb(), now: new Date(), clientAddress: event.getClientAddress() },
			{
				event: 'staff_view',
				outcome: 'success',
				staffId: user.staffView.staffId,
				customerId: user.customer.id,
				detail: { path: event.url.pathname }
			}
		);
	return resolve(event);
};

/**
 * A failure anywhere, the root layout included: the operator gets the stack in the log, the
 * customer a page (or the API's JSON) that says the portal is unavailable and their data is
 * safe, in their language, never the error's own text.
 */
export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status === 404) return { message: m.error_not_found() };
	const reason = describeDatabaseError(error);
	// A database that cannot answer now (no connection in time, a lock, a restart) is a 503.
	if (reason !== 'failing') event.locals.unavailable = true;
	console.error(`${event.request.method} ${event.url.pathname}: ${reason}`, error);
	const cookie = event.cookies.get(cookieName);
	const locale = event.locals.locale ?? (cookie && isLocale(cookie) ? cookie : baseLocale);
	return {
		message: `${m.error_unavailable_title({}, { locale })}. ${m.error_unavailable({}, { locale })}`
	};
};

/** A request the database could not serve in time answers 503 with Retry-After, for clients and proxies to try again. */
const unavailable: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.locals.unavailable || response.status !== 500) return response;
	const headers = new Headers(response.headers);
	headers.set('Retry-After', '30');
	return new Response(response.body, { status: 503, headers });
};

/** With SERVER_TIMING=on, how many queries the response took and how long they ran. */
const serverTiming: Handle = async ({ event, resolve }) => {
	const { result, queries, ms } = await tallyQueries(() => resolve(event));
	result.headers.append('Server-Timing', `db;dur=${ms.toFixed(2)};desc="${queries} queries"`);
	return result;
};

export const handle = serverTimingEnabled()
	? sequence(serverTiming, unavailable, language, limitBody, sameOrigin, session, staffViewAudit)
	: sequence(unavailable, language, limitBody, sameOrigin, session, staffViewAudit);
