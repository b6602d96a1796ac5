/**
 * The second factor of a staff sign-in: TOTP as RFC 6238 gives it (30 s steps, six digits,
 * HMAC-SHA-1, which every authenticator app reads), through @oslojs/otp. The portal's clock
 * is the request's, so a test turns it; a code is accepted one step either side of now, for
 * a phone's clock a little off, and never twice, so a code seen over a shoulder is spent.
 * The key is kept encrypted (AES-256-GCM under a key derived from the portal's secret): a
 * copy of the database alone cannot make codes.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { createTOTPKeyURI, generateHOTP } from '@oslojs/otp';
import { loadPersonalCodeKey } from '../personal-code';

export const STEP_SECONDS = 30;
export const DIGITS = 6;
/** Steps accepted either side of the current one. */
const DRIFT_STEPS = 1;
const ISSUER = 'Klientiem';

/** The time step a moment falls in. */
export const stepAt = (now: Date) => Math.floor(now.getTime() / 1000 / STEP_SECONDS);

/** A new key: 20 random bytes, the length RFC 4226 recommends for HMAC-SHA-1. */
export const newTotpKey = (): Uint8Array => new Uint8Array(randomBytes(20));

/** The otpauth:// address an authenticator app reads from the QR code. */
export const keyUri = (email: string, key: Uint8Array) =>
	createTOTPKeyURI(ISSUER, email, key, STEP_SECONDS, DIGITS);

/** The code of a step; the tests' authenticator. */
export const codeAt = (key: Uint8Array, now: Date) =>
	generateHOTP(key, BigInt(stepAt(now)), DIGITS);

/**
 * The step a code is right for, within the drift, after the last step already used; else
 * null. A code is six digits, spaces allowed (apps show it as "123 456").
 */
export function matchCode(
	key: Uint8Array,
	input: string,
	now: Date,
	lastStep: number | null
): number | null {
	const code = input.replace(/\s/g, '');
	if (!/^\d{6}$/.test(code)) return null;
	const current = stepAt(now);
	for (let step = current - DRIFT_STEPS; step <= current + DRIFT_STEPS; step++) {
		if (lastStep !== null && step <= lastStep) continue;
		if (constantTimeEqual(generateHOTP(key, BigInt(step), DIGITS), code)) return step;
	}
	return null;
}

function constantTimeEqual(a: string, b: string): boolean {
	let difference = a.length ^ b.length;
	for (let i = 0; i < Math.min(a.length, b.length); i++)
		difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
	return difference === 0;
}

let sealingKey: Buffer | undefined;
/** Its own key, derived from the portal's secret, so the two never serve each other's purpose. */
function keyForSealing(): Buffer {
	sealingKey ??= Buffer.from(
		hkdfSync('sha256', loadPersonalCodeKey(), Buffer.alloc(0), 'klientiem staff totp key', 32)
	);
	return sealingKey;
}

/** The key as kept: base64 of nonce, ciphertext and tag. */
export function sealTotpKey(key: Uint8Array): string {
	const nonce = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keyForSealing(), nonce);
	const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
	return Buffer.concat([nonce, sealed, cipher.getAuthTag()]).toString('base64');
}

export function openTotpKey(kept: string): Uint8Array {
	const bytes = Buffer.from(kept, 'base64');
	const decipher = createDecipheriv('aes-256-gcm', keyForSealing(), bytes.subarray(0, 12));
	decipher.setAuthTag(bytes.subarray(bytes.length - 16));
	return new Uint8Array(
		Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()])
	);
}
