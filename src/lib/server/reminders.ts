/**
 * Collection reminders: an account chooses, per contract, an e-mail on the evening before a
 * collection — from which hour, for which fractions, on or off. Each e-mail carries a
 * one-click unsubscribe (RFC 8058) and its key (account, contract, collection day) in the
 * outbox, so a rerun or a second server process never sends one twice.
 */
import { sql } from 'kysely';
import { FRACTIONS, isFraction, type Fraction } from '$lib/calendar';
import { addDays, dayInRiga, hourInRiga, instantInRiga } from '$lib/dates';
import { baseLocale, isLocale } from '$lib/paraglide/runtime';
import { generateSecretToken, isSecretToken } from './auth/session';
import type { Db } from './db';
import type { JobContext } from './context';
import { notQueuedYet, queueMail } from './mail/outbox';
import { loadMailBrand, renderMail, type MailKind } from './mail/templates';
import { listNotices, shownNotices } from './notice';
import { concerns } from '../domain/notice';

/** The hours a customer can choose, Riga time. */
export const REMINDER_HOURS = [14, 15, 16, 17, 18, 19, 20, 21, 22] as const;
export const DEFAULT_REMINDER_HOUR = 18;

export interface ReminderSettings {
	enabled: boolean;
	hour: number;
	fractions: Fraction[];
}

const parseFractions = (value: string) => value.split(',').filter(isFraction);

/** The account's choices for a contract, or null when it never made any. */
export async function getReminderSettings(
	db: Db,
	accountId: number,
	customerId: number
): Promise<ReminderSettings | null> {
	const row = await db
		.selectFrom('collection_reminder')
		.select(['enabled', 'hour', 'fractions'])
		.where('account_id', '=', accountId)
		.where('customer_id', '=', customerId)
		.executeTakeFirst();
	return row
		? { enabled: row.enabled === 1, hour: row.hour, fractions: parseFractions(row.fractions) }
		: null;
}

/** Stores the choices; the unsubscribe secret stays the same, so earlier e-mails' links keep working. */
export async function saveReminderSettings(
	db: Db,
	accountId: number,
	customerId: number,
	settings: ReminderSettings,
	now = new Date()
): Promise<void> {
	const values = {
		enabled: settings.enabled ? 1 : 0,
		hour: settings.hour,
		fractions: FRACTIONS.filter((f) => settings.fractions.includes(f)).join(','),
		updated_at: now.toISOString()
	};
	await db
		.insertInto('collection_reminder')
		.values({
			account_id: accountId,
			customer_id: customerId,
			unsubscribe_token: generateSecretToken(),
			...values
		})
		.onConflict((oc) => oc.columns(['account_id', 'customer_id']).doUpdateSet(values))
		.execute();
}

/** Whose reminders an unsubscribe link stops; null for a link that is not (or no longer) ours. */
export async function findReminderByToken(
	db: Db,
	token: string
): Promise<{ contractNumber: string; enabled: boolean } | null> {
	if (!isSecretToken(token)) return null;
	const row = await db
		.selectFrom('collection_reminder')
		.innerJoin('customer', 'customer.id', 'collection_reminder.customer_id')
		.select(['customer.contract_number', 'collection_reminder.enabled'])
		.where('collection_reminder.unsubscribe_token', '=', token)
		.executeTakeFirst();
	return row ? { contractNumber: row.contract_number, enabled: row.enabled === 1 } : null;
}

/** Switches the reminders of that link off; false when the link is unknown. */
export async function unsubscribeReminders(db: Db, token: string, now = new Date()) {
	if (!isSecretToken(token)) return false;
	const result = await db
		.updateTable('collection_reminder')
		.set({ enabled: 0, updated_at: now.toISOString() })
		.where('unsubscribe_token', '=', token)
		.executeTakeFirst();
	return result.numUpdatedRows === 1n;
}

/**
 * The containers of every switched-on reminder choice whose hour has come, for an account
 * whose e-mail is confirmed and which still holds the contract: whom the calendar's e-mails
 * go to, and when. A row a container: the reminder and schedule-change passes join the
 * dates they are about, a notice needs none.
 */
function subscribedCollections(db: Db, now: Date) {
	return (
		db
			.selectFrom('collection_reminder')
			.innerJoin('account', 'account.id', 'collection_reminder.account_id')
			// The contract must still be linked to the account.
			.innerJoin('account_customer', (join) =>
				join
					.onRef('account_customer.account_id', '=', 'collection_reminder.account_id')
					.onRef('account_customer.customer_id', '=', 'collection_reminder.customer_id')
			)
			.innerJoin('customer', 'customer.id', 'collection_reminder.customer_id')
			.innerJoin('container', 'container.customer_id', 'collection_reminder.customer_id')
			.select([
				'collection_reminder.account_id',
				'collection_reminder.customer_id',
				'collection_reminder.fractions',
				'collection_reminder.hour',
				'collection_reminder.unsubscribe_token',
				'account.email',
				'account.locale',
				'customer.contract_number',
				'container.fraction',
				'container.address'
			])
			.where('collection_reminder.enabled', '=', 1)
			// The next hour's too, queued ahead to be sent from their hour (queueCalendarMails):
			// an evening's reminders then go out within their hour, not after being made.
			.where('collection_reminder.hour', '<=', Math.min(23, hourInRiga(now) + 1))
			.where('account.email_confirmed_at', 'is not', null)
	);
}

interface Subscribed {
	fractions: string;
	hour: number;
	fraction: Fraction;
	address: string;
	key: string;
}

interface SubscriberRow {
	email: string;
	locale: string;
	unsubscribe_token: string;
}

/**
 * The rows grouped into one e-mail per key, each listing the fractions the account chose and
 * their addresses once, in the calendar's order.
 */
function groupByMail<Row extends Subscribed>(
	rows: Row[]
): { row: Row; collections: { fraction: Fraction; address: string }[] }[] {
	const mails = new Map<
		string,
		{ row: Row; collections: Map<string, { fraction: Fraction; address: string }> }
	>();
	for (const row of rows) {
		if (!parseFractions(row.fractions).includes(row.fraction)) continue;
		const mail = mails.get(row.key) ?? { row, collections: new Map() };
		mail.collections.set(`${row.fraction}\n${row.address}`, {
			fraction: row.fraction,
			address: row.address
		});
		mails.set(row.key, mail);
	}
	return [...mails.values()].map(({ row, collections }) => ({
		row,
		collections: [...collections.values()].sort(
			(a, b) => FRACTIONS.indexOf(a.fraction) - FRACTIONS.indexOf(b.fraction)
		)
	}));
}

/** The calendar e-mails' links: the settings, and the one-click unsubscribe (RFC 8058). */
type CalendarLinks = { settingsLink: string; unsubscribeLink: string };

/**
 * Queues one e-mail per key of the rows, each in its account's language with its
 * unsubscribe headers; returns how many.
 */
async function queueCalendarMails<Row extends Subscribed & SubscriberRow>(
	db: Db,
	rows: Row[],
	mailOf: (
		row: Row,
		collections: { fraction: Fraction; address: string }[],
		links: CalendarLinks
	) => MailKind,
	{ origin, now }: { origin: string; now: Date }
): Promise<number> {
	const mails = groupByMail(rows);
	if (mails.length === 0) return 0;
	const brand = await loadMailBrand(db);
	const hourNow = hourInRiga(now);
	for (const { row, collections } of mails) {
		const unsubscribeLink = `${origin}/unsubscribe/${row.unsubscribe_token}`;
		const links = { settingsLink: `${origin}/settings`, unsubscribeLink };
		const locale = isLocale(row.locale) ? row.locale : baseLocale;
		await queueMail(
			db,
			{
				to: row.email,
				...renderMail(mailOf(row, collections, links), brand, locale),
				idempotencyKey: row.key,
				// One queued ahead waits for its hour; the mailer sends in the order they fall due.
				sendAfter:
					row.hour > hourNow
						? instantInRiga(dayInRiga(now), `${String(row.hour).padStart(2, '0')}:00`)
						: undefined,
				headers: {
					// RFC 8058: the mail program posts "List-Unsubscribe=One-Click" to this address.
					'List-Unsubscribe': `<${unsubscribeLink}/one-click>`,
					'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
				}
			},
			now
		);
	}
	return mails.length;
}

/**
 * Queues the reminders due now: tomorrow's collections, for every switched-on choice whose
 * hour has come. Returns how many e-mails were queued.
 */
export async function queueCollectionReminders({ db, now, origin }: JobContext): Promise<number> {
	const tomorrow = addDays(dayInRiga(now), 1);
	const key = sql<string>`'reminder:' || collection_reminder.account_id || ':' || collection_reminder.customer_id || ':' || ${tomorrow}`;
	const rows = await subscribedCollections(db, now)
		.innerJoin('collection_date', 'collection_date.container_id', 'container.id')
		.select(key.as('key'))
		.where('collection_date.collection_date', '=', tomorrow)
		.where(notQueuedYet(key))
		.orderBy('collection_reminder.account_id')
		.orderBy('collection_reminder.customer_id')
		.orderBy('container.code')
		.execute();
	return queueCalendarMails(
		db,
		rows,
		(row, collections, links) => ({
			kind: 'collection_reminder',
			date: tomorrow,
			collections,
			contractNumber: row.contract_number,
			...links
		}),
		{ origin, now }
	);
}

/**
 * How far ahead a moved collection is announced: an import that brings the year's holiday
 * moves at once announces each a month before, not all of them the same night.
 */
export const SCHEDULE_NOTICE_DAYS = 31;

/**
 * "Izmaiņas izvešanas grafikā": for the accounts with reminders on, one e-mail per contract
 * and moved day (the day planned and the day it moved to), at the reminders' hour, once the
 * new day is within SCHEDULE_NOTICE_DAYS. Its key names the contract, not the container's
 * row, so an import that rewrites the customer does not announce the same move again.
 */
export async function queueScheduleChanges({ db, now, origin }: JobContext): Promise<number> {
	const today = dayInRiga(now);
	const key = sql<string>`'schedule:' || collection_reminder.account_id || ':' || customer.contract_number || ':' || detail.moved_from || '>' || collection_date.collection_date`;
	const rows = await subscribedCollections(db, now)
		.innerJoin('collection_date', 'collection_date.container_id', 'container.id')
		.innerJoin('collection_detail as detail', (join) =>
			join
				.onRef('detail.container_id', '=', 'collection_date.container_id')
				.onRef('detail.collection_date', '=', 'collection_date.collection_date')
		)
		.select([
			'collection_date.collection_date',
			'detail.moved_from',
			'detail.move_reason',
			key.as('key')
		])
		.where('detail.moved_from', 'is not', null)
		.where('collection_date.collection_date', '>=', today)
		.where('collection_date.collection_date', '<=', addDays(today, SCHEDULE_NOTICE_DAYS))
		.where(notQueuedYet(key))
		.orderBy('collection_date.collection_date')
		.orderBy('collection_reminder.account_id')
		.orderBy('container.code')
		.execute();
	return queueCalendarMails(
		db,
		rows,
		(row, collections, links) => ({
			kind: 'schedule_change',
			from: row.moved_from!,
			to: row.collection_date,
			reason: row.move_reason,
			collections,
			contractNumber: row.contract_number,
			...links
		}),
		{ origin, now }
	);
}

/**
 * A current notice, from the import or published in the console, to the accounts with reminders on whose contract it
 * concerns (its fractions, contracts and area): one e-mail per notice and account, at the
 * reminders' hour, whatever the imports that bring the notice again.
 */
export async function queueNoticeMails({ db, now, origin }: JobContext): Promise<number> {
	const today = dayInRiga(now);
	const current = shownNotices(await listNotices(db), now).filter(
		(n) => n.from <= today && today <= n.to
	);
	let queued = 0;
	for (const notice of current) {
		const key = sql<string>`${`notice:${notice.id}:`} || collection_reminder.account_id`;
		let query = subscribedCollections(db, now).select(key.as('key')).where(notQueuedYet(key));
		if (notice.fractions.length > 0)
			query = query.where('container.fraction', 'in', notice.fractions);
		if (notice.contracts.length > 0)
			query = query.where('customer.contract_number', 'in', notice.contracts);
		const rows = (
			await query.orderBy('collection_reminder.account_id').orderBy('container.code').execute()
		).filter((row) =>
			// The area is matched as the pages match it: in any letter case, Latvian's included.
			concerns(notice, {
				contractNumber: row.contract_number,
				containers: [{ fraction: row.fraction, address: row.address }]
			})
		);
		queued += await queueCalendarMails(
			db,
			rows,
			(row, collections, links) => ({
				kind: 'notice',
				notice,
				collections,
				contractNumber: row.contract_number,
				...links
			}),
			{ origin, now }
		);
	}
	return queued;
}
