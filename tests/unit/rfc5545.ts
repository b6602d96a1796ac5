/**
 * A strict line-level check of the iCalendar text the portal writes (RFC 5545), stricter than
 * ical.js, which accepts much that strict clients refuse. It knows the properties the portal
 * emits and refuses any other. Returns the problems found; none means the text passes.
 */

// §3.3.6 duration, §3.3.4 date, §3.3.5 date-time (UTC form only: the portal writes no others).
const DURATION = /^[+-]?P(\d+W|(\d+D)?(T(\d+H(\d+M(\d+S)?)?|\d+M(\d+S)?|\d+S))?)$/;
const DATE = /^\d{8}$/;
const DATE_TIME_UTC = /^\d{8}T\d{6}Z$/;
// §3.3.11: in TEXT, a backslash, semicolon and comma are escaped; no control characters.
// eslint-disable-next-line no-control-regex -- controls are what is refused
const TEXT = /^(?:[^\\;,\u0000-\u0008\u000a-\u001f\u007f]|\\[\\;,nN])*$/;
const NAME = /^[A-Za-z0-9-]+$/;

type Rule = { value: RegExp; params?: Record<string, RegExp>; required?: boolean };

const CALENDAR: Record<string, Rule> = {
	VERSION: { value: /^2\.0$/, required: true },
	PRODID: { value: TEXT, required: true },
	CALSCALE: { value: /^GREGORIAN$/ },
	METHOD: { value: /^PUBLISH$/ },
	'X-WR-CALNAME': { value: TEXT },
	'X-PUBLISHED-TTL': { value: DURATION },
	'REFRESH-INTERVAL': { value: DURATION, params: { VALUE: /^DURATION$/ } }
};

const EVENT: Record<string, Rule> = {
	UID: { value: TEXT, required: true },
	DTSTAMP: { value: DATE_TIME_UTC, required: true },
	DTSTART: { value: DATE, params: { VALUE: /^DATE$/ }, required: true },
	DTEND: { value: DATE, params: { VALUE: /^DATE$/ } },
	DURATION: { value: DURATION },
	SUMMARY: { value: TEXT },
	LOCATION: { value: TEXT },
	// §3.8.7.4: a moved collection is its event's next version; §3.8.1.5 says why.
	SEQUENCE: { value: /^\d+$/ },
	DESCRIPTION: { value: TEXT }
};

/** The physical lines: CRLF only, each at most 75 octets and whole UTF-8 characters. */
function physicalLines(bytes: Uint8Array, problems: string[]): string[] {
	const lines: string[] = [];
	let start = 0;
	for (let i = 0; i < bytes.length; i++) {
		if (bytes[i] === 0x0a && bytes[i - 1] !== 0x0d)
			problems.push(`line ${lines.length + 1}: LF without CR`);
		if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)
			problems.push(`line ${lines.length + 1}: CR without LF`);
		if (bytes[i] === 0x0a) {
			const line = bytes.subarray(start, i - 1);
			if (line.length > 75)
				problems.push(`line ${lines.length + 1}: ${line.length} octets, over 75`);
			try {
				lines.push(new TextDecoder('utf-8', { fatal: true }).decode(line));
			} catch {
				problems.push(`line ${lines.length + 1}: a UTF-8 character split by folding`);
				lines.push('');
			}
			start = i + 1;
		}
	}
	if (start !== bytes.length) problems.push('the text does not end with CRLF');
	return lines;
}

interface ContentLine {
	line: number;
	name: string;
	params: Record<string, string>;
	value: string;
}

/** §3.1: name *(";" param) ":" value, after unfolding. */
function contentLines(physical: string[], problems: string[]): ContentLine[] {
	const logical: { line: number; text: string }[] = [];
	physical.forEach((text, index) => {
		if (/^[ \t]/.test(text)) {
			const last = logical.at(-1);
			if (!last) problems.push(`line ${index + 1}: a continuation with nothing to continue`);
			else last.text += text.slice(1);
		} else logical.push({ line: index + 1, text });
	});
	return logical.flatMap(({ line, text }) => {
		const match = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*))*):(.*)$/.exec(text);
		if (!match) {
			problems.push(`line ${line}: not a content line: ${JSON.stringify(text)}`);
			return [];
		}
		const params: Record<string, string> = {};
		for (const param of match[2]!.split(';').slice(1)) {
			const [key, value] = param.split('=') as [string, string];
			params[key.toUpperCase()] = value;
		}
		return [{ line, name: match[1]!.toUpperCase(), params, value: match[3]! }];
	});
}

function checkProperty(rules: Record<string, Rule>, property: ContentLine, problems: string[]) {
	const rule = rules[property.name];
	if (!rule) return problems.push(`line ${property.line}: ${property.name} is not expected here`);
	if (!rule.value.test(property.value))
		problems.push(
			`line ${property.line}: ${property.name} has a bad value ${JSON.stringify(property.value)}`
		);
	for (const [key, value] of Object.entries(property.params)) {
		const allowed = rule.params?.[key];
		if (!allowed || !allowed.test(value))
			problems.push(`line ${property.line}: ${property.name} has a bad parameter ${key}=${value}`);
	}
	for (const key of Object.keys(rule.params ?? {}))
		if (!(key in property.params))
			problems.push(`line ${property.line}: ${property.name} lacks its ${key} parameter`);
}

/** One value per single-valued property (all of these are), and the required ones present. */
function checkComponent(
	rules: Record<string, Rule>,
	properties: ContentLine[],
	where: string,
	problems: string[]
) {
	const seen = new Map<string, number>();
	for (const property of properties) {
		checkProperty(rules, property, problems);
		seen.set(property.name, (seen.get(property.name) ?? 0) + 1);
	}
	for (const [name, count] of seen)
		if (count > 1) problems.push(`${where}: ${name} appears ${count} times`);
	for (const [name, rule] of Object.entries(rules))
		if (rule.required && !seen.has(name)) problems.push(`${where}: ${name} is missing`);
	if (seen.has('DTEND') && seen.has('DURATION')) problems.push(`${where}: both DTEND and DURATION`);
}

export function checkIcs(text: string | Uint8Array): string[] {
	const problems: string[] = [];
	const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
	const lines = contentLines(physicalLines(bytes, problems), problems);
	if (lines[0]?.name !== 'BEGIN' || lines[0].value !== 'VCALENDAR')
		problems.push('does not begin with BEGIN:VCALENDAR');
	if (lines.at(-1)?.name !== 'END' || lines.at(-1)?.value !== 'VCALENDAR')
		problems.push('does not end with END:VCALENDAR');
	const calendar: ContentLine[] = [];
	let event: ContentLine[] | null = null;
	for (const line of lines.slice(1, -1)) {
		if (!NAME.test(line.name)) continue;
		if (line.name === 'BEGIN' && line.value === 'VEVENT' && !event) event = [];
		else if (line.name === 'END' && line.value === 'VEVENT' && event) {
			checkComponent(EVENT, event, `event at line ${line.line}`, problems);
			event = null;
		} else if (line.name === 'BEGIN' || line.name === 'END')
			problems.push(`line ${line.line}: unexpected ${line.name}:${line.value}`);
		else (event ?? calendar).push(line);
	}
	if (event) problems.push('an event is not ended');
	checkComponent(CALENDAR, calendar, 'the calendar', problems);
	return problems;
}
