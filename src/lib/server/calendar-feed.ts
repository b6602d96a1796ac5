/**
 * The calendar subscription: a secret address per contract that calendar apps poll daily.
 * It serves the collection days only — the same events, with the same UIDs, as the download.
 */
import { createHash } from 'node:crypto';
import { CALENDAR_HEADER, calendarEvents, type Fraction } from '../calendar';
import { addDays } from '../dates';
import { finishIcs } from '../ics';
import type { Locale } from '../paraglide/runtime';
import { BoundedCache } from '../bounded-cache';
import { generateSecretToken, isSecretToken } from './auth/session';
import { listCollections } from './calendar';
import type { Db } from './db';
import { writeIcs } from './ics-writer';

export async function getFeedToken(db: Db, customerId: number): Promise<string | null> {
	const row = await db
		.selectFrom('calendar_feed')
		.select('token')
		.where('customer_id', '=', customerId)
		.executeTakeFirst();
	return row?.token ?? null;
}

/** A new secret address; the old one stops working at once. */
export async function rotateFeedToken(db: Db, customerId: number, now = new Date()) {
	const token = generateSecretToken();
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('calendar_feed').where('customer_id', '=', customerId).execute();
		await trx
			.insertInto('calendar_feed')
			.values({ customer_id: customerId, token, created_at: now.toISOString() })
			.execute();
	});
	return token;
}

export async function findFeedCustomer(db: Db, token: string) {
	if (!isSecretToken(token)) return null;
	return (
		(await db
			.selectFrom('calendar_feed')
			.innerJoin('customer', 'customer.id', 'calendar_feed.customer_id')
			.select(['customer.id', 'customer.contract_number', 'customer.imported_at'])
			.where('calendar_feed.token', '=', token)
			.executeTakeFirst()) ?? null
	);
}

export interface Feed {
	body: string;
	/** A strong validator of the body, for If-None-Match. */
	etag: string;
}

/**
 * Built feeds, newest last. Building one costs about half a millisecond per event (the ics
 * package checks each; ics-writer.ts does it off the request thread), and apps poll the same
 * address again and again, from several devices. A feed depends only on the customer's
 * imported data (its imported_at changes with them), the day and the names, so those make
 * the key and nothing stale is served.
 */
const feedsKept = new BoundedCache<string, Feed>(200);

/** The last month and the next twelve, all fractions or one; refreshed daily by the apps. */
export async function buildFeed(
	db: Db,
	customer: { id: number; contract_number: string; imported_at: string },
	options: {
		today: string;
		fraction: Fraction | null;
		calendarName: string;
		fractionName: (f: Fraction) => string;
		locale: Locale;
	}
): Promise<Feed> {
	const key = JSON.stringify([
		customer.id,
		customer.imported_at,
		options.today,
		options.fraction,
		options.calendarName,
		options.locale
	]);
	const kept = feedsKept.get(key);
	if (kept) return kept;
	const entries = (
		await listCollections(db, customer.id, addDays(options.today, -31), addDays(options.today, 366))
	).filter((entry) => !options.fraction || entry.fraction === options.fraction);
	const text = await writeIcs(
		calendarEvents(customer.contract_number, entries, options.fractionName, options.locale),
		CALENDAR_HEADER
	);
	const body = finishIcs(text, { calendarName: options.calendarName, refresh: 'P1D' });
	const feed = { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
	feedsKept.set(key, feed);
	return feed;
}
