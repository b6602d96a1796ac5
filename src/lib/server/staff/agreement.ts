/**
 * The e-invoice agreement's loop, as the seed describes it: the customer prints the agreement,
 * signs it and posts two copies; staff mark "signed agreement received", then "active from" a
 * day. The customer sees each mark on the portal's e-invoice page (customer-request.ts reads
 * them with the billing data) and gets an e-mail for each. The billing data closes the request
 * when it shows electronic delivery (confirmRequests).
 */
import { baseLocale, isLocale, type Locale } from '$lib/paraglide/runtime';
import { recordAudit, type AuditContext } from '../audit';
import { queueMail } from '../mail/outbox';
import { loadMailBrand, renderMail } from '../mail/templates';
import type { StaffUser } from './session';

export type AgreementMark = { step: 'received' } | { step: 'active'; activeFrom: string };

export type MarkOutcome =
	{ marked: true } | { refused: 'unknown' | 'closed' | 'stale' | 'not_received' | 'already' };

/**
 * Sets a mark on an open e-invoice request, at the version the clerk's page showed, with the
 * customer's e-mail and the audit row, all at once or not at all.
 */
export async function markAgreement(
	ctx: AuditContext & { origin: string },
	staff: StaffUser,
	request: { id: number; version: number },
	mark: AgreementMark
): Promise<MarkOutcome> {
	return ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('customer_request')
			.innerJoin('customer', 'customer.id', 'customer_request.customer_id')
			.leftJoin('account', 'account.id', 'customer_request.account_id')
			.select([
				'customer_request.id',
				'customer_request.customer_id',
				'customer_request.kind',
				'customer_request.confirmed_at',
				'customer_request.superseded_at',
				'customer_request.agreement_received_at',
				'customer_request.active_from',
				'customer_request.version',
				'customer_request.locale',
				'customer.contract_number',
				'customer.email as customer_email',
				'account.email as account_email',
				'account.locale as account_locale'
			])
			.where('customer_request.id', '=', request.id)
			.executeTakeFirst();
		if (!row || row.kind !== 'e_invoice') return { refused: 'unknown' as const };
		if (row.confirmed_at || row.superseded_at) return { refused: 'closed' as const };
		if (row.version !== request.version) return { refused: 'stale' as const };
		if (mark.step === 'received' ? row.agreement_received_at : row.active_from)
			return { refused: 'already' as const };
		if (mark.step === 'active' && !row.agreement_received_at)
			return { refused: 'not_received' as const };
		const at = ctx.now.toISOString();
		const updated = await trx
			.updateTable('customer_request')
			.set((eb) => ({
				...(mark.step === 'received'
					? { agreement_received_at: at }
					: { active_from: mark.activeFrom }),
				version: eb('version', '+', 1)
			}))
			.where('id', '=', row.id)
			// Checked again in the write: of two clerks sending at once, one marks it.
			.where('version', '=', request.version)
			.executeTakeFirst();
		if (updated.numUpdatedRows === 0n) return { refused: 'stale' as const };
		// The account's address when an account asked; else the contract's from the billing data.
		const to = row.account_email ?? row.customer_email;
		if (to) {
			const locale =
				[row.account_locale, row.locale].find((l): l is Locale => l !== null && isLocale(l)) ??
				baseLocale;
			const rendered = renderMail(
				{
					kind: 'e_invoice_agreement',
					activeFrom: mark.step === 'active' ? mark.activeFrom : null,
					contractNumber: row.contract_number,
					link: `${ctx.origin}/e-invoice`
				},
				await loadMailBrand(trx),
				locale
			);
			await queueMail(
				trx,
				{ to, ...rendered, idempotencyKey: `agreement:${row.id}:${mark.step}` },
				ctx.now
			);
		}
		await recordAudit(
			{ ...ctx, db: trx },
			{
				event: 'staff_agreement',
				outcome: 'success',
				staffId: staff.id,
				customerId: row.customer_id,
				detail: {
					request: row.id,
					step: mark.step,
					...(mark.step === 'active' ? { activeFrom: mark.activeFrom } : {})
				}
			}
		);
		return { marked: true as const };
	});
}
