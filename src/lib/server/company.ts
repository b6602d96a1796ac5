/** The company profile, as the last import delivered it. */
import type { BankAccount, CompanyContacts } from '../domain/company';
import type { Db } from './db';

export async function getCompanyContacts(db: Db): Promise<CompanyContacts | null> {
	const row = await db
		.selectFrom('company')
		.select([
			'brand_name',
			'legal_name',
			'registration_number',
			'vat_number',
			'address',
			'phone',
			'email',
			'website',
			'paper_invoice_fee_cents'
		])
		.where('id', '=', 1)
		.executeTakeFirst();
	if (!row) return null;
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

export async function listBankAccounts(db: Db): Promise<BankAccount[]> {
	const rows = await db
		.selectFrom('bank_account')
		.select(['bank_name', 'iban', 'bic', 'internet_bank_url'])
		.orderBy('position')
		.execute();
	return rows.map((row) => ({
		bankName: row.bank_name,
		iban: row.iban,
		bic: row.bic,
		internetBankUrl: row.internet_bank_url
	}));
}
