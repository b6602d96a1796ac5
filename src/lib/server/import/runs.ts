/** What the portal tells customers about the data's age: "Informācija uz" and "Informācija tiks atjaunota". */
import type { DataFreshness } from '../../domain/payment';
import type { Db } from '../db';

export async function getDataFreshness(db: Db): Promise<DataFreshness | null> {
	const run = await db
		.selectFrom('import_run')
		.select(['as_of', 'next_update'])
		.where('status', '=', 'succeeded')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst();
	return run?.as_of && run.next_update ? { asOf: run.as_of, nextUpdate: run.next_update } : null;
}
