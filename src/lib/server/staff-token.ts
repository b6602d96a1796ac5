/**
 * The bearer tokens of the company's own systems (its CRM) for the staff API. A token is
 * shown once when it is made; only its SHA-256 is kept, so a copy of the database holds no
 * usable token. A token is revoked by its name, and a revoked one is refused at once.
 */
import { generateSecretToken, hashToken, isSecretToken } from './auth/session';
import type { Db } from './db';

/** Tokens are told apart from other secrets at a glance (and by secret scanners). */
const PREFIX = 'kls_';

export const isTokenName = (name: string) => /^[\p{L}\d][\p{L}\d ._-]{0,59}$/u.test(name);

export async function addStaffToken(
	db: Db,
	name: string,
	now = new Date()
): Promise<{ token: string } | { refused: 'bad_name' | 'taken' }> {
	if (!isTokenName(name)) return { refused: 'bad_name' };
	const token = `${PREFIX}${generateSecretToken()}`;
	const row = await db
		.insertInto('staff_token')
		.values({ name, token_hash: hashToken(token), created_at: now.toISOString() })
		.onConflict((oc) => oc.column('name').doNothing())
		.returning('id')
		.executeTakeFirst();
	return row ? { token } : { refused: 'taken' };
}

/** True when a token of that name was in use. */
export async function revokeStaffToken(db: Db, name: string, now = new Date()): Promise<boolean> {
	const result = await db
		.updateTable('staff_token')
		.set({ revoked_at: now.toISOString() })
		.where('name', '=', name)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return result.numUpdatedRows > 0n;
}

export async function listStaffTokens(db: Db) {
	return db
		.selectFrom('staff_token')
		.select(['name', 'created_at', 'revoked_at', 'last_used_at'])
		.orderBy('name')
		.execute();
}

/**
 * The name of the token an `Authorization: Bearer …` header carries, or null. Its last use
 * is kept to the minute, so polling does not write on every call.
 */
export async function authenticateStaff(
	db: Db,
	authorization: string | null,
	now = new Date()
): Promise<string | null> {
	const match = /^Bearer ([a-z0-9_]+)$/i.exec(authorization?.trim() ?? '');
	const token = match?.[1] ?? '';
	if (!token.startsWith(PREFIX) || !isSecretToken(token.slice(PREFIX.length))) return null;
	const row = await db
		.selectFrom('staff_token')
		.select(['id', 'name', 'last_used_at'])
		.where('token_hash', '=', hashToken(token))
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	if (!row) return null;
	const minute = now.toISOString().slice(0, 16);
	if (row.last_used_at?.slice(0, 16) !== minute)
		await db
			.updateTable('staff_token')
			.set({ last_used_at: now.toISOString() })
			.where('id', '=', row.id)
			.execute();
	return row.name;
}
