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
export type StaffStatus = 'disabled' | 'invited' | 'setup' | 'active';

const STAFF_STATUS_WORDS = {
	disabled: m.staff_status_disabled,
	invited: m.staff_status_invited,
	setup: m.staff_status_setup,
	active: m.staff_status_active
} satisfies Record<StaffStatus, unknown>;

export const staffStatusLabel = (status: StaffStatus, locale: Locale) =>
	STAFF_STATUS_WORDS[status]({}, { locale });
