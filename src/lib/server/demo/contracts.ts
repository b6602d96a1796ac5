/** The contracts behind the view-only demo logins. */
export const DEMO_PRIVATE_CONTRACT = 'demo';
export const DEMO_LEGAL_CONTRACT = 'dem-1-oju';
/** The e-mail (and password) of the demo legal entity's login. */
export const DEMO_EMAIL = 'demo';

/** The demo contracts are for looking: whoever signs in to one, by whatever code, changes nothing. */
export function isDemoContract(contractNumber: string): boolean {
	return contractNumber === DEMO_PRIVATE_CONTRACT || contractNumber === DEMO_LEGAL_CONTRACT;
}
