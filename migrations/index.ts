/**
 * Every migration, by name in the order they run. Listed statically so the bundled
 * server, the CLI scripts and the tests all see the same set without reading a folder.
 */
import type { Migration } from 'kysely';
import * as initial from './20261123T0900_initial';

export const migrations: Record<string, Migration> = {
	'20261123T0900_initial': initial
};
