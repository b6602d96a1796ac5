/**
 * All mail goes through the outbox table: a request only queues a message, and the mailer
 * sends it. A failed send is retried with growing pauses, so nothing is lost while the SMTP
 * server is away. Without SMTP_URL the messages are kept in the table (the demo mailbox
 * page shows them).
 */
import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import type { Db } from '../db';
import type { Database, OutboxStatus } from '../db/schema';

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
	html: string;
	headers?: Record<string, string>;
	/** A message with the same key is queued only once. */
	idempotencyKey?: string;
	/** Not sent before this instant (queued ahead); at once when not given. */
	sendAfter?: Date;
}

export interface MailTransport {
	send(message: {
		to: string;
		subject: string;
		text: string;
		html: string;
		headers: Record<string, string>;
	}): Promise<void>;
}

/** Pauses before retry n (1, 2, …): 30 s, 1 min, 2 min, … at most an hour. */
export function retryDelayMs(attempt: number): number {
	return Math.min(30_000 * 2 ** (attempt - 1), 60 * 60 * 1000);
}

// How long one sender may hold a message before another process may take it over.
const CLAIM_MS = 2 * 60 * 1000;

export async function queueMail(db: Db, mail: OutgoingMail, now = new Date()): Promise<void> {
	await db
		.insertInto('outbox')
		.values({
			idempotency_key: mail.idempotencyKey ?? null,
			recipient: mail.to,
			subject: mail.subject,
			text_body: mail.text,
			html_body: mail.html,
			headers: mail.headers ? JSON.stringify(mail.headers) : null,
			status: 'queued',
			next_attempt_at: (mail.sendAfter ?? now).toISOString(),
			created_at: now.toISOString()
		})
		.onConflict((oc) => oc.column('idempotency_key').doNothing())
		.execute();
}

/**
 * A condition for a query that makes messages: none with this key is in the outbox yet. With
 * the key's unique index, this is what lets a pass be rerun or run twice at once.
 */
export function notQueuedYet(key: RawBuilder<string>): RawBuilder<boolean> {
	return sql<boolean>`not exists (select 1 from outbox where outbox.idempotency_key = ${key})`;
}

/** A permanent refusal (5xx) will not get better by trying again. */
function isPermanent(error: unknown): boolean {
	const code = (error as { responseCode?: number }).responseCode;
	return typeof code === 'number' && code >= 500 && code < 600;
}

/**
 * How many messages one claim takes: enough to keep a pool's connections busy for about a
 * second, few enough that a process that dies sends few of them twice.
 */
const MAIL_BATCH = 200;

const claimOpen = (at: string) => (eb: ExpressionBuilder<Database, 'outbox'>) =>
	eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]);

/**
 * Takes up to `limit` due messages, the earliest due first, in one statement. Claiming by a
 * conditional update lets several processes share the outbox: PostgreSQL checks the condition
 * again on the row it locks, so a message another process claimed meanwhile is left to it.
 */
async function claimDueMail(db: Db, now: Date, claimUntil: Date, limit: number) {
	const at = now.toISOString();
	const rows = await db
		.updateTable('outbox')
		.set({ claimed_until: claimUntil.toISOString() })
		.where('id', 'in', (eb) =>
			eb
				.selectFrom('outbox')
				.select('id')
				.where('status', '=', 'queued')
				.where('next_attempt_at', '<=', at)
				.where(claimOpen(at))
				.orderBy('next_attempt_at')
				.orderBy('id')
				.limit(limit)
		)
		.where('status', '=', 'queued')
		.where(claimOpen(at))
		.returning([
			'id',
			'recipient',
			'subject',
			'text_body',
			'html_body',
			'headers',
			'attempts',
			'next_attempt_at'
		])
		.execute();
	// RETURNING keeps no order: sent in the order they fell due.
	return rows.sort((a, b) => a.next_attempt_at.localeCompare(b.next_attempt_at) || a.id - b.id);
}

/**
 * Sends every message that is due, a claimed batch at a time, each batch's messages side by side
 * (the transport's pool decides how many at once); returns how many were sent. A message that
 * fails keeps its own retry schedule and holds back none of the others. At least once: a
 * process that dies after sending but before marking the batch sent leaves it to be sent again
 * once its claim runs out.
 */
export async function deliverDueMail(
	db: Db,
	transport: MailTransport,
	now = new Date(),
	batch = MAIL_BATCH
): Promise<number> {
	const started = Date.now();
	let sent = 0;
	for (;;) {
		// A long pass claims with the time it has taken, so a claim never runs out before its send.
		const claimUntil = new Date(now.getTime() + (Date.now() - started) + CLAIM_MS);
		const claimed = await claimDueMail(db, now, claimUntil, batch);
		const outcomes = await Promise.allSettled(
			claimed.map((row) =>
				transport.send({
					to: row.recipient,
					subject: row.subject,
					text: row.text_body,
					html: row.html_body,
					headers: row.headers ? JSON.parse(row.headers) : {}
				})
			)
		);
		const delivered = claimed.filter((_, i) => outcomes[i]!.status === 'fulfilled');
		if (delivered.length > 0)
			await db
				.updateTable('outbox')
				.set({
					status: 'sent',
					sent_at: new Date().toISOString(),
					attempts: sql<number>`attempts + 1`,
					claimed_until: null,
					last_error: null
				})
				.where(
					'id',
					'in',
					delivered.map((row) => row.id)
				)
				.execute();
		for (const [i, row] of claimed.entries()) {
			const outcome = outcomes[i]!;
			if (outcome.status === 'rejected') await scheduleRetry(db, row, outcome.reason, now);
		}
		sent += delivered.length;
		if (claimed.length < batch) return sent;
	}
}

/** A failed send: tried again later with a growing pause, or failed for good on a 5xx. */
async function scheduleRetry(
	db: Db,
	row: { id: number; attempts: number },
	error: unknown,
	now: Date
): Promise<void> {
	const attempts = row.attempts + 1;
	const status: OutboxStatus = isPermanent(error) ? 'failed' : 'queued';
	await db
		.updateTable('outbox')
		.set({
			status,
			attempts,
			claimed_until: null,
			last_error: String((error as Error).message ?? error).slice(0, 500),
			next_attempt_at: new Date(now.getTime() + retryDelayMs(attempts)).toISOString()
		})
		.where('id', '=', row.id)
		.execute();
}

export interface KeptMail {
	id: number;
	to: string;
	subject: string;
	text: string;
	createdAt: string;
}

/** The newest messages, for the demo mailbox page. */
export async function listKeptMail(db: Db, limit = 50): Promise<KeptMail[]> {
	const rows = await db
		.selectFrom('outbox')
		.select(['id', 'recipient', 'subject', 'text_body', 'created_at'])
		.orderBy('id', 'desc')
		.limit(limit)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		to: row.recipient,
		subject: row.subject,
		text: row.text_body,
		createdAt: row.created_at
	}));
}

export interface OutboxReport {
	counts: Record<OutboxStatus, number>;
	messages: {
		id: number;
		status: OutboxStatus;
		to: string;
		subject: string;
		attempts: number;
		createdAt: string;
		sentAt: string | null;
		nextAttemptAt: string | null;
		lastError: string | null;
	}[];
}

/** For the company's staff (`npm run outbox`): how many in each state, and the newest of one. */
export async function reportOutbox(
	db: Db,
	options: { status?: OutboxStatus; limit?: number } = {}
): Promise<OutboxReport> {
	const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0 };
	const grouped = await db
		.selectFrom('outbox')
		.select(['status', (eb) => eb.fn.countAll<number>().as('count')])
		.groupBy('status')
		.execute();
	for (const row of grouped) counts[row.status] = Number(row.count);
	let query = db
		.selectFrom('outbox')
		.select([
			'id',
			'status',
			'recipient',
			'subject',
			'attempts',
			'created_at',
			'sent_at',
			'next_attempt_at',
			'last_error'
		])
		.orderBy('id', 'desc')
		.limit(options.limit ?? 50);
	if (options.status) query = query.where('status', '=', options.status);
	const rows = await query.execute();
	return {
		counts,
		messages: rows.map((row) => ({
			id: row.id,
			status: row.status,
			to: row.recipient,
			subject: row.subject,
			attempts: row.attempts,
			createdAt: row.created_at,
			sentAt: row.sent_at,
			// A sent or failed message has no next try.
			nextAttemptAt: row.status === 'queued' ? row.next_attempt_at : null,
			lastError: row.last_error
		}))
	};
}

/**
 * Puts a failed message back in the queue, for the mailer's next pass (the staff console's
 * outbox page); its attempts stay counted. False when it is not a failed message.
 */
export async function resendFailedMail(db: Db, id: number, now: Date): Promise<boolean> {
	const result = await db
		.updateTable('outbox')
		.set({ status: 'queued', next_attempt_at: now.toISOString(), claimed_until: null })
		.where('id', '=', id)
		.where('status', '=', 'failed')
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export const OUTBOX_STATUSES = ['failed', 'queued', 'sent'] as const satisfies OutboxStatus[];

/** The state a page's address asks for (failed when none); null when it is not one. */
export const readOutboxStatus = (params: URLSearchParams): OutboxStatus | null =>
	OUTBOX_STATUSES.find((status) => status === (params.get('status') ?? 'failed')) ?? null;
