/**
 * What the `ics` package's output lacks for strict clients (RFC 5545), put right in one place
 * for the download and the subscription feed alike:
 * - lines folded at 75 octets, never inside a UTF-8 character (§3.1; the package counts
 *   characters, and Latvian lines reached 81 octets, Russian ones 106);
 * - the calendar's name as escaped TEXT (§3.3.11; the package writes its commas bare);
 * - one refresh interval: the package always writes X-PUBLISHED-TTL:PT1H, so apps polled hourly.
 */

/** §3.3.11: backslash, semicolon, comma and newline escaped. */
export function escapeIcsText(value: string): string {
	return value.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n');
}

const utf8Length = (codePoint: number) =>
	codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;

/** One logical line as physical lines of at most 75 octets; a continuation starts with a space. */
function foldLine(line: string): string {
	let folded = '';
	let octets = 0;
	for (const char of line) {
		const size = utf8Length(char.codePointAt(0)!);
		if (octets + size > 75) {
			folded += '\r\n ';
			octets = 1;
		}
		folded += char;
		octets += size;
	}
	return folded;
}

export interface IcsFinish {
	calendarName: string;
	/** For a subscription: how often apps should fetch it again (RFC 7986, and the older X-PUBLISHED-TTL). */
	refresh?: 'P1D';
}

export function finishIcs(text: string, finish: IcsFinish): string {
	const calendarLines = [`X-WR-CALNAME:${escapeIcsText(finish.calendarName)}`];
	if (finish.refresh)
		calendarLines.push(
			`REFRESH-INTERVAL;VALUE=DURATION:${finish.refresh}`,
			`X-PUBLISHED-TTL:${finish.refresh}`
		);
	const lines = text
		.replace(/\r\n[ \t]/g, '')
		.split('\r\n')
		.filter((line) => !/^(X-PUBLISHED-TTL|X-WR-CALNAME|REFRESH-INTERVAL)[;:]/.test(line));
	const header = lines.indexOf('BEGIN:VEVENT');
	lines.splice(header === -1 ? lines.indexOf('END:VCALENDAR') : header, 0, ...calendarLines);
	return lines.map(foldLine).join('\r\n');
}
