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

/** A whole CSV: one line per row, CRLF as RFC 4180 has it. */
export const csvText = (rows: (string | null)[][]) =>
	rows.map((cells) => cells.map(csvCell).join(';')).join('\r\n') + '\r\n';

/**
 * A CSV download of the console: UTF-8 with a byte-order mark, which Excel needs to read
 * Latvian letters, under a name with the day.
 */
export function csvDownload(name: string, rows: (string | null)[][], today: string): Response {
	return new Response(`\ufeff${csvText(rows)}`, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${name}-${today}.csv"`,
			'Cache-Control': 'private, no-store'
		}
	});
}
