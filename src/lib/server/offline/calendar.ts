/** The calendar view: the calendar page and the offline copy of /api/v1/calendar. */
import { addDays } from '../../dates';
import type { OfflineCalendar } from '../../domain/offline';
import { listCollections, listContainers, listServiceAddresses } from '../calendar';
import type { Db } from '../db';
import type { Published } from '../published';
import type { CopyBody } from './response';

/**
 * This year and the next (from an earlier month when the page shows one), and the last 31
 * days in January too: each container's last collection, with what the crew reported.
 */
export async function loadCalendar(
	db: Db,
	customer: { id: number; name: string; contractNumber: string },
	{ published, today, fromMonth }: { published: Published; today: string; fromMonth?: string }
): Promise<CopyBody<OfflineCalendar>> {
	const year = Number(today.slice(0, 4));
	const starts = [`${year}-01-01`, addDays(today, -31)];
	if (fromMonth) starts.push(`${fromMonth}-01`);
	const from = starts.sort()[0]!;
	const [addresses, containers, entries] = await Promise.all([
		listServiceAddresses(db, customer.id),
		listContainers(db, customer.id),
		listCollections(db, customer.id, from, `${year + 1}-12-31`)
	]);
	return {
		asOf: published.freshness?.asOf ?? null,
		brandName: published.company?.brandName ?? null,
		customer: { name: customer.name, contractNumber: customer.contractNumber, addresses },
		years: [year, year + 1],
		containers,
		entries
	};
}
