/**
 * How the offline copies (/api/v1/calendar and /api/v1/documents, declared in
 * domain/offline.ts) are answered: for the signed-in customer, versioned, and with an ETag,
 * so the service worker, which asks on every full page load, is mostly answered 304 and the
 * copy is built only when the data under it changed.
 */
import { json } from '@sveltejs/kit';
import { version } from '$app/environment';
import {
	OFFLINE_DATA_VERSION,
	type OfflineCalendar,
	type OfflineDocuments
} from '../../domain/offline';
import { noneMatch } from '../entity-tag';
import type { Published } from '../published';

/** A copy's body; the response adds its version. */
export type CopyBody<T> = Omit<T, 'version'>;

/**
 * The ETag both copies of a customer have now. Everything in a copy comes from the billing
 * data, which only an import changes, and from the day (the years shown, what is overdue);
 * the customer's id keeps one contract's copy from answering for another, the build's
 * version a copy made by older code. A copy from before the first import has no ETag.
 * The portal's pages send it too, so the service worker can confirm what it keeps without
 * asking (routes/(portal)/+layout.server.ts).
 */
export function offlineCopyTag(
	customerId: number,
	published: Published,
	today: string
): string | null {
	if (published.runId === null) return null;
	return `"${OFFLINE_DATA_VERSION}-${version}-${customerId}-${published.runId}-${today}"`;
}

/**
 * The copy for the signed-in customer (the handler's requireUser), built only when the
 * request's If-None-Match is not its ETag. A 401 elsewhere tells the service worker to drop
 * what it keeps.
 */
export async function offlineResponse(
	request: Request,
	copy: { customerId: number; published: Published; today: string },
	build: () => Promise<CopyBody<OfflineCalendar> | CopyBody<OfflineDocuments>>
): Promise<Response> {
	const tag = offlineCopyTag(copy.customerId, copy.published, copy.today);
	const headers: Record<string, string> = {
		'Cache-Control': 'private, no-store',
		// The service worker keeps each customer's data in a cache named for them.
		'X-Klientiem-Customer': String(copy.customerId),
		...(tag ? { ETag: tag } : {})
	};
	if (tag && noneMatch(request.headers.get('if-none-match'), tag))
		return new Response(null, { status: 304, headers });
	return json(
		{ version: OFFLINE_DATA_VERSION, ...(await build()) } satisfies
			OfflineCalendar | OfflineDocuments,
		{ headers }
	);
}
