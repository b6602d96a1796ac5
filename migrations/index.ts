/**
 * Every migration, by name in the order they run. Listed statically so the bundled
 * server, the CLI scripts and the tests all see the same set without reading a folder.
 */
import type { Migration } from 'kysely';
import * as initial from './20261123T0900_initial';
import * as accounts from './20261123T1200_accounts';
import * as requests from './20261123T1500_requests';
import * as calendarFeed from './20261123T1800_calendar_feed';
import * as notices from './20261123T2000_notices';
import * as leases from './20261123T2100_leases';
import * as registrations from './20261201T0900_registrations';
import * as healthProbe from './20261201T1000_health_probe';
import * as trustedDevices from './20261201T1100_trusted_devices';
import * as billingFile from './20261201T1200_billing_file';
import * as customerLegalDetails from './20261201T1300_customer_legal_details';
import * as collectionDetails from './20261201T1400_collection_details';
import * as noticesFromImport from './20261201T1500_notices_from_import';
import * as serviceRequests from './20261202T0100_service_requests';
import * as orders from './20261202T0900_orders';
import * as staff from './20261202T1200_staff';
import * as staffNotices from './20261206T1400_staff_notices';
import * as importProgress from './20261206T1500_import_progress';

export const migrations: Record<string, Migration> = {
	'20261123T0900_initial': initial,
	'20261123T1200_accounts': accounts,
	'20261123T1500_requests': requests,
	'20261123T1800_calendar_feed': calendarFeed,
	'20261123T2000_notices': notices,
	'20261123T2100_leases': leases,
	'20261201T0900_registrations': registrations,
	'20261201T1000_health_probe': healthProbe,
	'20261201T1100_trusted_devices': trustedDevices,
	'20261201T1200_billing_file': billingFile,
	'20261201T1300_customer_legal_details': customerLegalDetails,
	'20261201T1400_collection_details': collectionDetails,
	'20261201T1500_notices_from_import': noticesFromImport,
	'20261202T0100_service_requests': serviceRequests,
	'20261202T0900_orders': orders,
	'20261202T1200_staff': staff,
	'20261206T1400_staff_notices': staffNotices,
	'20261206T1500_import_progress': importProgress
};
