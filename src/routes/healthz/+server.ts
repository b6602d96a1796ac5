import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { healthMonitor } from '$lib/server/health';
import type { RequestHandler } from './$types';

let health: ReturnType<typeof healthMonitor> | undefined;

/** 200 while the database takes writes; 503 with the reason while it does not. */
export const GET: RequestHandler = async () => {
	health ??= healthMonitor(getDb());
	const result = await health();
	return json(
		result.ok
			? { status: 'ok', database: 'ok' }
			: { status: 'unavailable', database: result.reason },
		{ status: result.ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
	);
};
