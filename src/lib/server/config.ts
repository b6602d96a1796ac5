/**
 * Settings from the environment, read in one place. Plain process.env (not $env) so the
 * CLI scripts share this module with the server.
 */
import path from 'node:path';

export function dataDirectory(): string {
	return path.resolve(process.env.DATA_DIR ?? 'data');
}

export function databasePath(): string {
	return path.resolve(process.env.DATABASE_PATH ?? path.join(dataDirectory(), 'klientiem.sqlite'));
}
