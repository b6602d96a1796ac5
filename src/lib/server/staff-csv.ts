/** The CSV the staff commands print, for a spreadsheet: `;`-separated, RFC 4180 quoting. */
import { INVISIBLE_CHARACTERS } from '../validators';

const LEADING_BLANKS = new RegExp(`^(?:\\s|${INVISIBLE_CHARACTERS.source})*`, 'u');

/**
 * One cell. A value a spreadsheet would run as a formula (OWASP's = + - @, tab and carriage
 * return) gets a leading apostrophe, looking past leading blanks and invisible characters,
 * which spreadsheets skip before they look for a formula.
 */
export function csvCell(value: string | null): string {
	const raw = value ?? '';
	const first = raw.replace(LEADING_BLANKS, '').charAt(0);
	const text = /^[=+\-@\t\r]/.test(raw) || /[=+\-@]/.test(first) ? `'${raw}` : raw;
	return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
