/**
 * The EPC QR code of a SEPA credit transfer (EPC069-12, "BCD"), which Latvian banking apps
 * read to fill in a payment. The server encodes it (server/payment.ts); the page and the PDF
 * draw its modules (domain/qr-code.ts).
 */

export interface EpcTransfer {
	bic: string;
	/** The beneficiary, at most 70 characters. */
	name: string;
	iban: string;
	amountCents: number;
	/** Unstructured remittance information, at most 140 characters: here the document number. */
	remittance: string;
}

export function epcPayload(transfer: EpcTransfer): string {
	if (transfer.amountCents < 1 || transfer.amountCents > 99_999_999_999)
		throw new RangeError('EPC amounts are from EUR 0.01 to EUR 999 999 999.99');
	const amount = `EUR${Math.floor(transfer.amountCents / 100)}.${String(transfer.amountCents % 100).padStart(2, '0')}`;
	return [
		'BCD',
		// Version 002 makes the BIC optional inside the EEA; it is given anyway.
		'002',
		// Character set 1 is UTF-8, so "SIA “Vidzemes Vide”" and ā, š, ž pass unchanged.
		'1',
		'SCT',
		transfer.bic,
		[...transfer.name].slice(0, 70).join(''),
		transfer.iban.replace(/\s/g, ''),
		amount,
		'',
		'',
		[...transfer.remittance].slice(0, 140).join('')
	].join('\n');
}
