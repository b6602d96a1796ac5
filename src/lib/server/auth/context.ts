/** What the account functions need from the request: the database, clock, language and client. */
import type { RequestEvent } from '@sveltejs/kit';
import type { Locale } from '$lib/paraglide/runtime';
import type { WorkContext } from '../context';
import { loadMailBrand, renderMail, type MailKind } from '../mail/templates';
import { queueMail } from '../mail/outbox';
import { requestContext } from '../request-context';
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

/** The request's context (requestContext) with what the account functions add. */
export function authContext(event: RequestEvent): AuthContext {
	key ??= loadPersonalCodeKey();
	return { ...requestContext(), key, device: readDeviceCookie(event.cookies) };
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
