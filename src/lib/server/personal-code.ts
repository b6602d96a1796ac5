/**
 * Personal codes are never stored in clear: only an HMAC-SHA-256 under a secret key, so a
 * copy of the database alone cannot be searched for a code (there are only ~10⁸ of them,
 * too few for a plain hash). The key comes from PERSONAL_CODE_KEY or a file in the data
 * folder written on first use.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { dataDirectory } from './config';

const KEY_FILE = 'personal-code.key';

export function loadPersonalCodeKey(): Buffer {
	const fromEnv = process.env.PERSONAL_CODE_KEY;
	if (fromEnv) {
		const key = Buffer.from(fromEnv, /^[0-9a-f]+$/i.test(fromEnv) ? 'hex' : 'base64');
		if (key.length < 32)
			throw new Error('PERSONAL_CODE_KEY must hold at least 32 bytes (64 hex digits)');
		return key;
	}
	const file = path.join(dataDirectory(), KEY_FILE);
	if (!fs.existsSync(file)) {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		// 'wx' fails if another process created the file meanwhile; then that key is read below.
		try {
			fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
	}
	return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'hex');
}

/** The keyed hash of a personal code given as its 11 digits (no hyphen). */
export function hashPersonalCode(key: Buffer, compactCode: string): string {
	return createHmac('sha256', key).update(compactCode).digest('hex');
}
