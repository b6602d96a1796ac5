/** How far a running import has come, in an operator's words, for the terminal and the console. */
import type { ImportProgress } from './index';

const count = new Intl.NumberFormat('en-GB');

/** "12,400 customers read, 3,100 written (4,130 a second)". */
export function describeProgress({ customersRead, customersWritten, elapsedMs }: ImportProgress) {
	const rate = elapsedMs > 0 ? Math.round((customersRead * 1000) / elapsedMs) : 0;
	return `${count.format(customersRead)} customers read, ${count.format(customersWritten)} written (${count.format(rate)} a second)`;
}
