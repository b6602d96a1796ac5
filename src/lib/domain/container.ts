/** A customer's container as the calendar page shows it. */
import type { Fraction } from '../calendar';

export interface ContainerInfo {
	code: string;
	address: string;
	fraction: Fraction;
	volumeLitres: number;
	count: number;
	/** The billing system's words ("1 reizi 2 nedēļās"); describeFrequency says them. */
	frequency: string;
}
