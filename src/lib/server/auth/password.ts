/** Password hashing (argon2id) and the rules for a new password. */
import { hash, verify } from '@node-rs/argon2';
import commonPasswordList from './common-passwords.txt?raw';

export const PASSWORD_MIN = 8;
/** Long passphrases are welcome; the cap only keeps hashing cost bounded. */
export const PASSWORD_MAX = 256;

// OWASP's argon2id minimum: 19 MiB of memory, 2 passes, 1 lane. Algorithm 2 is Argon2id
// (the package's const enum cannot be read under isolated modules).
const OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 };

let common: Set<string> | undefined;

function isCommon(password: string): boolean {
	common ??= new Set(
		commonPasswordList
			.split('\n')
			.filter((line) => line !== '' && !line.startsWith('#'))
			.map((line) => line.toLowerCase())
	);
	return common.has(password.toLowerCase());
}

export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

/** Checks a new password as given, never trimmed, truncated or case-folded. */
export function checkNewPassword(password: string): PasswordProblem | null {
	const length = [...password].length;
	if (length < PASSWORD_MIN) return 'too_short';
	if (length > PASSWORD_MAX) return 'too_long';
	if (isCommon(password)) return 'too_common';
	return null;
}

export function hashPassword(password: string): Promise<string> {
	return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash of nothing anybody knows, verified when an e-mail is unknown so both answers take as long. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
	decoy ??= hashPassword(crypto.randomUUID());
	return decoy;
}
