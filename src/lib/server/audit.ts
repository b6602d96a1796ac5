/** The audit log of sign-ins, registrations, account changes and staff actions: UTC times, never a password, token or personal code. */
import type { WorkContext } from './context';

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
	| 'throttled'
	| 'staff_login'
	| 'staff_two_factor'
	| 'staff_two_factor_setup'
	| 'staff_recovery_code'
	| 'staff_invitation'
	| 'staff_logout'
	| 'staff_request_state'
	| 'staff_agreement'
	| 'staff_resend'
	| 'staff_view'
	| 'staff_forbidden'
	| 'staff_notice'
	| 'staff_import_upload'
	| 'staff_token'
	| 'staff_lookup';

export interface AuditEntry {
	event: AuditEvent;
	outcome: 'success' | 'failure' | 'refused' | 'requested';
	accountId?: number | null;
	customerId?: number | null;
	/** The staff member who acted, for the console's events. */
	staffId?: number | null;
	/** Safe facts only: the login kind, a contract number, a reason. */
	detail?: Record<string, string | number | boolean>;
}

/** Where an event happened: the request's database, clock and client. */
export type AuditContext = Pick<WorkContext, 'db' | 'now'> & { clientAddress: string };

/** Records an event at the request's time, from its client. */
export async function recordAudit(ctx: AuditContext, entry: AuditEntry): Promise<void> {
	await ctx.db
		.insertInto('audit_event')
		.values({
			at: ctx.now.toISOString(),
			event: entry.event,
			outcome: entry.outcome,
			account_id: entry.accountId ?? null,
			customer_id: entry.customerId ?? null,
			staff_id: entry.staffId ?? null,
			client_address: ctx.clientAddress,
			detail: entry.detail ? JSON.stringify(entry.detail) : null
		})
		.execute();
}
