/**
 * Notices an admin writes in the console (issue 18, item 5): read from the form, published now
 * or at a set time, withdrawn, and reported with how many customers they concern and how many
 * e-mails went out. Customers see them as they see the export's (notice.ts).
 */
import { sql } from 'kysely';
import { m } from '$lib/paraglide/messages';
import { FRACTIONS, type Fraction } from '../../calendar';
import { instantInRiga, parseDay } from '../../dates';
import {
	NOTICE_SEVERITIES,
	staffNoticeId,
	staffNoticeNumber,
	type Notice
} from '../../domain/notice';
import { noticeState, type ListedStaffNotice } from '../../domain/staff-notice';
import { checkContractNumber } from '../../validators';
import { recordAudit, type AuditContext } from '../audit';
import type { Db } from '../db';
import { field } from '../forms';
import { noticeFields, staffNoticeOf, toNotice } from '../notice';

// The export's limits (import/records.ts), so both kinds of notice fit the same pages and e-mails.
const TEXT_MAX = 1000;
const AREA_MAX = 100;
const CONTRACTS_MAX = 500;

/** A notice as the form gives it, before it has an id. */
export interface NoticeDraft {
	notice: Omit<Notice, 'id'>;
	/** When customers first see it; null: at once. */
	publishAt: string | null;
}

/** What the staff member typed, to show the form again as it was. */
export type NoticeEcho = Record<
	| 'severity'
	| 'from'
	| 'to'
	| 'contracts'
	| 'area'
	| 'textLv'
	| 'textEn'
	| 'textRu'
	| 'publish'
	| 'publishDay'
	| 'publishTime',
	string
> & { fractions: string[] };

export type NoticeReading =
	| { ok: true; draft: NoticeDraft; echo: NoticeEcho }
	| { ok: false; message: string; echo: NoticeEcho };

function echoOf(form: FormData): NoticeEcho {
	const read = (name: string) => field(form, name).trim();
	return {
		severity: read('severity'),
		from: read('from'),
		to: read('to'),
		fractions: form.getAll('fraction').filter((value) => typeof value === 'string'),
		contracts: read('contracts'),
		area: read('area'),
		textLv: read('textLv'),
		textEn: read('textEn'),
		textRu: read('textRu'),
		publish: read('publish'),
		publishDay: read('publishDay'),
		publishTime: read('publishTime')
	};
}

/** Checks the form as a whole: one message, the first thing to mend; nothing is stored. */
export async function readNoticeForm(
	db: Db,
	form: FormData,
	{ now, today }: { now: Date; today: string }
): Promise<NoticeReading> {
	const echo = echoOf(form);
	const refuse = (message: string): NoticeReading => ({ ok: false, message, echo });
	const severity = NOTICE_SEVERITIES.find((s) => s === echo.severity);
	if (!severity) return refuse(m.staff_notice_severity_missing());
	const from = parseDay(echo.from);
	const to = parseDay(echo.to);
	if (!from || !to) return refuse(m.staff_notice_days_missing());
	if (to < from) return refuse(m.staff_notice_days_order());
	if (to < today) return refuse(m.staff_notice_days_past());
	const fractions = echo.fractions.map((value) => FRACTIONS.find((f) => f === value));
	if (fractions.includes(undefined)) return refuse(m.staff_filter_bad());
	const contracts = [...new Set(echo.contracts.split(/[\s,;]+/).filter((c) => c !== ''))];
	if (contracts.length > CONTRACTS_MAX)
		return refuse(m.staff_notice_contracts_many({ max: CONTRACTS_MAX }));
	const malformed = contracts.find((c) => !checkContractNumber(c).ok);
	if (malformed) return refuse(m.staff_notice_contract_unknown({ contract: malformed }));
	const unknown = await unknownContracts(db, contracts);
	if (unknown.length > 0) return refuse(m.staff_notice_contract_unknown({ contract: unknown[0]! }));
	if ([...echo.area].length > AREA_MAX) return refuse(m.staff_notice_area_long({ max: AREA_MAX }));
	if (echo.textLv === '') return refuse(m.staff_notice_text_missing());
	if ([echo.textLv, echo.textEn, echo.textRu].some((text) => [...text].length > TEXT_MAX))
		return refuse(m.staff_notice_text_long({ max: TEXT_MAX }));
	const publishAt = readPublishing(echo, now, to);
	if (publishAt === undefined) return refuse(m.staff_notice_publish_bad());
	const notice = {
		severity,
		from,
		to,
		fractions: fractions.filter((f): f is Fraction => f !== undefined),
		contracts,
		area: echo.area === '' ? null : echo.area,
		text: {
			lv: echo.textLv,
			en: echo.textEn === '' ? null : echo.textEn,
			ru: echo.textRu === '' ? null : echo.textRu
		}
	};
	return { ok: true, draft: { notice, publishAt }, echo };
}

/** Now (null), a later time on Riga's clock no later than the notice's last day, or undefined when neither. */
function readPublishing(echo: NoticeEcho, now: Date, lastDay: string): string | null | undefined {
	if (echo.publish === 'now') return null;
	if (echo.publish !== 'later') return undefined;
	const day = parseDay(echo.publishDay);
	if (!day || !/^([01]\d|2[0-3]):[0-5]\d$/.test(echo.publishTime) || day > lastDay)
		return undefined;
	const at = instantInRiga(day, echo.publishTime);
	return at > now ? at.toISOString() : undefined;
}

async function unknownContracts(db: Db, contracts: string[]): Promise<string[]> {
	if (contracts.length === 0) return [];
	const found = await db
		.selectFrom('customer')
		.select('contract_number')
		.where('contract_number', 'in', contracts)
		.execute();
	const known = new Set(found.map((row) => row.contract_number));
	return contracts.filter((contract) => !known.has(contract));
}

/** Each change raises the revision the servers keep their copy of the notices under. */
const nextRevision = sql<number>`(select coalesce(max(revision), 0) + 1 from staff_notice)`;

/** Stores the notice; customers see it from its publishing time. Returns its id among notices. */
export async function publishNotice(
	ctx: AuditContext,
	staffId: number,
	{ notice, publishAt }: NoticeDraft
): Promise<string> {
	const at = ctx.now.toISOString();
	const id = await ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('staff_notice')
			.values({
				...noticeFields(notice),
				publish_at: publishAt ?? at,
				withdrawn_at: null,
				revision: nextRevision,
				created_by: staffId,
				created_at: at
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await recordAudit(
			{ ...ctx, db: trx },
			{
				event: 'staff_notice',
				outcome: 'success',
				staffId,
				detail: { notice: row.id, action: publishAt ? 'scheduled' : 'published' }
			}
		);
		return row.id;
	});
	return staffNoticeId(id);
}

/** Takes a console notice off the pages (and out of the e-mails still to go); false when it was not showing or due. */
export async function withdrawNotice(
	ctx: AuditContext,
	staffId: number,
	noticeId: string
): Promise<boolean> {
	const id = staffNoticeNumber(noticeId);
	if (id === null) return false;
	return ctx.db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('staff_notice')
			.set({ withdrawn_at: ctx.now.toISOString(), revision: nextRevision })
			.where('id', '=', id)
			.where('withdrawn_at', 'is', null)
			.executeTakeFirst();
		if (result.numUpdatedRows !== 1n) return false;
		await recordAudit(
			{ ...ctx, db: trx },
			{
				event: 'staff_notice',
				outcome: 'success',
				staffId,
				detail: { notice: id, action: 'withdrawn' }
			}
		);
		return true;
	});
}

function consoleNotices(db: Db) {
	return db
		.selectFrom('staff_notice')
		.innerJoin('staff_user', 'staff_user.id', 'staff_notice.created_by')
		.selectAll('staff_notice')
		.select('staff_user.email as author');
}

/** Every notice, the console's and the export's, newest days first. */
export async function listStaffNotices(
	db: Db,
	clock: { now: Date; today: string }
): Promise<ListedStaffNotice[]> {
	const [written, imported] = await Promise.all([
		consoleNotices(db).orderBy('staff_notice.id', 'desc').execute(),
		db.selectFrom('notice').selectAll().execute()
	]);
	const listed = [
		...written.map((row) => listedOf(staffNoticeOf(row), row, clock)),
		...imported.map((row) => listedOf(toNotice(row), null, clock))
	];
	return listed.sort(
		(a, b) => b.notice.to.localeCompare(a.notice.to) || b.notice.from.localeCompare(a.notice.from)
	);
}

/** One notice by its id among notices, or null. */
export async function getStaffNotice(
	db: Db,
	noticeId: string,
	clock: { now: Date; today: string }
): Promise<ListedStaffNotice | null> {
	const id = staffNoticeNumber(noticeId);
	if (id !== null) {
		const row = await consoleNotices(db).where('staff_notice.id', '=', id).executeTakeFirst();
		return row ? listedOf(staffNoticeOf(row), row, clock) : null;
	}
	const row = await db
		.selectFrom('notice')
		.selectAll()
		.where('id', '=', noticeId)
		.executeTakeFirst();
	return row ? listedOf(toNotice(row), null, clock) : null;
}

function listedOf(
	notice: Notice,
	written: { author: string; publish_at: string; withdrawn_at: string | null } | null,
	{ now, today }: { now: Date; today: string }
): ListedStaffNotice {
	const published = {
		publishAt: written?.publish_at ?? null,
		withdrawnAt: written?.withdrawn_at ?? null
	};
	return {
		notice,
		author: written?.author ?? null,
		...published,
		state: noticeState(notice, published, now, today)
	};
}

/**
 * How many customers the notice concerns (concerns() of domain/notice.ts): the fractions and
 * contracts in SQL, the area as the pages match it, in any letter case, Latvian's included.
 */
export async function countNoticeReach(db: Db, notice: Notice): Promise<number> {
	let query = db
		.selectFrom('container')
		.innerJoin('customer', 'customer.id', 'container.customer_id');
	if (notice.fractions.length > 0)
		query = query.where('container.fraction', 'in', notice.fractions);
	if (notice.contracts.length > 0)
		query = query.where('customer.contract_number', 'in', notice.contracts);
	const area = notice.area?.toLocaleLowerCase('lv');
	if (!area) {
		const row = await query
			.select((eb) => eb.fn.count<number>('container.customer_id').distinct().as('count'))
			.executeTakeFirstOrThrow();
		return Number(row.count);
	}
	const rows = await query.select(['container.customer_id', 'container.address']).execute();
	return new Set(
		rows
			.filter((row) => row.address.toLocaleLowerCase('lv').includes(area))
			.map((row) => row.customer_id)
	).size;
}

/** The notice's e-mails by state: their keys start `notice:ID:` (reminders.ts). */
export async function countNoticeMails(
	db: Db,
	noticeId: string
): Promise<{ queued: number; sent: number; failed: number }> {
	const prefix = `notice:${noticeId}:`;
	const rows = await db
		.selectFrom('outbox')
		.select(['status', (eb) => eb.fn.countAll<number>().as('count')])
		// substr, not LIKE: an export's id may hold _, which LIKE reads as any character.
		.where(sql<string>`substr(idempotency_key, 1, ${sql.lit(prefix.length)})`, '=', prefix)
		.groupBy('status')
		.execute();
	const count = (status: string) => Number(rows.find((row) => row.status === status)?.count ?? 0);
	return { queued: count('queued'), sent: count('sent'), failed: count('failed') };
}
