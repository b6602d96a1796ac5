/** Money is kept in integer euro cents; these convert it to and from text. */

/**
 * Parses an amount as Latvian accounting exports write it: "1234.56", "1234,56",
 * "1 234,56", "-5", or a JSON number. At most two decimals, never floating-point.
 */
export function parseCents(input: unknown): number | null {
	let text: string;
	if (typeof input === 'number') {
		if (!Number.isFinite(input)) return null;
		text = String(input);
	} else if (typeof input === 'string') {
		text = input
			.trim()
			.replace(/[\s\u00a0]/g, '')
			.replace(',', '.');
	} else return null;
	const match = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text);
	if (!match) return null;
	const cents = Number(match[2]) * 100 + Number((match[3] ?? '').padEnd(2, '0'));
	return match[1] === '-' ? -cents : cents;
}

/** Parses a decimal quantity (up to three decimals) into thousandths. */
export function parseMilli(input: unknown): number | null {
	const text =
		typeof input === 'number'
			? String(input)
			: typeof input === 'string'
				? input.trim().replace(',', '.')
				: '';
	const match = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(text);
	if (!match) return null;
	return Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
}

/** One formatter per locale: making one costs far more than using it. */
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(cents: number, locale: string): string {
	let format = moneyFormats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' });
		moneyFormats.set(locale, format);
	}
	return format.format(cents / 100);
}
