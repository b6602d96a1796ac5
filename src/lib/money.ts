/** Money is kept in integer euro cents; these convert it to and from text. */

/**
 * Parses an amount as Latvian accounting exports write it: "1234.56", "1234,56",
 * "1 234,56", "-5", or a JSON number. At most two decimals, never floating-point.
 */
export function parseCents(input: unknown): number | null {
	if (typeof input === 'number')
		return Number.isFinite(input) ? readDecimal(String(input), 12, 2, true) : null;
	if (typeof input !== 'string') return null;
	// Most amounts are plainly written; only the others need spaces taken out and a comma read.
	return (
		readDecimal(input, 12, 2, true) ??
		readDecimal(
			input
				.trim()
				.replace(/[\s\u00a0]/g, '')
				.replace(',', '.'),
			12,
			2,
			true
		)
	);
}

/** Parses a decimal quantity (up to three decimals) into thousandths. */
export function parseMilli(input: unknown): number | null {
	const text =
		typeof input === 'number'
			? String(input)
			: typeof input === 'string'
				? input.trim().replace(',', '.')
				: '';
	return readDecimal(text, 9, 3, false);
}

/**
 * A plainly written decimal as a whole number of its smallest unit (hundredths for two
 * decimals): an optional minus when `signed`, 1 to `wholeDigits` digits, then optionally a
 * point and 1 to `decimals` digits; null for anything else. Read from the character codes: the
 * import reads some ten million amounts and quantities, and a regular expression's match with
 * its strings cost several times more (docs/performance.md).
 */
function readDecimal(
	text: string,
	wholeDigits: number,
	decimals: number,
	signed: boolean
): number | null {
	const negative = signed && text.charCodeAt(0) === 45; // "-"
	const start = negative ? 1 : 0;
	let value = 0;
	let i = start;
	for (; i < text.length; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (digit < 0 || digit > 9) break;
		value = value * 10 + digit;
	}
	if (i === start || i - start > wholeDigits) return null;
	let unit = 10 ** decimals;
	if (i < text.length) {
		const written = text.length - i - 1;
		if (text.charCodeAt(i) !== 46 || written < 1 || written > decimals) return null; // "."
		for (i++; i < text.length; i++) {
			const digit = text.charCodeAt(i) - 48;
			if (digit < 0 || digit > 9) return null;
			value = value * 10 + digit;
			unit /= 10;
		}
	}
	value *= unit;
	return negative ? -value : value;
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
