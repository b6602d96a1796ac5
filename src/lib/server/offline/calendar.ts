/** The calendar view: the calendar page and the offline copy of /api/v1/calendar. */
import type { OfflineCalendar } from '../../domain/offline';
import { listCollections, listContainers, listServiceAddresses } from '../calendar';
import type { Db } from '../db';
import type { Published } from '../published';
import type { CopyBody } from './response';

/** This year and the next (from an earlier month when the page shows one). */
export async function loadCalendar(
	db: Db,
	customer: { id: number; name: string; contractNumber: string },
	{ published, today, fromMonth }: { published: Published; today: string; fromMonth?: string }
): Promise<CopyBody<OfflineCalendar>> {
	const year = Number(today.slice(0, 4));
	const from = fromMonth && fromMonth < `${year}-01` ? `${fromMonth}-01` : `${year}-01-01`;
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
