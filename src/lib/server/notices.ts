/**
 * The new-document e-mail: when an import has brought a document, its customer — electronic
 * delivery and a known e-mail — gets one message from the document's issue day on.
 *
 * "Once" is kept by the outbox: each message carries the key document + recipient, which
 * the outbox accepts only once, and the pass looks only for documents whose key is not
 * there yet. A rerun finds nothing; a pass that died midway left whole messages behind,
 * and the next one queues the rest. Two server processes racing meet at the unique key.
 */
import { sql } from 'kysely';
import { addDays, dayInRiga } from '$lib/dates';
import { baseLocale, isLocale, type Locale } from '$lib/paraglide/runtime';
import type { Db } from './db';
import type { JobContext } from './context';
import { notQueuedYet, queueMail } from './mail/outbox';
import { loadMailBrand, renderMail } from './mail/templates';

/**
 * A document issued longer ago than this is not announced: a late import or a new
 * customer's history would otherwise bring a burst of stale "new" documents.
 */
export const NOTICE_WINDOW_DAYS = 31;

/** Queues the due new-document e-mails; returns how many. */
export async function queueDocumentNotices({ db, now, origin }: JobContext): Promise<number> {
	const today = dayInRiga(now);
	// Documents that were there before the portal's first import are not news.
	const first = await db
		.selectFrom('import_run')
		.select((eb) => eb.fn.min('as_of').as('as_of'))
		.where('status', '=', 'succeeded')
		.executeTakeFirst();
	if (!first?.as_of) return 0;
	const windowStart = addDays(today, -NOTICE_WINDOW_DAYS);
	const from = first.as_of >= windowStart ? addDays(first.as_of, 1) : windowStart;

	const key = sql<string>`'document:' || customer.contract_number || '/' || document.number || ':' || lower(customer.email)`;
	const due = await db
		.selectFrom('document')
		.innerJoin('customer', 'customer.id', 'document.customer_id')
		.select([
			'document.kind',
			'document.number',
			'document.total_cents',
			'document.due_date',
			'customer.contract_number',
			'customer.email',
			key.as('key')
		])
		.where('document.issue_date', '>=', from)
		.where('document.issue_date', '<=', today)
		.where('customer.invoice_delivery', '=', 'electronic')
		.where('customer.email', 'is not', null)
		.where(notQueuedYet(key))
		.orderBy('document.issue_date')
		.orderBy('document.id')
		.execute();
	if (due.length === 0) return 0;

	const brand = await loadMailBrand(db);
	const localeOf = await accountLocales(
		db,
		due.map((d) => d.email!.toLowerCase())
	);
	for (const document of due) {
		const to = document.email!;
		const rendered = renderMail(
			{
				kind: 'new_document',
				documentKind: document.kind,
				number: document.number,
				totalCents: document.total_cents,
				dueDate: document.due_date,
				contractNumber: document.contract_number,
				link: `${origin}/documents/${encodeURIComponent(document.number)}`
			},
			brand,
			localeOf.get(to.toLowerCase()) ?? baseLocale
		);
		await queueMail(db, { to, ...rendered, idempotencyKey: document.key }, now);
	}
	return due.length;
}

/** The language of the portal account with that e-mail, where there is one. */
async function accountLocales(db: Db, emails: string[]): Promise<Map<string, Locale>> {
	const found = new Map<string, Locale>();
	const unique = [...new Set(emails)];
	// In slices: a statement has a limit on its parameters.
	for (let i = 0; i < unique.length; i += 500) {
		const rows = await db
			.selectFrom('account')
			.select(['email', 'locale'])
			.where(sql<string>`lower(email)`, 'in', unique.slice(i, i + 500))
			.execute();
		for (const row of rows)
			if (isLocale(row.locale)) found.set(row.email.toLowerCase(), row.locale);
	}
	return found;
}
