/** Money and days as the customer's language writes them, always in Riga time. */
import { formatDay } from './dates';
import { formatMoney } from './money';

export const money = (cents: number, locale: string) => formatMoney(cents, locale);
export const day = (iso: string, locale: string) =>
	formatDay(iso, locale, { day: '2-digit', month: '2-digit', year: 'numeric' });
