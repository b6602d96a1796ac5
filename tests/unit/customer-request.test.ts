import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/lib/server/db/index';
import {
	getEInvoiceStatus,
	listOpenRequests,
	requestContactChange,
	requestElectronicInvoices
} from '../../src/lib/server/customer-request';
import { getCustomerProfile } from '../../src/lib/server/customer';
import { header, memoryDb, privateCustomer, runImport, tempDir, writeJsonLines } from './helpers';

async function loaded(overrides: Record<string, unknown> = {}, asOf = '2026-11-20') {
	const db = await memoryDb();
	await importCustomer(db, overrides, asOf);
	const { id } = await db.selectFrom('customer').select('id').executeTakeFirstOrThrow();
	return {
		db,
		who: { customerId: id, accountId: null, sessionKind: 'contract' as const, locale: 'lv' }
	};
}

/** The profile's open contact change, as the start page shows it. */
async function pendingContact(db: Db, customerId: number) {
	return (await getCustomerProfile(db, customerId))?.pendingContact ?? null;
}

async function importCustomer(db: Db, overrides: Record<string, unknown>, asOf: string) {
	const file = writeJsonLines(tempDir(), [
		{ ...header(asOf), nextUpdate: '2026-12-31' },
		privateCustomer('100200', overrides)
	]);
	const result = await runImport(db, file);
	expect(result.problems).toEqual([]);
}

describe('contact change requests', () => {
	it('stays pending until an import brings the new details, then closes', async () => {
		const { db, who } = await loaded();
		expect(await requestContactChange(db, who, { phone: '+371 26 000 111', email: null })).toBe(
			'requested'
		);
		expect(await pendingContact(db, who.customerId)).toMatchObject({
			phone: '+371 26 000 111',
			email: null
		});
		expect(await listOpenRequests(db)).toMatchObject([
			{ kind: 'contact', contractNumber: '100200', customerName: 'Līga Ozoliņa' }
		]);

		// An import that does not yet carry the change leaves it pending.
		await importCustomer(db, { balance: '1.00' }, '2026-11-21');
		expect(await pendingContact(db, who.customerId)).not.toBeNull();

		await importCustomer(db, { phone: '+371 26 000 111' }, '2026-11-22');
		expect(await pendingContact(db, who.customerId)).toBeNull();
		expect(await listOpenRequests(db)).toEqual([]);
	});

	it('asks only for what changes, refuses a request that changes nothing, and keeps only the newest', async () => {
		const { db, who } = await loaded();
		expect(
			await requestContactChange(db, who, { phone: '+371 29 123 456', email: 'liga@example.lv' })
		).toBe('unchanged');
		await requestContactChange(db, who, { phone: '+371 29 123 456', email: 'new@example.lv' });
		expect(await pendingContact(db, who.customerId)).toMatchObject({
			phone: null,
			email: 'new@example.lv'
		});
		await requestContactChange(db, who, { phone: null, email: 'newer@example.lv' });
		const open = await listOpenRequests(db);
		expect(open.map((r) => r.email)).toEqual(['newer@example.lv']);
	});
});

describe('electronic invoices', () => {
	it('goes from paper to requested (consent kept) to received to active as imports say', async () => {
		const { db, who } = await loaded({ invoiceDelivery: 'paper', eInvoiceAgreement: 'none' });
		expect((await getEInvoiceStatus(db, who.customerId)).state).toBe('paper');

		const at = new Date('2026-11-23T10:15:00Z');
		expect(await requestElectronicInvoices(db, who, 'Piekrītu …', at)).toBe('requested');
		expect(await getEInvoiceStatus(db, who.customerId)).toEqual({
			state: 'requested',
			delivery: 'paper',
			requestedAt: at.toISOString(),
			activeFrom: null
		});
		expect(await requestElectronicInvoices(db, who, 'Piekrītu …')).toBe('already');
		const [open] = await listOpenRequests(db);
		expect(open).toMatchObject({
			kind: 'e_invoice',
			consentText: 'Piekrītu …',
			sessionKind: 'contract'
		});

		await importCustomer(
			db,
			{ invoiceDelivery: 'paper', eInvoiceAgreement: 'received' },
			'2026-11-24'
		);
		expect((await getEInvoiceStatus(db, who.customerId)).state).toBe('received');
		expect(await listOpenRequests(db)).toEqual([]);

		await importCustomer(
			db,
			{ invoiceDelivery: 'electronic', eInvoiceAgreement: 'active' },
			'2026-11-25'
		);
		expect((await getEInvoiceStatus(db, who.customerId)).state).toBe('active');
		expect(await requestElectronicInvoices(db, who, 'Piekrītu …')).toBe('already');
	});

	it('confirms nothing when the import fails', async () => {
		const { db, who } = await loaded({ invoiceDelivery: 'paper', eInvoiceAgreement: 'none' });
		await requestElectronicInvoices(db, who, 'Piekrītu …');
		const file = writeJsonLines(tempDir(), [
			{ ...header('2026-11-24'), nextUpdate: '2026-12-31' },
			privateCustomer('100200', { invoiceDelivery: 'paper', eInvoiceAgreement: 'received' }),
			{ type: 'customer', contractNumber: '' }
		]);
		expect((await runImport(db, file)).status).toBe('failed');
		expect(await listOpenRequests(db)).toHaveLength(1);
	});
});
