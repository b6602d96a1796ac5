/**
 * Disruption and service notices, from the billing export: who they are for (fractions,
 * contracts, an address area), when, and their words in each language.
 */
import type { Fraction } from '../calendar';
import type { Locale } from '../paraglide/runtime';

/** `disruption` changes collections (a storm, a closed road); `info` only informs. */
export const NOTICE_SEVERITIES = ['info', 'disruption'] as const;
export type NoticeSeverity = (typeof NOTICE_SEVERITIES)[number];

export interface Notice {
	id: string;
	severity: NoticeSeverity;
	/** The first and last day it is shown, inclusive. */
	from: string;
	to: string;
	/** None: every fraction. */
	fractions: Fraction[];
	/** None: every contract (within the area, when there is one). */
	contracts: string[];
	/** A part of a service address, such as a town or street; null: everywhere. */
	area: string | null;
	/** Latvian always; English and Russian when the company wrote them. */
	text: { lv: string; en: string | null; ru: string | null };
}

/** Whom a notice is for: a contract and its containers. */
export interface NoticeAudience {
	contractNumber: string;
	containers: { fraction: Fraction; address: string }[];
}

/** Whether the notice is for this customer: each of its limits holds. */
export function concerns(notice: Notice, customer: NoticeAudience): boolean {
	if (notice.contracts.length > 0 && !notice.contracts.includes(customer.contractNumber))
		return false;
	// Latvian has no casing of its own (only Turkish, Azeri and Lithuanian do), so the plain
	// lower case is Latvian's, every character alike, at a thirtieth of the locale's cost.
	const area = notice.area?.toLowerCase();
	return customer.containers.some(
		(container) =>
			(notice.fractions.length === 0 || notice.fractions.includes(container.fraction)) &&
			(!area || container.address.toLowerCase().includes(area))
	);
}

/** The notices shown to a customer today: current, and for them; disruptions first. */
export function currentNotices(
	notices: Notice[],
	customer: NoticeAudience,
	today: string
): Notice[] {
	return notices
		.filter((notice) => notice.from <= today && today <= notice.to && concerns(notice, customer))
		.sort(
			(a, b) =>
				NOTICE_SEVERITIES.indexOf(b.severity) - NOTICE_SEVERITIES.indexOf(a.severity) ||
				a.from.localeCompare(b.from) ||
				a.id.localeCompare(b.id)
		);
}

/**
 * A console notice's id among the notices: a colon, which the export's ids (letters, digits
 * and - / . _) never hold, keeps the two apart in the pages and in the e-mails' keys.
 */
export const staffNoticeId = (id: number) => `staff:${id}`;

/** The number of a console notice's id, or null for an export's. */
export function staffNoticeNumber(noticeId: string): number | null {
	const match = /^staff:(\d{1,9})$/.exec(noticeId);
	return match ? Number(match[1]) : null;
}

/** The notice in the customer's language, in Latvian when the company wrote none. */
export function noticeText(notice: Notice, locale: Locale): string {
	return notice.text[locale] ?? notice.text.lv;
}
