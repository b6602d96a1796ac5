/**
 * The notices customers are shown: the last import's, and those the staff wrote in the
 * console (staff/notices.ts). Both are stored as rows of the same fields and read as the
 * domain's Notice, so the pages and the e-mails show them the same way.
 */
import { isFraction } from '../calendar';
import { staffNoticeId, type Notice } from '../domain/notice';
import type { Db } from './db';
import type { NoticeFields, NoticeTable, StaffNoticeTable } from './db/schema';
import type { Selectable } from 'kysely';

const joinList = (items: string[]) => items.join(' ');
const splitList = (value: string) => value.split(' ').filter((item) => item !== '');

/** A notice's audience and words as stored. */
export function noticeFields(notice: Omit<Notice, 'id'>): NoticeFields {
	return {
		severity: notice.severity,
		from_day: notice.from,
		to_day: notice.to,
		fractions: joinList(notice.fractions),
		contracts: joinList(notice.contracts),
		area: notice.area,
		text_lv: notice.text.lv,
		text_en: notice.text.en,
		text_ru: notice.text.ru
	};
}

export function noticeRow(notice: Notice): Selectable<NoticeTable> {
	return { id: notice.id, ...noticeFields(notice) };
}

function noticeOf(id: string, row: NoticeFields): Notice {
	return {
		id,
		severity: row.severity,
		from: row.from_day,
		to: row.to_day,
		fractions: splitList(row.fractions).filter(isFraction),
		contracts: splitList(row.contracts),
		area: row.area,
		text: { lv: row.text_lv, en: row.text_en, ru: row.text_ru }
	};
}

export const toNotice = (row: Selectable<NoticeTable>): Notice => noticeOf(row.id, row);

export const staffNoticeOf = (row: Selectable<StaffNoticeTable>): Notice =>
	noticeOf(staffNoticeId(row.id), row);

/** A notice and the instant customers first see it: an export's at once (null), a console one when published. */
export interface ListedNotice {
	notice: Notice;
	shownFrom: string | null;
}

/**
 * Every notice that is or will be shown: an export holds few and the console adds few, so
 * they are kept with the company (published.ts); the pages pick each customer's current ones
 * (currentNotices) from those already published (shownNotices).
 */
export async function listNotices(db: Db): Promise<ListedNotice[]> {
	const [imported, written] = await Promise.all([
		db.selectFrom('notice').selectAll().orderBy('from_day').orderBy('id').execute(),
		db
			.selectFrom('staff_notice')
			.selectAll()
			.where('withdrawn_at', 'is', null)
			.orderBy('from_day')
			.orderBy('id')
			.execute()
	]);
	return [
		...imported.map((row) => ({ notice: toNotice(row), shownFrom: null })),
		...written.map((row) => ({ notice: staffNoticeOf(row), shownFrom: row.publish_at }))
	];
}

/** The notices published by `now`: a scheduled one waits for its time. */
export function shownNotices(listed: ListedNotice[], now: Date): Notice[] {
	const instant = now.toISOString();
	return listed
		.filter((entry) => entry.shownFrom === null || entry.shownFrom <= instant)
		.map((entry) => entry.notice);
}
