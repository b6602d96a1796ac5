/**
 * The scheduled work: new-document e-mails and collection reminders. The server process runs
 * a pass every minute; `npm run jobs -- once` runs one for system cron. Passes only queue
 * mail, under keys the outbox takes once, so any number of them may overlap or repeat.
 */
import type { Db } from './db';
import { queueDocumentNotices } from './notices';
import { queueCollectionReminders } from './reminders';

export interface JobContext {
	db: Db;
	now: Date;
	/** The portal's public address, for the links in the e-mails. */
	origin: string;
}

export interface JobResult {
	documentNotices: number;
	reminders: number;
}

export async function runJobs(ctx: JobContext): Promise<JobResult> {
	return {
		documentNotices: await queueDocumentNotices(ctx),
		reminders: await queueCollectionReminders(ctx)
	};
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
