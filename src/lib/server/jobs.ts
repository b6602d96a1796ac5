/**
 * The scheduled work: new-document e-mails, collection reminders, schedule changes, the
 * import's notices and the deletion of what has expired (retention.ts). The server process
 * runs a pass every minute; `npm run jobs -- once` runs one for system cron. One pass runs at
 * a time (a lease in the database), and passes only queue mail under keys the outbox takes
 * once, so a pass repeated, or one that slipped past a lease run out, sends nothing twice.
 */
import type { JobContext } from './context';
import type { Db } from './db';
import { acquireLease, keepLease, releaseLease } from './lease';
import { queueDocumentNotices } from './notices';
import { queueCollectionReminders, queueNoticeMails, queueScheduleChanges } from './reminders';
import { purgeExpired, type Purged } from './retention';

export interface JobResult {
	documentNotices: number;
	reminders: number;
	scheduleChanges: number;
	notices: number;
	purged: Purged;
}

/**
 * A pass takes seconds and renews its lease while it runs; one that died is replaced at once
 * on the same host (its process is gone) and within a minute from another host.
 */
const PASS_LEASE_MS = 60 * 1000;

/** One pass; when another process is making one, this one does nothing (null). */
export async function runJobs(ctx: JobContext): Promise<JobResult | null> {
	const claim = await acquireLease(ctx.db, 'jobs', PASS_LEASE_MS, ctx.now);
	if ('held' in claim) return null;
	const stopRenewing = keepLease(ctx.db, claim.lease, PASS_LEASE_MS);
	try {
		return {
			documentNotices: await queueDocumentNotices(ctx),
			reminders: await queueCollectionReminders(ctx),
			scheduleChanges: await queueScheduleChanges(ctx),
			notices: await queueNoticeMails(ctx),
			purged: await purgeExpired(ctx.db, ctx.now)
		};
	} finally {
		stopRenewing();
		await releaseLease(ctx.db, claim.lease);
	}
}

/** Runs a pass now and then every intervalMs; returns a function that stops it. */
export function startScheduler(db: Db, origin: string, intervalMs: number): () => void {
	let running = false;
	const pass = async () => {
		if (running) return;
		running = true;
		try {
			await runJobs({ db, now: new Date(), origin });
		} catch (error) {
			// The next pass tries again; what was queued stays queued.
			console.error('jobs:', (error as Error).message);
		} finally {
			running = false;
		}
	};
	void pass();
	const timer = setInterval(pass, intervalMs);
	timer.unref();
	return () => clearInterval(timer);
}
