import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/lib/server/auth/session';
import { trustDevice } from '../../src/lib/server/auth/device';
import { recordFailure } from '../../src/lib/server/auth/throttle';
import { purgeExpired } from '../../src/lib/server/retention';
import { loadCustomers } from './auth-helpers';
import { memoryDb } from './helpers';

const HOUR = 60 * 60 * 1000;

describe('the retention pass', () => {
	it('deletes what can never be used again, and keeps what still can', async () => {
		const db = await memoryDb();
		await loadCustomers(db);
		const { id: customerId } = await db
			.selectFrom('customer')
			.select('id')
			.executeTakeFirstOrThrow();
		const now = new Date('2026-12-01T12:00:00Z');
		const at = (ms: number) => new Date(now.getTime() + ms);
		const owner = { kind: 'contract' as const, customerId, accountId: null };
		await createSession(db, 'a'.repeat(32), owner, at(-13 * HOUR)); // past its 12 hours
		await createSession(db, 'b'.repeat(32), owner, at(-2 * HOUR)); // idle for two hours
		await createSession(db, 'c'.repeat(32), owner, at(-10 * 60 * 1000)); // in use
		await trustDevice({ db, now: at(-366 * 24 * HOUR), device: 'd'.repeat(32) }, 'contract:F-1');
		await trustDevice({ db, now: at(-HOUR), device: 'e'.repeat(32) }, 'contract:F-1');
		await recordFailure(db, ['address:10.0.0.1'], at(-25 * HOUR));
		await recordFailure(db, ['address:10.0.0.2'], at(-HOUR));
		expect(await purgeExpired(db, now)).toEqual({
			sessions: 2,
			staffSessions: 0,
			trustedDevices: 1,
			registrations: 0,
			emailTokens: 0,
			throttles: 1
		});
		expect(await db.selectFrom('session').select('created_at').execute()).toEqual([
			{ created_at: at(-10 * 60 * 1000).toISOString() }
		]);
		expect(await db.selectFrom('throttle').select('key').execute()).toEqual([
			{ key: 'address:10.0.0.2' }
		]);
		expect(await purgeExpired(db, now)).toMatchObject({ sessions: 0, trustedDevices: 0 });
	});
});
