/** Reads the fields of one export object, reporting each bad value and returning null for it. */
import { parseDay } from '../../dates';
import { parseCents, parseMilli } from '../../money';
import { INVISIBLE_CHARACTERS, type Check } from '../../validators';
import { ProblemList, type Where } from './problems';

export class Fields {
	constructor(
		readonly value: Record<string, unknown>,
		readonly where: Where,
		readonly problems: ProblemList
	) {}

	report(key: string, reason: string): null {
		this.problems.add(this.where, key, reason);
		return null;
	}

	private present(key: string): unknown {
		const raw = this.value[key];
		if (raw === undefined || raw === null) return undefined;
		if (typeof raw === 'string' && raw.trim() === '') return undefined;
		return raw;
	}

	text(key: string, maxLength = 200): string | null {
		const raw = this.present(key);
		if (raw === undefined) return this.report(key, 'is required');
		return this.checkText(key, raw, maxLength);
	}

	optionalText(key: string, maxLength = 200): string | null {
		const raw = this.present(key);
		return raw === undefined ? null : this.checkText(key, raw, maxLength);
	}

	private checkText(key: string, raw: unknown, maxLength: number): string | null {
		if (typeof raw !== 'string' && typeof raw !== 'number') return this.report(key, 'must be text');
		const text = String(raw).trim();
		if (text.length > maxLength) return this.report(key, `has more than ${maxLength} characters`);
		// Control characters would end up in e-mails and PDFs; an export never needs them.
		// eslint-disable-next-line no-control-regex -- matching them is the point
		if (/[\u0000-\u001f\u007f]/.test(text)) return this.report(key, 'contains control characters');
		const invisible = INVISIBLE_CHARACTERS.exec(text);
		if (invisible)
			return this.report(
				key,
				`contains an invisible or direction-changing character (U+${invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`
			);
		return text;
	}

	/** A value that must pass one of the shared validators. */
	checked(key: string, check: (input: string) => Check, required = true): string | null {
		const text = required ? this.text(key, 300) : this.optionalText(key, 300);
		if (text === null) return null;
		const result = check(text);
		return result.ok ? result.value : this.report(key, result.reason);
	}

	oneOf<T extends string>(key: string, allowed: readonly T[], fallback?: T): T | null {
		const raw = this.present(key);
		if (raw === undefined) return fallback ?? this.report(key, 'is required');
		const found = allowed.find((option) => option === raw);
		return found ?? this.report(key, `must be one of: ${allowed.join(', ')}`);
	}

	/** One of `allowed`, or null when the field is left out. */
	optionalOneOf<T extends string>(key: string, allowed: readonly T[]): T | null {
		return this.present(key) === undefined ? null : this.oneOf(key, allowed);
	}

	/** A day, or null when the field is left out. */
	optionalDay(key: string): string | null {
		return this.present(key) === undefined ? null : this.day(key);
	}

	day(key: string): string | null {
		const raw = this.present(key);
		if (raw === undefined) return this.report(key, 'is required');
		return (
			parseDay(raw) ??
			this.report(key, `"${String(raw)}" is not a date that exists (YYYY-MM-DD or DD.MM.YYYY)`)
		);
	}

	cents(key: string, rule: 'any' | 'not negative' | 'positive' = 'not negative'): number | null {
		const raw = this.present(key);
		if (raw === undefined) return this.report(key, 'is required');
		const cents = parseCents(raw);
		if (cents === null)
			return this.report(key, `"${String(raw)}" is not an amount in euros with at most 2 decimals`);
		if (rule === 'not negative' && cents < 0) return this.report(key, 'must not be negative');
		if (rule === 'positive' && cents <= 0) return this.report(key, 'must be more than zero');
		return cents;
	}

	milli(key: string): number | null {
		const raw = this.present(key);
		if (raw === undefined) return this.report(key, 'is required');
		return (
			parseMilli(raw) ??
			this.report(
				key,
				`"${String(raw)}" is not a quantity that is zero or more, with at most 3 decimals`
			)
		);
	}

	integer(key: string, min: number, max: number): number | null {
		const raw = this.present(key);
		if (raw === undefined) return this.report(key, 'is required');
		const number =
			typeof raw === 'number'
				? raw
				: typeof raw === 'string' && /^-?\d+$/.test(raw.trim())
					? Number(raw)
					: NaN;
		if (!Number.isInteger(number) || number < min || number > max)
			return this.report(key, `must be a whole number from ${min} to ${max}`);
		return number;
	}

	/** A nested list (JSON) or the rows the CSV reader gathered under this key. */
	list(key: string): unknown[] {
		const raw = this.value[key];
		if (raw === undefined || raw === null) return [];
		if (!Array.isArray(raw)) {
			this.report(key, 'must be a list');
			return [];
		}
		return raw;
	}
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
