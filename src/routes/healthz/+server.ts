import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { checkDatabase } from '$lib/server/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const ok = await checkDatabase(getDb());
	return json(
		{ status: ok ? 'ok' : 'unavailable', database: ok ? 'ok' : 'unavailable' },
		{ status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } }
	);
};
