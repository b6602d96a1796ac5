/**
 * The calendar subscription: a secret address per contract that calendar apps poll daily.
 * It serves the collection days only — the same events, with the same UIDs, as the download.
 */
import { buildIcs, type Fraction } from '../calendar';
import { addDays } from '../dates';
import { generateSecretToken, isSecretToken } from './auth/session';
import { listCollections } from './calendar';
import type { Db } from './db';

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
			.select(['customer.id', 'customer.contract_number'])
			.where('calendar_feed.token', '=', token)
			.executeTakeFirst()) ?? null
	);
}

/** The last month and the next twelve, all fractions or one; refreshed daily by the apps. */
export async function buildFeed(
	db: Db,
	customer: { id: number; contract_number: string },
	options: {
		today: string;
		fraction: Fraction | null;
		calendarName: string;
		fractionName: (f: Fraction) => string;
	}
): Promise<string> {
	const entries = (
		await listCollections(db, customer.id, addDays(options.today, -31), addDays(options.today, 366))
	).filter((entry) => !options.fraction || entry.fraction === options.fraction);
	const text = await buildIcs(
		customer.contract_number,
		entries,
		options.fractionName,
		options.calendarName
	);
	// RFC 7986's refresh interval, and the older X-PUBLISHED-TTL for the apps that read only it.
	return text.replace(
		/\r\nX-WR-CALNAME:/,
		'\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\nX-PUBLISHED-TTL:P1D\r\nX-WR-CALNAME:'
	);
}
