/** Customers as the billing system delivered them, and how a customer proves who they are. */
import { timingSafeEqual } from 'node:crypto';
import { checkPersonalCode, checkRegistrationNumber } from '../validators';
import type { CustomerHeading, CustomerKind } from '../domain/customer';
import type { Db } from './db';
import { prepared } from './db/prepared';
import {
	customerWithRequests,
	toOpenRequests,
	type ContactChange,
	type EInvoiceStatus
} from './customer-request';
import { hashPersonalCode } from './personal-code';

export interface CustomerIdentity {
	id: number;
	contractNumber: string;
	kind: CustomerKind;
	personalCodeHash: string | null;
	registrationNumber: string | null;
}

export async function findCustomerByContract(
	db: Db,
	contractNumber: string
): Promise<CustomerIdentity | null> {
	const row = await db
		.selectFrom('customer')
		.select(['id', 'contract_number', 'kind', 'personal_code_hash', 'registration_number'])
		.where('contract_number', '=', contractNumber.trim())
		.executeTakeFirst();
	return row
		? {
				id: row.id,
				contractNumber: row.contract_number,
				kind: row.kind,
				personalCodeHash: row.personal_code_hash,
				registrationNumber: row.registration_number
			}
		: null;
}

/** Which identifier a typed code is: registration numbers start with 4–9, personal codes with 0–3. */
export function readIdentityCode(
	input: string
):
	| { kind: 'personal' | 'registration'; value: string }
	| { kind: 'invalid'; reason: 'personal' | 'registration' } {
	const compact = input.trim().replace(/[\s-]/g, '').replace(/^LV/i, '');
	if (/^[4-9]\d{10}$/.test(compact)) {
		const check = checkRegistrationNumber(compact);
		return check.ok
			? { kind: 'registration', value: check.value }
			: { kind: 'invalid', reason: 'registration' };
	}
	const check = checkPersonalCode(input);
	return check.ok
		? { kind: 'personal', value: check.value }
		: { kind: 'invalid', reason: 'personal' };
}

function same(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether a checked code is this customer's personal code or registration number. */
export function customerHasCode(
	customer: CustomerIdentity,
	code: { kind: 'personal' | 'registration'; value: string },
	key: Buffer
): boolean {
	if (code.kind === 'personal')
		return (
			customer.personalCodeHash !== null &&
			same(customer.personalCodeHash, hashPersonalCode(key, code.value))
		);
	return customer.registrationNumber !== null && same(customer.registrationNumber, code.value);
}

export interface CustomerProfile {
	contractNumber: string;
	kind: CustomerKind;
	name: string;
	registrationNumber: string | null;
	phone: string | null;
	email: string | null;
	balanceCents: number;
	balanceAsOf: string;
	pendingContact: ContactChange | null;
	eInvoice: EInvoiceStatus;
}

const profileRows = prepared(1, (db, customerId: number) =>
	customerWithRequests(db)
		.select([
			'customer.contract_number',
			'customer.kind',
			'customer.name',
			'customer.registration_number',
			'customer.phone',
			'customer.email',
			'customer.balance_cents',
			'customer.balance_as_of'
		])
		.where('customer.id', '=', customerId)
);

/** The customer with their open requests, in one query. */
export async function getCustomerProfile(
	db: Db,
	customerId: number
): Promise<CustomerProfile | null> {
	const [row] = await profileRows(db, customerId);
	return row
		? {
				contractNumber: row.contract_number,
				kind: row.kind,
				name: row.name,
				registrationNumber: row.registration_number,
				phone: row.phone,
				email: row.email,
				balanceCents: row.balance_cents,
				balanceAsOf: row.balance_as_of,
				...toOpenRequests(row)
			}
		: null;
}

/**
 * How the customer's document pages, PDFs and offline copies are headed, in one query: the
 * service addresses, and a legal entity's buyer details (null for a private person, whose
 * invoices name none).
 */
export async function getCustomerHeading(
	db: Db,
	customer: { id: number; name: string; contractNumber: string }
): Promise<CustomerHeading> {
	const rows = await db
		.selectFrom('customer')
		.leftJoin('container', 'container.customer_id', 'customer.id')
		.select([
			'customer.kind',
			'customer.registration_number',
			'customer.vat_number',
			'customer.legal_address',
			'container.address'
		])
		.distinct()
		.where('customer.id', '=', customer.id)
		.orderBy('container.address')
		.execute();
	const first = rows[0];
	return {
		name: customer.name,
		contractNumber: customer.contractNumber,
		addresses: rows.flatMap((row) => (row.address === null ? [] : [row.address])),
		buyer:
			first?.kind === 'legal'
				? {
						registrationNumber: first.registration_number,
						vatNumber: first.vat_number,
						legalAddress: first.legal_address
					}
				: null
	};
}
