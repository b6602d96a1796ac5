/** Customers with known codes and a request context with a controllable clock, for the account tests. */
import type { AuthContext } from '../../src/lib/server/auth/context';
import type { Db } from '../../src/lib/server/db/index';
import { header, KEY, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';

export const PRIVATE = { contract: 'F-1', code: '161175-19997' };
export const LEGAL = { contract: 'J-1', code: '40003521600' };

export async function loadCustomers(db: Db): Promise<void> {
	const legal = privateCustomer(LEGAL.contract, {
		kind: 'legal',
		name: 'SIA “Gaujas maiznīca”',
		personalCode: undefined,
		registrationNumber: LEGAL.code
	});
	legal.documents[0]!.kind = 'invoice';
	const demo = privateCustomer('demo', { personalCode: '010101-10006' });
	const result = await runImport(
		db,
		writeJsonLines(tempDir(), [header(), privateCustomer(PRIVATE.contract), legal, demo])
	);
	if (result.status !== 'succeeded') throw new Error(JSON.stringify(result.problems));
}

export function context(
	db: Db,
	at: Date | string = '2026-11-23T10:00:00Z',
	clientAddress = '127.0.0.1'
): AuthContext {
	return {
		db,
		key: KEY,
		now: new Date(at),
		origin: 'https://klientiem.test',
		locale: 'lv',
		clientAddress,
		device: null
	};
}

export function later(
	ctx: AuthContext,
	ms: number,
	clientAddress = ctx.clientAddress
): AuthContext {
	return { ...ctx, now: new Date(ctx.now.getTime() + ms), clientAddress };
}

/** The token in the newest queued message's link. */
export async function lastLinkToken(db: Db, to: string): Promise<string> {
	const mail = await db
		.selectFrom('outbox')
		.select('text_body')
		.where('recipient', '=', to)
		.orderBy('id', 'desc')
		.executeTakeFirstOrThrow();
	const match = /token=([a-z2-7]{32})/.exec(mail.text_body);
	if (!match?.[1]) throw new Error(`no link in: ${mail.text_body}`);
	return match[1];
}
