/** The audit log of sign-ins, registrations and account changes: UTC times, never a password, token or personal code. */
import type { Db } from './db';

export type AuditEvent =
	| 'login'
	| 'logout'
	| 'registration'
	| 'email_confirmation'
	| 'password_reset_request'
	| 'password_reset'
	| 'password_change'
	| 'email_change_request'
	| 'email_change'
	| 'contract_link'
	| 'contract_switch'
	| 'throttled';

export interface AuditEntry {
	event: AuditEvent;
	outcome: 'success' | 'failure' | 'refused' | 'requested';
	accountId?: number | null;
	customerId?: number | null;
	clientAddress?: string | null;
	/** Safe facts only: the login kind, a contract number, a reason. */
	detail?: Record<string, string | number | boolean>;
}

export async function recordAudit(db: Db, entry: AuditEntry, now = new Date()): Promise<void> {
	await db
		.insertInto('audit_event')
		.values({
			at: now.toISOString(),
			event: entry.event,
			outcome: entry.outcome,
			account_id: entry.accountId ?? null,
			customer_id: entry.customerId ?? null,
			client_address: entry.clientAddress ?? null,
			detail: entry.detail ? JSON.stringify(entry.detail) : null
		})
		.execute();
}
