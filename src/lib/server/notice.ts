/** The notices the last import brought: stored as rows, read as the domain's Notice. */
import { isFraction } from '../calendar';
import type { Notice } from '../domain/notice';
import type { Db } from './db';
import type { NoticeTable } from './db/schema';
import type { Selectable } from 'kysely';

const joinList = (items: string[]) => items.join(' ');
const splitList = (value: string) => value.split(' ').filter((item) => item !== '');

export function noticeRow(notice: Notice): Selectable<NoticeTable> {
	return {
		id: notice.id,
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

export function toNotice(row: Selectable<NoticeTable>): Notice {
	return {
		id: row.id,
		severity: row.severity,
		from: row.from_day,
		to: row.to_day,
		fractions: splitList(row.fractions).filter(isFraction),
		contracts: splitList(row.contracts),
		area: row.area,
		text: { lv: row.text_lv, en: row.text_en, ru: row.text_ru }
	};
}

/**
 * Every stored notice: an export holds few, and each import replaces them, so they are kept
 * with the company per import run (published.ts); the pages pick each customer's current
 * ones (currentNotices).
 */
export async function listNotices(db: Db): Promise<Notice[]> {
	const rows = await db
		.selectFrom('notice')
		.selectAll()
		.orderBy('from_day')
		.orderBy('id')
		.execute();
	return rows.map(toNotice);
}
