/**
 * Device cookies, as OWASP describes them: a browser that signed in to a contract or e-mail
 * is given a cookie, and the database remembers which targets it is trusted for. Its later
 * attempts at those targets are throttled by the device, not by the target, so wrong guesses
 * from elsewhere that keep the target throttled do not keep this browser out; a stolen
 * cookie still gets only the few free guesses a target gets.
 */
import type { Cookies } from '@sveltejs/kit';
import type { Db } from '../db';
import { generateSecretToken, hashToken, isSecretToken } from './session';
import { cookieAttributes } from '../cookies';

export const DEVICE_COOKIE = 'device';
/** Long enough for a monthly invoice's sign-in, short enough that an old browser is forgotten. */
const TRUST_MS = 365 * 24 * 60 * 60 * 1000;

export interface TrustedDevice {
	token: string;
	expiresAt: Date;
}

/** The device token of a cookie, when it has the shape of one. */
export function readDeviceCookie(cookies: Cookies): string | null {
	const token = cookies.get(DEVICE_COOKIE);
	return token && isSecretToken(token) ? token : null;
}

/** The throttle keys of an attempt at a target: the device's own when it is trusted for it. */
export async function throttleKeys(
	ctx: { db: Db; now: Date; clientAddress: string; device: string | null },
	target: string
): Promise<string[]> {
	const address = `address:${ctx.clientAddress}`;
	if (!ctx.device) return [address, target];
	const trusted = await ctx.db
		.selectFrom('trusted_device')
		.select('target')
		.where('token_hash', '=', hashToken(ctx.device))
		.where('target', '=', target)
		.where('expires_at', '>', ctx.now.toISOString())
		.executeTakeFirst();
	return trusted ? [address, `device:${hashToken(ctx.device)}:${target}`] : [address, target];
}

/** After a successful sign-in: the browser is trusted for the target (a new cookie if it had none). */
export async function trustDevice(
	ctx: { db: Db; now: Date; device: string | null },
	target: string
): Promise<TrustedDevice> {
	const token = ctx.device ?? generateSecretToken();
	const expiresAt = new Date(ctx.now.getTime() + TRUST_MS);
	const values = { trusted_at: ctx.now.toISOString(), expires_at: expiresAt.toISOString() };
	await ctx.db
		.insertInto('trusted_device')
		.values({ token_hash: hashToken(token), target, ...values })
		.onConflict((oc) => oc.columns(['token_hash', 'target']).doUpdateSet(values))
		.execute();
	return { token, expiresAt };
}

export function setDeviceCookie(
	{ cookies, url }: { cookies: Cookies; url: URL },
	device: TrustedDevice
): void {
	// Kept at sign-out: it says which browser this is, nothing about the customer's data.
	cookies.set(DEVICE_COOKIE, device.token, { ...cookieAttributes(url), expires: device.expiresAt });
}
