/** What the account functions need from the request: the database, clock, language and client. */
import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/paraglide/runtime';
import type { WorkContext } from '../context';
import { getDb } from '../db';
import { loadMailBrand, renderMail, type MailKind } from '../mail/templates';
import { queueMail } from '../mail/outbox';
import { loadPersonalCodeKey } from '../personal-code';
import { readDeviceCookie } from './device';

export interface AuthContext extends WorkContext {
	key: Buffer;
	locale: Locale;
	clientAddress: string;
	/** The browser's device cookie (device.ts), when it sent one. */
	device: string | null;
}

let key: Buffer | undefined;

export function authContext(event: RequestEvent): AuthContext {
	key ??= loadPersonalCodeKey();
	return {
		db: getDb(),
		key,
		now: new Date(),
		origin: event.url.origin,
		locale: event.locals.locale,
		clientAddress: event.getClientAddress(),
		device: readDeviceCookie(event.cookies)
	};
}

/** Queues one of the portal's e-mails in the given language. */
export async function sendMail(
	ctx: AuthContext,
	to: string,
	mail: MailKind,
	locale: Locale = ctx.locale
): Promise<void> {
	const rendered = renderMail(mail, await loadMailBrand(ctx.db), locale);
	await queueMail(ctx.db, { to, ...rendered }, ctx.now);
}
