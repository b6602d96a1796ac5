/** How a service request, its states and a report's eligibility are worded on every page and in e-mails. */
import { day, longDay } from '../format';
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';
import type { Eligibility, PutOutPlace, RequestKind, RequestState } from './service-request';

const STATE_WORDS = {
	submitted: m.request_state_submitted,
	received: m.request_state_received,
	scheduled: m.request_state_scheduled,
	collected: m.request_state_collected,
	rejected: m.request_state_rejected
} satisfies Record<RequestState, unknown>;

export const requestStateLabel = (state: RequestState, locale: Locale) =>
	STATE_WORDS[state]({}, { locale });

const KIND_WORDS = {
	missed_collection: m.request_kind_missed_collection
} satisfies Record<RequestKind, unknown>;

export const requestKindLabel = (kind: RequestKind, locale: Locale) =>
	KIND_WORDS[kind]({}, { locale });

const PLACE_WORDS = {
	usual: m.report_place_usual,
	kerb: m.report_place_kerb,
	other: m.report_place_other
} satisfies Record<PutOutPlace, unknown>;

export const placeLabel = (place: PutOutPlace, locale: Locale) =>
	PLACE_WORDS[place]({}, { locale });

/** Why a collection cannot be reported, in the customer's words; null when it can. */
export function eligibilityText(eligibility: Eligibility, locale: Locale): string | null {
	if (eligibility.ok) return null;
	const options = { locale };
	switch (eligibility.why) {
		case 'reported':
			return m.report_why_reported({ reference: eligibility.reference }, options);
		case 'not_put_out':
			return eligibility.reason
				? m.report_why_not_put_out_reason({ reason: eligibility.reason }, options)
				: m.report_why_not_put_out({}, options);
		case 'future':
			return m.report_why_future({}, options);
		case 'too_early':
			return m.report_why_too_early({ time: eligibility.after }, options);
		case 'too_late':
			return m.report_why_too_late({ deadline: longDay(eligibility.deadline, locale) }, options);
		case 'gone':
			return m.report_why_gone({}, options);
	}
}

/** "Ieplānots: atkārtota izvešana 03.12.2026" and the like: a state with what it carries. */
export function stateSummary(
	event: { state: RequestState; returnDate: string | null },
	locale: Locale
): string {
	const label = requestStateLabel(event.state, locale);
	return event.state === 'scheduled' && event.returnDate
		? m.request_scheduled_for({ state: label, date: day(event.returnDate, locale) }, { locale })
		: label;
}
