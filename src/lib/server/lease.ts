/**
 * Leases in the database: the import and the scheduler's passes run in one process at a time,
 * however many servers and cron jobs share the database. A lease whose holder is gone is taken
 * over at once: on the same host, when the holder's process is no longer alive (killed, or
 * crashed); across hosts, when it runs out, which a running holder prevents by renewing it.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Db } from './db';

export interface Lease {
	name: string;
	holder: string;
}

/** Who holds a lease, for the message to whoever did not get it. */
export interface LeaseHeld {
	holder: string;
	acquiredAt: string;
}

/** A holder is host:pid:nonce, so a process on the same host can tell whether it is alive. */
function holderName(): string {
	return `${os.hostname()}:${process.pid}:${randomUUID()}`;
}

/** Whether a holder's process is gone for certain: on this host and no longer running. */
export function isHolderGone(holder: string): boolean {
	const [host, pid] = holder.split(':');
	if (host !== os.hostname() || !/^\d+$/.test(pid ?? '')) return false;
	try {
		process.kill(Number(pid), 0);
		return false;
	} catch (error) {
		// EPERM: the process exists under another user.
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

/** Takes the lease when it is free, has run out or its holder is gone; otherwise says who holds it. */
export async function acquireLease(
	db: Db,
	name: string,
	ttlMs: number,
	now = new Date()
): Promise<{ lease: Lease } | { held: LeaseHeld }> {
	const holder = holderName();
	const row = {
		name,
		holder,
		acquired_at: now.toISOString(),
		expires_at: new Date(now.getTime() + ttlMs).toISOString()
	};
	// One statement takes a free or run-out lease and says whether it did (RETURNING gives a
	// row only when this holder was written), so two takers cannot both think they won.
	const taken = await db
		.insertInto('lease')
		.values(row)
		.onConflict((oc) =>
			oc
				.column('name')
				.doUpdateSet({
					holder: (eb) => eb.ref('excluded.holder'),
					acquired_at: (eb) => eb.ref('excluded.acquired_at'),
					expires_at: (eb) => eb.ref('excluded.expires_at')
				})
				.where('lease.expires_at', '<', now.toISOString())
		)
		.returning('holder')
		.executeTakeFirst();
	if (taken?.holder === holder) return { lease: { name, holder } };
	const current = await db
		.selectFrom('lease')
		.select(['holder', 'acquired_at'])
		.where('name', '=', name)
		.executeTakeFirst();
	// Gone already: the holder finished between the two statements.
	if (!current)
		return { held: { holder: 'a process that has just finished', acquiredAt: row.acquired_at } };
	if (isHolderGone(current.holder)) {
		// Only from that holder: of two takers, the one whose update finds it still there wins.
		const takenOver = await db
			.updateTable('lease')
			.set(row)
			.where('name', '=', name)
			.where('holder', '=', current.holder)
			.executeTakeFirst();
		if (takenOver.numUpdatedRows === 1n) return { lease: { name, holder } };
	}
	return { held: { holder: current.holder, acquiredAt: current.acquired_at } };
}

/**
 * Keeps a lease from running out while its holder works: renewed every quarter of its time.
 * Returns the function that stops renewing. A renewal that fails is tried again next time;
 * the holder notices nothing unless the lease runs out meanwhile.
 */
export function keepLease(db: Db, lease: Lease, ttlMs: number): () => void {
	const timer = setInterval(() => {
		db.updateTable('lease')
			.set({ expires_at: new Date(Date.now() + ttlMs).toISOString() })
			.where('name', '=', lease.name)
			.where('holder', '=', lease.holder)
			.execute()
			.catch((error: unknown) =>
				console.error(`lease ${lease.name}: not renewed: ${(error as Error).message}`)
			);
	}, ttlMs / 4);
	timer.unref();
	return () => clearInterval(timer);
}

/**
 * Gives the lease back, trying again for a few seconds when the database fails (a restart
 * ends every connection, and is back within seconds). Never throws (it runs in `finally`
 * blocks, often because the database just failed): a lease not given back is taken over
 * once its holder is gone or it runs out.
 */
export async function releaseLease(
	db: Db,
	lease: Lease,
	retryMs = [500, 1000, 2000]
): Promise<void> {
	for (const waitMs of [0, ...retryMs]) {
		await new Promise((resolve) => setTimeout(resolve, waitMs));
		try {
			await db
				.deleteFrom('lease')
				.where('name', '=', lease.name)
				.where('holder', '=', lease.holder)
				.execute();
			return;
		} catch (error) {
			console.error(`lease ${lease.name}: not given back yet: ${(error as Error).message}`);
		}
	}
}
