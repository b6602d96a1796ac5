/** The notices as the staff console shows them: where each stands, whom it is for, its days. */
import { dateTime, day } from '../format';
import { fractionName } from '../fractions';
import { m } from '../paraglide/messages';
import type { Locale } from '../paraglide/runtime';
import { staffNoticeNumber, type Notice } from './notice';

/**
 * Where a notice stands for the staff: a console notice waits for its publishing time, and
 * may be withdrawn; any notice is then upcoming, shown or ended by its days.
 */
export type NoticeState = 'withdrawn' | 'scheduled' | 'upcoming' | 'shown' | 'ended';

export function noticeState(
	notice: Notice,
	published: { publishAt: string | null; withdrawnAt: string | null },
	now: Date,
	today: string
): NoticeState {
	if (published.withdrawnAt) return 'withdrawn';
	if (published.publishAt && published.publishAt > now.toISOString()) return 'scheduled';
	if (today < notice.from) return 'upcoming';
	return today > notice.to ? 'ended' : 'shown';
}

/** A notice in the console's list: the export's or a staff member's, and where it stands. */
export interface ListedStaffNotice {
	notice: Notice;
	/** The staff member who wrote it; null for the export's. */
	author: string | null;
	publishAt: string | null;
	withdrawnAt: string | null;
	state: NoticeState;
}

/** Where a notice stands, in the staff member's words. */
export function noticeStateLabel(listed: ListedStaffNotice, locale: Locale): string {
	switch (listed.state) {
		case 'scheduled':
			return m.staff_notice_state_scheduled(
				{ at: dateTime(listed.publishAt ?? '', locale) },
				{ locale }
			);
		case 'withdrawn':
			return m.staff_notice_state_withdrawn({}, { locale });
		case 'upcoming':
			return m.staff_notice_state_upcoming({}, { locale });
		case 'shown':
			return m.staff_notice_state_shown({}, { locale });
		case 'ended':
			return m.staff_notice_state_ended({}, { locale });
	}
}

/** Whom a notice is for, in a line: its fractions, contracts and area, or everyone. */
export function noticeAudience(notice: Notice, locale: Locale): string {
	const parts = [
		...notice.fractions.map((fraction) => fractionName(fraction, locale)),
		...(notice.contracts.length > 0
			? [m.staff_notice_contracts({ count: notice.contracts.length }, { locale })]
			: []),
		...(notice.area ? [`“${notice.area}”`] : [])
	];
	return parts.length > 0 ? parts.join(', ') : m.staff_notice_everyone({}, { locale });
}

/** The notice's days: "01.12.2026–05.12.2026". */
export const noticeDays = (notice: Notice, locale: Locale) =>
	`${day(notice.from, locale)}–${day(notice.to, locale)}`;

/** How the staff name a notice: the export's id, or the console notice's number. */
export const noticeNumber = (notice: Notice) => String(staffNoticeNumber(notice.id) ?? notice.id);
