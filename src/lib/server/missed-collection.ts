/**
 * Who may report a missed collection, decided from the data: the container's collection day,
 * what the crew reported, the working days after it, the rounds' end hour and the reports
 * already made.
 */
import { addDays, dayInRiga, timeInRiga } from '$lib/dates';
import { NOT_EMPTIED, type CollectionResult } from '$lib/domain/collection';
import { FRACTIONS, type CollectionEntry } from '$lib/calendar';
import type { Eligibility } from '$lib/domain/service-request';
import { listCollections } from './calendar';
import { roundEndTime } from './config';
import type { Db } from './db';
import { workingDays, type WorkingDays } from './working-days';

/** A report is taken until the end of this many working days after the collection day. */
export const REPORT_WORKING_DAYS = 2;

/** The last day a collection on `day` may be reported missed. */
export function reportDeadline(day: string, calendar: WorkingDays = workingDays()): string {
	let deadline = day;
	for (let found = 0; found < REPORT_WORKING_DAYS;)
		if (calendar.isWorkingDay((deadline = addDays(deadline, 1)))) found++;
	return deadline;
}

export interface EligibilityInput {
	/** The collection day. */
	date: string;
	result: CollectionResult | null;
	/** The reference of a report already made for this container and day. */
	reported: string | null;
	now: Date;
	/** The rounds' end, `HH:MM` in Riga (config.ts roundEndTime). */
	roundEnd: string;
	calendar?: WorkingDays;
}

export function checkEligibility(input: EligibilityInput): Eligibility {
	const today = dayInRiga(input.now);
	if (input.reported) return { ok: false, why: 'reported', reference: input.reported };
	if (input.result?.outcome === 'not_put_out')
		return { ok: false, why: 'not_put_out', reason: input.result.reason };
	if (input.date > today) return { ok: false, why: 'future' };
	const notEmptied = input.result !== null && NOT_EMPTIED.includes(input.result.outcome);
	if (input.date === today && timeInRiga(input.now) < input.roundEnd && !notEmptied)
		return { ok: false, why: 'too_early', after: input.roundEnd };
	const deadline = reportDeadline(input.date, input.calendar);
	if (today > deadline) return { ok: false, why: 'too_late', deadline };
	return { ok: true };
}

export interface ReportChoice {
	entry: CollectionEntry;
	eligibility: Eligibility;
}

/**
 * Each container's collection a report would be about: its latest day up to today, or, while
 * today's round is still on, the one before when that may still be reported.
 */
export function reportChoices(
	entries: CollectionEntry[],
	reports: Map<string, string>,
	context: { now: Date; roundEnd: string; calendar?: WorkingDays }
): ReportChoice[] {
	const today = dayInRiga(context.now);
	const byContainer = new Map<string, CollectionEntry[]>();
	for (const entry of entries) {
		if (entry.date > today) continue;
		const list = byContainer.get(entry.containerCode) ?? [];
		list.push(entry);
		byContainer.set(entry.containerCode, list);
	}
	const check = (entry: CollectionEntry) =>
		checkEligibility({
			...context,
			date: entry.date,
			result: entry.result ?? null,
			reported: reports.get(reportKey(entry.containerCode, entry.date)) ?? null
		});
	const choices: ReportChoice[] = [];
	for (const list of byContainer.values()) {
		const [latest, previous] = list.sort((a, b) => b.date.localeCompare(a.date));
		if (!latest) continue;
		const eligibility = check(latest);
		const before =
			previous && !eligibility.ok && eligibility.why === 'too_early' && check(previous);
		choices.push(
			before && before.ok
				? { entry: previous, eligibility: before }
				: { entry: latest, eligibility }
		);
	}
	return choices.sort(
		(a, b) =>
			FRACTIONS.indexOf(a.entry.fraction) - FRACTIONS.indexOf(b.entry.fraction) ||
			a.entry.address.localeCompare(b.entry.address) ||
			a.entry.containerCode.localeCompare(b.entry.containerCode)
	);
}

/** How reports are looked up: by container code and day. */
export const reportKey = (containerCode: string, date: string) => `${containerCode}/${date}`;

// Far enough back for the latest collection of a container emptied every two weeks and the
// two working days after it across a long holiday.
const LOOK_BACK_DAYS = 31;

/** The customer's containers with the collection a report would be about, and whether it may be. */
export async function listReportChoices(
	db: Db,
	customerId: number,
	now: Date
): Promise<ReportChoice[]> {
	const today = dayInRiga(now);
	const since = addDays(today, -LOOK_BACK_DAYS);
	const [entries, reports] = await Promise.all([
		listCollections(db, customerId, since, today),
		listReportedCollections(db, customerId, since)
	]);
	return reportChoices(entries, reports, { now, roundEnd: roundEndTime() });
}

/** The references of the customer's missed-collection reports, by container code and day. */
export async function listReportedCollections(
	db: Db,
	customerId: number,
	since: string
): Promise<Map<string, string>> {
	const rows = await db
		.selectFrom('service_request')
		.select(['container_code', 'collection_date', 'reference'])
		.where('customer_id', '=', customerId)
		.where('kind', '=', 'missed_collection')
		.where('collection_date', '>=', since)
		.execute();
	return new Map(
		rows.map((r) => [reportKey(r.container_code ?? '', r.collection_date), r.reference])
	);
}
