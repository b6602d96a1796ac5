/** The containers of a customer and the days they are emptied, fetched by owner. */
import type { CollectionEntry } from '../calendar';
import type { ContainerInfo } from '../domain/container';
import type { Db } from './db';
import { prepared } from './db/prepared';

export async function listContainers(db: Db, customerId: number): Promise<ContainerInfo[]> {
	const rows = await db
		.selectFrom('container')
		.select(['code', 'address', 'fraction', 'volume_litres', 'count', 'frequency'])
		.where('customer_id', '=', customerId)
		.orderBy('address')
		.orderBy('fraction')
		.orderBy('code')
		.execute();
	return rows.map((row) => ({
		code: row.code,
		address: row.address,
		fraction: row.fraction,
		volumeLitres: row.volume_litres,
		count: row.count,
		frequency: row.frequency
	}));
}

/** The addresses the customer is served at, for the PDFs' customer block. */
export async function listServiceAddresses(db: Db, customerId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('container')
		.select('address')
		.distinct()
		.where('customer_id', '=', customerId)
		.orderBy('address')
		.execute();
	return rows.map((row) => row.address);
}

/**
 * Each container's next collection from today on, for the start page's card (which then keeps
 * one per fraction and address: nextCollections). The first day is a seek on the collection
 * days' key for each container, where grouping every day after today took SQLite twice as
 * long (19 against 10 µs with a year's days ahead).
 */
const nextCollectionRows = prepared(2, (db, customerId: number, today: string) =>
	db
		.selectFrom('container')
		.select((eb) => [
			'container.fraction',
			'container.code',
			'container.address',
			eb
				.selectFrom('collection_date')
				.select((days) => days.fn.min('collection_date.collection_date').as('first'))
				.whereRef('collection_date.container_id', '=', 'container.id')
				.where('collection_date.collection_date', '>=', today)
				.as('date')
		])
		.where('container.customer_id', '=', customerId)
		.orderBy('container.code')
);

export async function listNextCollections(
	db: Db,
	customerId: number,
	today: string
): Promise<CollectionEntry[]> {
	const rows = await nextCollectionRows(db, customerId, today);
	// A container with no day ahead has no next collection.
	return rows.flatMap((row) =>
		row.date === null
			? []
			: [{ date: row.date, fraction: row.fraction, containerCode: row.code, address: row.address }]
	);
}

/** Collections between two days (inclusive), in date order, with their outcomes and moves. */
export async function listCollections(
	db: Db,
	customerId: number,
	from: string,
	to: string
): Promise<CollectionEntry[]> {
	const rows = await db
		.selectFrom('collection_date')
		.innerJoin('container', 'container.id', 'collection_date.container_id')
		.leftJoin('collection_detail as detail', (join) =>
			join
				.onRef('detail.container_id', '=', 'collection_date.container_id')
				.onRef('detail.collection_date', '=', 'collection_date.collection_date')
		)
		.select([
			'collection_date.collection_date',
			'container.fraction',
			'container.code',
			'container.address',
			'detail.outcome',
			'detail.outcome_time',
			'detail.outcome_reason',
			'detail.moved_from',
			'detail.move_reason'
		])
		.where('container.customer_id', '=', customerId)
		.where('collection_date.collection_date', '>=', from)
		.where('collection_date.collection_date', '<=', to)
		.orderBy('collection_date.collection_date')
		.orderBy('container.code')
		.execute();
	return rows.map((row) => ({
		date: row.collection_date,
		fraction: row.fraction,
		containerCode: row.code,
		address: row.address,
		result: row.outcome
			? { outcome: row.outcome, time: row.outcome_time, reason: row.outcome_reason }
			: null,
		moved: row.moved_from ? { from: row.moved_from, reason: row.move_reason } : null
	}));
}
