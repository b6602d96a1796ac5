/** Checks for the identifiers Latvian customers and banks use; shared by forms and the import. */

/**
 * Direction controls (embeddings, overrides, isolates, marks) and zero-width characters. They
 * are invisible, and a right-to-left override makes a name read as another ("Trojan Source",
 * CVE-2021-42574); no name, address or invoice line needs them.
 */
export const INVISIBLE_CHARACTERS = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

export type Check<T = string> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Check<T> => ({ ok: true, value });
const bad = (reason: string): Check<never> => ({ ok: false, reason });

/** The day exists in the proleptic Gregorian calendar (2025-02-30 does not). */
export function isRealDate(year: number, month: number, day: number): boolean {
	if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
	if (month < 1 || month > 12 || day < 1) return false;
	const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
	const thirty = month === 4 || month === 6 || month === 9 || month === 11;
	const length = month === 2 ? (leap ? 29 : 28) : thirty ? 30 : 31;
	return day <= length;
}

// Weights of the pre-2017 personal code's check digit, as published with the
// code's format (the 11th digit is (1 + Σ wᵢdᵢ) mod 11 mod 10).
const PERSONAL_CODE_WEIGHTS = [10, 5, 8, 4, 2, 1, 6, 3, 7, 9];

/**
 * A Latvian personal code: the old `DDMMYY-CNNNX` (birth date, century digit 0–2,
 * check digit) or the code issued since 1 July 2017, which starts with 32–39 and
 * carries neither a birth date nor a check digit. Returns the 11 digits without the hyphen.
 */
export function checkPersonalCode(input: string): Check {
	const compact = input.trim().replace(/[\s-]/g, '');
	if (!/^\d{11}$/.test(compact)) return bad('a personal code has 11 digits (DDMMYY-NNNNN)');
	const first2 = Number(compact.slice(0, 2));
	if (first2 >= 32 && first2 <= 39) return ok(compact);
	const century = Number(compact[6]);
	if (century > 2)
		return bad('the 7th digit of an old personal code gives the century (0, 1 or 2)');
	const day = Number(compact.slice(0, 2));
	const month = Number(compact.slice(2, 4));
	const year = 1800 + century * 100 + Number(compact.slice(4, 6));
	if (!isRealDate(year, month, day))
		return bad('the birth date in the personal code does not exist');
	if (personalCodeCheckDigit(compact.slice(0, 10)) !== Number(compact[10]))
		return bad('the check digit of the personal code is wrong');
	return ok(compact);
}

/** The 11th digit of an old personal code, from its first 10. */
export function personalCodeCheckDigit(first10: string): number {
	let sum = 1;
	for (let i = 0; i < 10; i++) sum += (PERSONAL_CODE_WEIGHTS[i] ?? 0) * Number(first10[i]);
	return (sum % 11) % 10;
}

export function formatPersonalCode(code: string): string {
	return `${code.slice(0, 6)}-${code.slice(6)}`;
}

// Weights from the Enterprise Register's rule: Σ wᵢdᵢ over the first 10 digits plus the
// check digit ≡ 3 (mod 11).
const REGISTRATION_WEIGHTS = [9, 1, 4, 8, 3, 10, 2, 5, 7, 6];

/** A Latvian company registration number: 11 digits, the first 4–9, with its check digit. */
/** An EU VAT number: the country's two letters, then 2–12 digits or letters (LV40003521600). */
export function checkVatNumber(input: string): Check {
	const compact = input
		.trim()
		.replace(/[\s.-]/g, '')
		.toUpperCase();
	if (!/^[A-Z]{2}[0-9A-Z]{2,12}$/.test(compact))
		return bad('a VAT number is the country code and 2–12 digits or letters, e.g. LV40003521600');
	return ok(compact);
}

export function checkRegistrationNumber(input: string): Check {
	const compact = input.trim().replace(/\s/g, '').replace(/^LV/i, '');
	if (!/^\d{11}$/.test(compact)) return bad('a registration number has 11 digits');
	if (Number(compact[0]) < 4) return bad('a company registration number starts with 4 to 9');
	if (registrationCheckDigit(compact.slice(0, 10)) !== Number(compact[10]))
		return bad('the check digit of the registration number is wrong');
	return ok(compact);
}

/** The 11th digit of a registration number from its first 10; null when no digit fits (such numbers are not issued). */
export function registrationCheckDigit(first10: string): number | null {
	let sum = 0;
	for (let i = 0; i < 10; i++) sum += (REGISTRATION_WEIGHTS[i] ?? 0) * Number(first10[i]);
	const check = (((3 - sum) % 11) + 11) % 11;
	return check < 10 ? check : null;
}

// IBAN lengths of the SEPA countries (ISO 13616 registry); a Latvian IBAN has 21 characters.
const IBAN_LENGTHS: Record<string, number> = {
	AD: 24,
	AT: 20,
	BE: 16,
	BG: 22,
	CH: 21,
	CY: 28,
	CZ: 24,
	DE: 22,
	DK: 18,
	EE: 20,
	ES: 24,
	FI: 18,
	FR: 27,
	GB: 22,
	GI: 23,
	GR: 27,
	HR: 21,
	HU: 28,
	IE: 22,
	IS: 26,
	IT: 27,
	LI: 21,
	LT: 20,
	LU: 20,
	LV: 21,
	MC: 27,
	MT: 31,
	NL: 18,
	NO: 15,
	PL: 28,
	PT: 25,
	RO: 24,
	SE: 24,
	SI: 19,
	SK: 24,
	SM: 27,
	VA: 22
};

/** An IBAN of a SEPA country, with its ISO 7064 mod-97 check digits. Returns it compact, upper case. */
export function checkIban(input: string): Check {
	const compact = input.replace(/\s/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(compact))
		return bad('an IBAN starts with a country code and two check digits');
	const length = IBAN_LENGTHS[compact.slice(0, 2)];
	if (length === undefined) return bad('the IBAN is not of a SEPA country');
	if (compact.length !== length)
		return bad(`an IBAN of ${compact.slice(0, 2)} has ${length} characters`);
	if (ibanRemainder(compact) !== 1) return bad('the check digits of the IBAN are wrong');
	return ok(compact);
}

function ibanRemainder(iban: string): number {
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	let remainder = 0;
	for (const char of rearranged) {
		const digits = char >= 'A' ? String(char.charCodeAt(0) - 55) : char;
		for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
	}
	return remainder;
}

/** Completes an IBAN from its country and account part by computing the check digits. */
export function makeIban(country: string, account: string): string {
	const remainder = ibanRemainder(`${country}00${account}`);
	return `${country}${String(98 - remainder).padStart(2, '0')}${account}`;
}

export function formatIban(iban: string): string {
	return iban.replace(/(.{4})/g, '$1 ').trim();
}

/** A contract number as the billing system writes it: letters, digits and - / . _ (e.g. "dem-1-oju"). */
export function checkContractNumber(input: string): Check {
	const value = input.trim();
	if (value === '') return bad('the contract number is empty');
	if (value.length > 32) return bad('a contract number has at most 32 characters');
	if (!/^[\p{L}\d][\p{L}\d\-/._]*$/u.test(value))
		return bad('a contract number has letters, digits and - / . _ only');
	return ok(value);
}

/** RFC 5321's limit on a path, which bounds every address a mail server accepts. */
export const EMAIL_MAX = 254;

/** An e-mail address in the form mail servers accept; stored lower-case so logins ignore case. */
export function checkEmail(input: string): Check {
	const value = input.trim().toLowerCase();
	if (value.length > EMAIL_MAX) return bad('an e-mail address has at most 254 characters');
	if (!/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/u.test(value))
		return bad('the e-mail address is not valid');
	return ok(value);
}

/** A phone number with an optional + and digits, spaces and hyphens. */
export function checkPhone(input: string): Check {
	const value = input.trim().replace(/\s+/g, ' ');
	if (!/^\+?[\d ()-]{6,20}$/.test(value)) return bad('a phone number has 6 to 20 digits');
	return ok(value);
}

/** Contract, container and document numbers: 1–40 letters, digits or - / . _ (the import's rule). */
export function isRecordCode(input: string): boolean {
	return /^[\p{L}\d][\p{L}\d\-/._]{0,39}$/u.test(input);
}
