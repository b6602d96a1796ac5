import { m } from '$lib/paraglide/messages';
import { noticeAudience, noticeStateLabel } from '$lib/domain/staff-notice';
import { requestContext } from '$lib/server/request-context';
import { csvDownload } from '$lib/server/staff-csv';
import { requireStaff } from '$lib/server/staff/guard';
import { listStaffNotices } from '$lib/server/staff/notices';
import type { RequestHandler } from './$types';

/** The notices as the page lists them, with their whole audience and texts, for a spreadsheet. */
export const GET: RequestHandler = async () => {
	await requireStaff('admin');
	const { db, locale, now, today } = requestContext();
	const notices = await listStaffNotices(db, { now, today });
	return csvDownload(
		'notices',
		[
			[
				'id',
				m.staff_notice_col_source(),
				m.staff_filter_state(),
				m.staff_notice_severity(),
				'from',
				'to',
				m.staff_notice_col_audience(),
				'fractions',
				'contracts',
				'area',
				'publish_at',
				'withdrawn_at',
				'text_lv',
				'text_en',
				'text_ru'
			],
			...notices.map((listed) => {
				const { notice } = listed;
				return [
					notice.id,
					listed.author ?? m.staff_notice_source_import(),
					noticeStateLabel(listed, locale),
					notice.severity,
					notice.from,
					notice.to,
					noticeAudience(notice, locale),
					notice.fractions.join(' '),
					notice.contracts.join(' '),
					notice.area,
					listed.publishAt,
					listed.withdrawnAt,
					notice.text.lv,
					notice.text.en,
					notice.text.ru
				];
			})
		],
		today
	);
};
