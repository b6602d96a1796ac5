/**
 * npm run jobs -- once: one pass of the scheduled work (new-document e-mails, collection
 * reminders), then, when SMTP_URL is set, one delivery of the due mail. For system cron,
 * with JOBS=off on the servers; running it beside them does no harm either (see jobs.ts).
 */
import { mailFrom, mailPool, publicOrigin, smtpUrl } from '../src/lib/server/config';
import { runJobs } from '../src/lib/server/jobs';
import { deliverDueMail } from '../src/lib/server/mail/outbox';
import { smtpTransport } from '../src/lib/server/mail/smtp';
import { exitOnFailure, openMigrated, readCommand } from './cli';

const { positionals } = readCommand({
	usage: 'npm run jobs -- once',
	about:
		'One pass of the scheduled work (new-document e-mails, collection reminders, purging expired rows), then one delivery of the due mail when SMTP_URL is set.',
	positionals: { min: 1, max: 1 }
});
if (positionals[0] !== 'once') {
	console.error('Usage: npm run jobs -- once');
	process.exit(2);
}

await exitOnFailure(async () => {
	const db = await openMigrated();
	try {
		const result = await runJobs({ db, now: new Date(), origin: publicOrigin() });
		console.log(
			result
				? `Queued ${result.documentNotices} new-document e-mails and ${result.reminders} collection reminders; deleted ${result.purged.sessions + result.purged.staffSessions} ended sessions and ${result.purged.trustedDevices + result.purged.registrations + result.purged.emailTokens + result.purged.throttles} other expired rows.`
				: 'Another process is making a pass just now; nothing to do.'
		);
		const url = smtpUrl();
		if (url) {
			const transport = smtpTransport(url, mailFrom(), mailPool());
			try {
				const sent = await deliverDueMail(db, transport);
				console.log(`Sent ${sent} e-mails (see npm run outbox for the rest).`);
			} finally {
				transport.close();
			}
		}
	} finally {
		await db.destroy();
	}
});
