/**
 * What the crews reported for a collection date, and the day a date was moved from (issue
 * 16). A table of its own rather than columns on `collection_date`: a few dates have details,
 * and the millions of plain dates the import loads stay two columns wide.
 * On SQLite the billing tables are in the attached billing file, and a foreign key can only
 * name a table in its own file, so the table is made there.
 */
import { sql, SqliteAdapter, type Kysely } from 'kysely';
import { clusteredByPrimaryKey } from './dialect';

const OUTCOMES = ['emptied', 'not_put_out', 'not_accessible', 'wrong_sorting', 'late'];

const isSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;
// Named with its file rather than through withSchema, which would name the file in the
// foreign key too, and SQLite refuses that.
const tableOf = (db: Kysely<unknown>) =>
	isSqlite(db) ? 'billing.collection_detail' : 'collection_detail';

export async function up(db: Kysely<unknown>): Promise<void> {
	await clusteredByPrimaryKey(
		db,
		db.schema
			.createTable(tableOf(db))
			.addColumn('container_id', 'integer', (c) => c.notNull())
			.addColumn('collection_date', 'text', (c) => c.notNull())
			.addColumn('outcome', 'text', (c) =>
				c.check(sql`outcome in (${sql.join(OUTCOMES.map((o) => sql.lit(o)))})`)
			)
			// HH:MM on Riga's clock.
			.addColumn('outcome_time', 'text')
			.addColumn('outcome_reason', 'text')
			.addColumn('moved_from', 'text')
			.addColumn('move_reason', 'text')
			.addPrimaryKeyConstraint('collection_detail_pk', ['container_id', 'collection_date'])
			// Gone with its date: an import that rewrites a customer's dates rewrites their details.
			.addForeignKeyConstraint(
				'collection_detail_date',
				['container_id', 'collection_date'],
				'collection_date',
				['container_id', 'collection_date'],
				(fk) => fk.onDelete('cascade')
			)
	).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable(tableOf(db)).execute();
}
