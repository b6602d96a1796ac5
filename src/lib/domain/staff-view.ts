/** How the staff console words the queue: on its pages and in its CSV downloads alike. */
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';
import { requestKindLabel, requestStateLabel } from './request-view';
import type { CustomerRequestState, QueueFilter, QueueItem, QueueType } from './staff-queue';

export function queueTypeLabel(type: QueueType | 'all', locale: Locale): string {
	if (type === 'all') return m.staff_filter_all({}, { locale });
	if (type === 'contact') return m.staff_type_contact({}, { locale });
	if (type === 'e_invoice') return m.staff_type_e_invoice({}, { locale });
	return requestKindLabel(type, locale);
}

const CUSTOMER_STATE_WORDS = {
	open: m.staff_state_open,
	received: m.staff_state_agreement_received,
	active: m.staff_state_agreement_active,
	done: m.request_state_done,
	superseded: m.staff_state_superseded
} satisfies Record<CustomerRequestState, unknown>;

export const customerRequestStateLabel = (state: CustomerRequestState, locale: Locale) =>
	CUSTOMER_STATE_WORDS[state]({}, { locale });

export const queueStateLabel = (item: QueueItem, locale: Locale): string =>
	item.service
		? requestStateLabel(item.state, locale, item.type)
		: customerRequestStateLabel(item.state, locale);

export function filterStateLabel(state: QueueFilter['state'], locale: Locale): string {
	if (state === 'open') return m.staff_state_open({}, { locale });
	if (state === 'all') return m.staff_filter_all({}, { locale });
	return requestStateLabel(state, locale);
}

export const filterAgeLabel = (age: QueueFilter['age'], locale: Locale) =>
	age === 0
		? m.staff_filter_any_age({}, { locale })
		: m.staff_filter_age({ days: age }, { locale });

/** Where a staff account stands: disabled, invited (no password yet), to set up its app, or active. */
export function staffStatusLabel(
	account: { disabled_at: string | null; has_password: boolean; has_two_factor: boolean },
	locale: Locale
): string {
	const options = { locale };
	if (account.disabled_at) return m.staff_status_disabled({}, options);
	if (!account.has_password) return m.staff_status_invited({}, options);
	if (!account.has_two_factor) return m.staff_status_setup({}, options);
	return m.staff_status_active({}, options);
}
