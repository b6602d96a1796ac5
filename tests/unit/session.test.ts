import { describe, expect, it } from 'vitest';
import {
	ABSOLUTE_LIFETIME_MS,
	createSession,
	generateSecretToken,
	hashToken,
	IDLE_TIMEOUT_MS,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { memoryDb } from './helpers';
import { loadCustomers } from './auth-helpers';

async function customerId(db: Awaited<ReturnType<typeof memoryDb>>) {
	return (
		await db
			.selectFrom('customer')
			.select('id')
			.where('contract_number', '=', 'F-1')
			.executeTakeFirstOrThrow()
	).id;
}

describe('sessions', () => {
	it('store only the SHA-256 of a 160-bit token', async () => {
		const db = await memoryDb();
		await loadCustomers(db);
		const token = generateSecretToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		await createSession(db, token, {
			kind: 'contract',
			customerId: await customerId(db),
			accountId: null
		});
		const rows = await db.selectFrom('session').select('id').execute();
		expect(rows).toEqual([{ id: hashToken(token) }]);
		expect(JSON.stringify(rows)).not.toContain(token);
	});

	it('end after the idle timeout and after the absolute lifetime, and are deleted then', async () => {
		const db = await memoryDb();
		await loadCustomers(db);
		const start = new Date('2026-11-23T10:00:00Z');
		const idle = generateSecretToken();
		await createSession(
			db,
			idle,
			{ kind: 'contract', customerId: await customerId(db), accountId: null },
			start
		);
		expect(
			await validateSessionToken(db, idle, new Date(start.getTime() + IDLE_TIMEOUT_MS - 1000))
		).not.toBeNull();
		expect(
			await validateSessionToken(db, idle, new Date(start.getTime() + 2 * IDLE_TIMEOUT_MS))
		).toBeNull();

		const busy = generateSecretToken();
		await createSession(
			db,
			busy,
			{ kind: 'contract', customerId: await customerId(db), accountId: null },
			start
		);
		for (let t = 0; t < ABSOLUTE_LIFETIME_MS; t += IDLE_TIMEOUT_MS / 2) {
			expect(await validateSessionToken(db, busy, new Date(start.getTime() + t))).not.toBeNull();
		}
		expect(
			await validateSessionToken(db, busy, new Date(start.getTime() + ABSOLUTE_LIFETIME_MS))
		).toBeNull();
		expect(await db.selectFrom('session').select('id').execute()).toEqual([]);
	});

	it('know nothing of a tampered or made-up token', async () => {
		const db = await memoryDb();
		await loadCustomers(db);
		const token = generateSecretToken();
		await createSession(db, token, {
			kind: 'demo',
			customerId: await customerId(db),
			accountId: null
		});
		const user = await validateSessionToken(db, token);
		expect(user).toMatchObject({
			viewOnly: true,
			customer: { contractNumber: 'F-1' },
			account: null
		});
		const tampered = (token[0] === 'a' ? 'b' : 'a') + token.slice(1);
		expect(await validateSessionToken(db, tampered)).toBeNull();
		expect(await validateSessionToken(db, `${token}' or 1=1 --`)).toBeNull();
		expect(await validateSessionToken(db, '')).toBeNull();
	});
});
