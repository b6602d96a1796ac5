/**
 * What work needs from where it runs, built once for it: a request's (auth/context.ts adds
 * the client, the language and the device) or a job pass's (jobs.ts). Every function that
 * reads the clock takes `now` from here, so a test sets the time in one place.
 */
import type { Db } from './db';

export interface WorkContext {
	db: Db;
	now: Date;
	/** The portal's public address, for the links in e-mails, e.g. https://klientiem.example.lv */
	origin: string;
}

/** A pass of the scheduled work (jobs.ts): nobody signed in, no client. */
export type JobContext = WorkContext;
