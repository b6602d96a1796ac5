/** The payment status on the start page, and what a customer needs to pay a document. */
import QRCode from 'qrcode';
import { epcPayload } from '../epc';
import type { BankAccount, CompanyContacts } from '../domain/company';
import type { DocumentDetail, DocumentSummary } from '../domain/document';
import type { PaymentDetails, PaymentStatus } from '../domain/payment';
import { BoundedCache } from '../bounded-cache';
import { packQrModules, type QrModules } from '../domain/qr-code';

/**
 * The billing system's balance decides whether anything is owed; the oldest unpaid
 * document gives the due date.
 */
export function paymentStatus(balanceCents: number, unpaid: DocumentSummary[]): PaymentStatus {
	if (balanceCents <= 0) return { settled: true, overpaidCents: Math.max(0, -balanceCents) };
	const oldest = unpaid[0];
	return {
		settled: false,
		unpaidCents: balanceCents,
		dueDate: oldest?.dueDate ?? null,
		overdue: unpaid.some((doc) => doc.overdue)
	};
}

const qrCodes = new BoundedCache<string, QrModules>(1000);

/**
 * The EPC QR code's modules. Encoding one (choosing the mask) costs more than the rest of
 * the page, and the same code shows on the start page and the document page at every visit
 * until it is paid, so the last 1000 are kept.
 */
function qrModules(payload: string): QrModules {
	let qr = qrCodes.get(payload);
	if (!qr) {
		const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'M' });
		qr = packQrModules(modules.size, modules.data);
		qrCodes.set(payload, qr);
	}
	return qr;
}

export function paymentDetails(
	company: CompanyContacts,
	accounts: BankAccount[],
	amountCents: number,
	reference: string
): PaymentDetails | null {
	const account = accounts[0];
	if (!account || amountCents <= 0) return null;
	const payload = epcPayload({
		bic: account.bic,
		name: company.legalName,
		iban: account.iban,
		amountCents,
		remittance: reference
	});
	return {
		recipient: company.legalName,
		iban: account.iban,
		bic: account.bic,
		amountCents,
		reference,
		banks: accounts
			.filter((a) => a.internetBankUrl)
			.map((a) => ({ name: a.bankName, url: a.internetBankUrl! })),
		qr: qrModules(payload)
	};
}

/** What paying the rest of a document takes; null when it is paid, or no company is known yet. */
export function documentPayment(
	document: DocumentDetail,
	{ company, bankAccounts }: { company: CompanyContacts | null; bankAccounts: BankAccount[] }
): PaymentDetails | null {
	const left = document.totalCents - document.paidCents;
	return left > 0 && company
		? paymentDetails(company, bankAccounts, left, document.paymentReference)
		: null;
}
