/**
 * Customer lookup for staff (issue 18, item 6): by contract, name, e-mail or address; a
 * customer's page; and the read-only view as the customer — a customer session of its own,
 * view-only as the demo is (every form disabled, every action refused), marked as the staff
 * member's, and short. Each view opened and each page seen in it is audited.
 */
import { sql } from 'kysely';
import { recordAudit, type AuditContext } from '../audit';
import { createSession, generateSecretToken } from '../auth/session';
import type { Db } from '../db';
import type { StaffUser } from './session';

/** The most a search shows: staff narrow the words rather than page through. */
export const SEARCH_LIMIT = 50;
/** A view as the customer lasts an hour at most (and ends 60 minutes idle, as a customer's). */
const VIEW_LIFETIME_MS = 60 * 60 * 1000;

export interface FoundCustomer {
	id: number;
	contractNumber: string;
	name: string;
	kind: string;
	email: string | null;
	address: string | null;
}

/** The search's words from the address: long enough for any name or address, cut rather than refused. */
export const readSearchWords = (url: URL) =>
	(url.searchParams.get('q') ?? '').replaceAll('\0', '').slice(0, 200);

/**
 * Customer data a staff member looked at — a search (its words and how many were found), its
 * CSV, a customer's page — is in the audit log, as every view as the customer is.
 */
export async function auditLookup(
	ctx: AuditContext,
	staff: StaffUser,
	detail: { search: string; found: number; csv?: true } | { customer: number }
): Promise<void> {
	await recordAudit(ctx, {
		event: 'staff_lookup',
		outcome: 'success',
		staffId: staff.id,
		customerId: 'customer' in detail ? detail.customer : null,
		// No log line holds a personal code, even one typed into the search by mistake.
		detail:
			'customer' in detail
				? { page: 'customer' }
				: { ...detail, search: detail.search.replace(/\d{6}-?\d{5}/g, '[personas kods]') }
	});
}

/** A text as typed, for LIKE: its wildcards taken literally. */
const containing = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Customers whose contract is the words exactly, or whose name, e-mail (billing data or a
 * portal account) or a container's address contains them, ignoring case: contract matches
 * first, then by name.
 */
export async function searchCustomers(db: Db, words: string): Promise<FoundCustomer[]> {
	const text = words.trim();
	if (text.length < 2) return [];
	const like = containing(text);
	const matches = (column: string) =>
		sql<boolean>`lower(${sql.ref(column)}) like ${like} escape '\\'`;
	const rows = await db
		.selectFrom('customer')
		.select((eb) => [
			'customer.id',
			'customer.contract_number',
			'customer.name',
			'customer.kind',
			'customer.email',
			eb
				.selectFrom('container')
				.select((c) => c.fn.min('container.address').as('address'))
				.whereRef('container.customer_id', '=', 'customer.id')
				.as('address')
		])
		.where((eb) =>
			eb.or([
				eb(eb.fn('lower', ['customer.contract_number']), '=', text.toLowerCase()),
				matches('customer.name'),
				matches('customer.email'),
				eb.exists(
					eb
						.selectFrom('container')
						.select(sql`1`.as('one'))
						.whereRef('container.customer_id', '=', 'customer.id')
						.where(matches('container.address'))
				),
				eb.exists(
					eb
						.selectFrom('account_customer')
						.innerJoin('account', 'account.id', 'account_customer.account_id')
						.select(sql`1`.as('one'))
						.whereRef('account_customer.customer_id', '=', 'customer.id')
						.where(matches('account.email'))
				)
			])
		)
		.orderBy(
			sql`case when lower(customer.contract_number) = ${text.toLowerCase()} then 0 else 1 end`
		)
		.orderBy('customer.name')
		.orderBy('customer.id')
		.limit(SEARCH_LIMIT)
		.execute();
	return rows.map((row) => ({
		id: row.id,
		contractNumber: row.contract_number,
		name: row.name,
		kind: row.kind,
		email: row.email,
		address: row.address
	}));
}

/**
 * Opens a view as the customer: a view-only customer session for the staff member's browser.
 * Its token, for the customer's session cookie.
 */
export async function startCustomerView(
	ctx: AuditContext,
	staff: StaffUser,
	customerId: number
): Promise<{ token: string; expiresAt: Date } | null> {
	const customer = await ctx.db
		.selectFrom('customer')
		.select(['id', 'contract_number'])
		.where('id', '=', customerId)
		.executeTakeFirst();
	if (!customer) return null;
	const token = generateSecretToken();
	const session = await createSession(
		ctx.db,
		token,
		{ kind: 'contract', customerId: customer.id, accountId: null },
		ctx.now,
		{ staffId: staff.id, lifetimeMs: VIEW_LIFETIME_MS }
	);
	await recordAudit(ctx, {
		event: 'staff_view',
		outcome: 'success',
		staffId: staff.id,
		customerId: customer.id,
		detail: { contract: customer.contract_number, step: 'start' }
	});
	return { token, expiresAt: session.expiresAt };
}
