/** The company profile, as the last import delivered it. */
import type { Selectable } from 'kysely';
import type { BankAccount, CompanyContacts } from '../domain/company';
import type { Db } from './db';
import type { BankAccountTable, CompanyTable } from './db/schema';

const CONTACT_COLUMNS = [
	'brand_name',
	'legal_name',
	'registration_number',
	'vat_number',
	'address',
	'phone',
	'email',
	'website',
	'paper_invoice_fee_cents'
] as const;

const BANK_ACCOUNT_COLUMNS = ['bank_name', 'iban', 'bic', 'internet_bank_url'] as const;

/** The company row as its customers see it (the import compares profiles in this shape too). */
export function toCompanyContacts(
	row: Pick<Selectable<CompanyTable>, (typeof CONTACT_COLUMNS)[number]>
): CompanyContacts {
	return {
		brandName: row.brand_name,
		legalName: row.legal_name,
		registrationNumber: row.registration_number,
		vatNumber: row.vat_number,
		address: row.address,
		phone: row.phone,
		email: row.email,
		website: row.website,
		paperInvoiceFeeCents: row.paper_invoice_fee_cents
	};
}

export function toBankAccount(
	row: Pick<Selectable<BankAccountTable>, (typeof BANK_ACCOUNT_COLUMNS)[number]>
): BankAccount {
	return {
		bankName: row.bank_name,
		iban: row.iban,
		bic: row.bic,
		internetBankUrl: row.internet_bank_url
	};
}

export async function getCompanyContacts(db: Db): Promise<CompanyContacts | null> {
	const row = await db
		.selectFrom('company')
		.select(CONTACT_COLUMNS)
		.where('id', '=', 1)
		.executeTakeFirst();
	return row ? toCompanyContacts(row) : null;
}

export async function listBankAccounts(db: Db): Promise<BankAccount[]> {
	const rows = await db
		.selectFrom('bank_account')
		.select(BANK_ACCOUNT_COLUMNS)
		.orderBy('position')
		.execute();
	return rows.map(toBankAccount);
}
