import { describe, expect, it } from 'vitest';
import { delayAfter, recordFailure, takeQuota, waitFor } from '../../src/lib/server/auth/throttle';
import { checkNewPassword, hashPassword, verifyPassword } from '../../src/lib/server/auth/password';
import { memoryDb } from './helpers';

describe('throttles', () => {
	it('let three failures against a contract pass, twenty from an address, then double the wait up to 15 minutes', () => {
		expect([1, 2, 3, 4, 5, 6, 7].map((n) => delayAfter(n, 'contract:F-1'))).toEqual([
			0, 0, 0, 1000, 2000, 4000, 8000
		]);
		expect([20, 21, 22].map((n) => delayAfter(n, 'address:10.0.0.1'))).toEqual([0, 1000, 2000]);
		expect(delayAfter(100, 'email:a@example.lv')).toBe(15 * 60 * 1000);
	});

	it('block a key after failures, whatever address the failures come from, until the wait is over', async () => {
		const db = await memoryDb();
		const now = new Date('2026-11-23T10:00:00Z');
		for (let i = 0; i < 5; i++)
			await recordFailure(db, [`address:10.0.0.${i}`, 'contract:F-1'], now);
		expect(await waitFor(db, ['address:10.0.0.99', 'contract:F-1'], now)).toBe(2000);
		expect(await waitFor(db, ['address:10.0.0.99', 'contract:F-2'], now)).toBe(0);
		expect(await waitFor(db, ['contract:F-1'], new Date(now.getTime() + 2000))).toBe(0);
	});

	it('count quotas per window', async () => {
		const db = await memoryDb();
		const now = new Date('2026-11-23T10:00:00Z');
		const taken = [];
		for (let i = 0; i < 4; i++)
			taken.push(await takeQuota(db, 'mail:a@example.lv', 3, 60_000, now));
		expect(taken).toEqual([true, true, true, false]);
		expect(
			await takeQuota(db, 'mail:a@example.lv', 3, 60_000, new Date(now.getTime() + 60_000))
		).toBe(true);
	});
});

describe('passwords', () => {
	it('need 8 characters, allow long ones, and refuse the common ones whatever their case', () => {
		expect(checkNewPassword('kaķis12')).toBe('too_short');
		expect(checkNewPassword('a'.repeat(64) + 'Ž')).toBeNull();
		expect(checkNewPassword('x'.repeat(257))).toBe('too_long');
		expect(checkNewPassword('password')).toBe('too_common');
		expect(checkNewPassword('PassWord1')).toBe('too_common');
		expect(checkNewPassword('Gaujas krasts 2026')).toBeNull();
	});

	it('are hashed with argon2id at m=19456, t=2, p=1 and checked exactly, never truncated or case-folded', async () => {
		const long = 'Ābeļziedi pie Gaujas '.repeat(5);
		const hash = await hashPassword(long);
		expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await verifyPassword(hash, long)).toBe(true);
		expect(await verifyPassword(hash, long.slice(0, -1))).toBe(false);
		expect(await verifyPassword(hash, long.toUpperCase())).toBe(false);
		expect(await verifyPassword('not a hash', long)).toBe(false);
	});
});
