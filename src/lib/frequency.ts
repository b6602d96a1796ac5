/**
 * A container's emptying frequency, which the billing system exports in its own Latvian words
 * ("1 reizi 2 nedēļās"). Read into a count per period, it is said in the customer's language;
 * words it does not recognise are shown as the company wrote them.
 */
import type { Locale } from '$lib/paraglide/runtime';
import { m } from '$lib/paraglide/messages';

export interface Frequency {
	times: number;
	every: number;
	unit: 'week' | 'month';
}

const WORDS = /^(?:(\d{1,2}) )?reiz(?:i|es) (?:(\d{1,2}) )?(nedēļā|nedēļās|mēnesī|mēnešos)$/;

/** "1 reizi nedēļā", "2 reizes mēnesī", "1 reizi 8 nedēļās"; null for anything else. */
export function readFrequency(words: string): Frequency | null {
	const match = WORDS.exec(words.trim().replace(/\s+/g, ' ').toLocaleLowerCase('lv'));
	if (!match) return null;
	const [, times = '1', every = '1', period] = match;
	const frequency: Frequency = {
		times: Number(times),
		every: Number(every),
		unit: period!.startsWith('ned') ? 'week' : 'month'
	};
	return frequency.times > 0 && frequency.every > 0 ? frequency : null;
}

/** The frequency in the customer's language, or the billing system's words when unknown. */
export function describeFrequency(words: string, locale: Locale): string {
	const frequency = readFrequency(words);
	if (!frequency) return words;
	const { times, every, unit } = frequency;
	const count = { count: every };
	const period =
		unit === 'week'
			? every === 1
				? m.frequency_week({}, { locale })
				: m.frequency_weeks(count, { locale })
			: every === 1
				? m.frequency_month({}, { locale })
				: m.frequency_months(count, { locale });
	return `${m.frequency_times({ count: times }, { locale })} ${period}`;
}
