/**
 * Issue 18, item 5: notices the company's staff write in the console, beside the export's.
 * They live in the portal's own file, not the billing file the import holds for minutes, so
 * publishing one never waits for an import. `revision` grows with every change, so the
 * servers' kept copy of the notices (published.ts) knows when to read them again.
 */
import { sql, type Kysely } from 'kysely';
import { identity } from './dialect';

export async function up(db: Kysely<unknown>): Promise<void> {
	await db.schema
		.createTable('staff_notice')
		.addColumn('id', 'integer', identity(db))
		.addColumn('severity', 'text', (c) =>
			c.notNull().check(sql`severity in ('info', 'disruption')`)
		)
		.addColumn('from_day', 'text', (c) => c.notNull())
		.addColumn('to_day', 'text', (c) => c.notNull())
		.addColumn('fractions', 'text', (c) => c.notNull())
		.addColumn('contracts', 'text', (c) => c.notNull())
		.addColumn('area', 'text')
		.addColumn('text_lv', 'text', (c) => c.notNull())
		.addColumn('text_en', 'text')
		.addColumn('text_ru', 'text')
		// The instant customers first see it: now, or a scheduled time.
		.addColumn('publish_at', 'text', (c) => c.notNull())
		.addColumn('withdrawn_at', 'text')
		.addColumn('revision', 'integer', (c) => c.notNull())
		.addColumn('created_by', 'integer', (c) => c.notNull().references('staff_user.id'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
	await db.schema.dropTable('staff_notice').execute();
}
