/**
 * Proving a contract by its personal code or registration number, as registration and
 * adding a contract do: throttled like a login, each wrong pair counted against the
 * client address and the contract.
 */
import { recordAudit, type AuditEvent } from '../audit';
import { customerHasCode, findCustomerByContract, type CustomerIdentity } from '../customer';
import { isDemoContract } from '../demo/contracts';
import type { AuthContext } from './context';
import { clearFailures, recordFailure, waitFor } from './throttle';

export type ContractProof =
	| { ok: true; customer: CustomerIdentity }
	| { ok: false; reason: 'mismatch' | 'demo' }
	| { ok: false; reason: 'throttled'; retryAfterSeconds: number };

export async function proveContract(
	ctx: AuthContext,
	contractNumber: string,
	code: { kind: 'personal' | 'registration'; value: string },
	audit: { event: AuditEvent; accountId?: number }
): Promise<ContractProof> {
	// The demo contracts' numbers are public and their codes are in the demo export.
	if (isDemoContract(contractNumber)) return { ok: false, reason: 'demo' };
	const keys = [`address:${ctx.clientAddress}`, `contract:${contractNumber}`];
	const wait = await waitFor(ctx.db, keys, ctx.now);
	if (wait > 0)
		return { ok: false, reason: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
	const customer = await findCustomerByContract(ctx.db, contractNumber);
	if (!customer || !customerHasCode(customer, code, ctx.key)) {
		await recordFailure(ctx.db, keys, ctx.now);
		await recordAudit(ctx, {
			event: audit.event,
			outcome: 'failure',
			accountId: audit.accountId,
			detail: { reason: 'contract and code do not match' }
		});
		return { ok: false, reason: 'mismatch' };
	}
	await clearFailures(ctx.db, [`contract:${contractNumber}`]);
	return { ok: true, customer };
}
