/** The service catalogue the last import brought: stored as rows, read as the domain's offers. */
import type { Selectable } from 'kysely';
import { isFraction } from '../calendar';
import { WEEKDAYS, type ServiceOffer } from '../domain/catalogue';
import type { Db } from './db';
import type { ServiceOfferTable } from './db/schema';

export function offerRow(offer: ServiceOffer): Selectable<ServiceOfferTable> {
	return {
		id: offer.id,
		fraction: offer.fraction,
		volume_litres: offer.volumeLitres,
		area: offer.area,
		contracts: JSON.stringify(offer.contracts),
		frequencies: JSON.stringify(offer.frequencies),
		emptying_cents: offer.emptyingCents,
		monthly_cents: offer.monthlyCents,
		rent_cents: offer.rentCents,
		vat_rate: offer.vatRate,
		skip: offer.skip,
		cutoff_working_days: offer.cutoffWorkingDays,
		cutoff_time: offer.cutoffTime,
		extra_days: JSON.stringify(offer.extraDays)
	};
}

/** A stored list, of the strings `keep` accepts (the import wrote only those). */
function listOf<T extends string>(json: string, keep: (item: string) => item is T): T[] {
	const value: unknown = JSON.parse(json);
	return Array.isArray(value)
		? value.filter((item): item is T => typeof item === 'string' && keep(item))
		: [];
}

const anyText = (item: string): item is string => item !== '';
const isWeekday = (item: string): item is ServiceOffer['extraDays'][number] =>
	(WEEKDAYS as readonly string[]).includes(item);

export function toOffer(row: Selectable<ServiceOfferTable>): ServiceOffer | null {
	if (!isFraction(row.fraction)) return null;
	return {
		id: row.id,
		fraction: row.fraction,
		volumeLitres: row.volume_litres,
		area: row.area,
		contracts: listOf(row.contracts, anyText),
		frequencies: listOf(row.frequencies, anyText),
		emptyingCents: row.emptying_cents,
		monthlyCents: row.monthly_cents,
		rentCents: row.rent_cents,
		vatRate: row.vat_rate,
		skip: row.skip,
		cutoffWorkingDays: row.cutoff_working_days,
		cutoffTime: row.cutoff_time,
		extraDays: listOf(row.extra_days, isWeekday)
	};
}

/** The whole catalogue: tens of rows, kept with the company per import run (published.ts). */
export async function listOffers(db: Db): Promise<ServiceOffer[]> {
	const rows = await db.selectFrom('service_offer').selectAll().orderBy('id').execute();
	return rows.map(toOffer).filter((offer) => offer !== null);
}
