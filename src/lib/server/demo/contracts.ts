/** The contracts behind the view-only demo logins. */
export const DEMO_PRIVATE_CONTRACT = 'demo';
export const DEMO_LEGAL_CONTRACT = 'dem-1-oju';
