/**
 * npm run outbox [-- --status queued|sent|failed] [--limit N]: the mail outbox for the
 * company's staff — how many messages are queued, sent and failed, and the newest ones with
 * their attempts, next retry and last error.
 */
import { reportOutbox } from '../src/lib/server/mail/outbox';
import type { OutboxStatus } from '../src/lib/server/db/schema';
import { openMigrated, readCommand } from './cli';

const { options } = readCommand({
	usage: 'npm run outbox -- [--status queued|sent|failed] [--limit N]',
	about:
		'The mail outbox: how many messages are queued, sent and failed, and the newest with their attempts, next retry and last error.',
	options: {
		status: 'queued|sent|failed, only those',
		limit: 'N, the newest N messages, 1 to 10000 (50)'
	}
});
const status = options.status;
const limit = Number(options.limit ?? '50');
if (status !== undefined && !['queued', 'sent', 'failed'].includes(status)) {
	console.error('--status takes queued, sent or failed');
	process.exit(2);
}
if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) {
	console.error('--limit takes a whole number from 1 to 10000');
	process.exit(2);
}

const db = await openMigrated();
const report = await reportOutbox(db, { status: status as OutboxStatus | undefined, limit });
await db.destroy();
console.log(
	`queued ${report.counts.queued}, sent ${report.counts.sent}, failed ${report.counts.failed}`
);
for (const message of report.messages)
	console.log(
		[
			`#${message.id}`,
			message.status,
			message.to,
			`"${message.subject}"`,
			`attempts ${message.attempts}`,
			message.sentAt ? `sent ${message.sentAt}` : '',
			message.nextAttemptAt ? `next try ${message.nextAttemptAt}` : '',
			message.lastError ? `last error: ${message.lastError}` : ''
		]
			.filter(Boolean)
			.join('  ')
	);
