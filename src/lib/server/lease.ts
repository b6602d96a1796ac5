/**
 * Leases in the database: the import and the scheduler's passes run in one process at a time,
 * however many servers and cron jobs share the database. A holder that dies leaves a lease
 * that runs out on its own (each taker says for how long).
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

/** Takes the lease when it is free or has run out; otherwise says who holds it. */
export async function acquireLease(
	db: Db,
	name: string,
	ttlMs: number,
	now = new Date()
): Promise<{ lease: Lease } | { held: LeaseHeld }> {
	const holder = `${os.hostname()}:${process.pid}:${randomUUID()}`;
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
	return {
		held: current
			? { holder: current.holder, acquiredAt: current.acquired_at }
			: { holder: 'a process that has just finished', acquiredAt: now.toISOString() }
	};
}

export async function releaseLease(db: Db, lease: Lease): Promise<void> {
	await db
		.deleteFrom('lease')
		.where('name', '=', lease.name)
		.where('holder', '=', lease.holder)
		.execute();
}
