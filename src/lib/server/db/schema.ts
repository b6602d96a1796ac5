/** The tables as Kysely sees them. Money is integer cents, days are ISO dates, instants ISO UTC. */
import type { Generated, Insertable, Selectable } from 'kysely';
import type { Fraction } from '../../calendar';
import type { CollectionOutcome } from '../../domain/collection';
import type { NoticeSeverity } from '../../domain/notice';
import type { CustomerKind, EInvoiceAgreement, InvoiceDelivery } from '../../domain/customer';
import type { DocumentKind } from '../../domain/document';
import type {
	ContainerChange,
	PutOutPlace,
	RequestKind as ServiceKind,
	RequestState
} from '../../domain/service-request';
import type { SkipRule } from '../../domain/catalogue';
import type { ImportRunStatus } from '../../domain/import-run';

// What the browser shows too is declared in src/lib/domain (and the fractions in $lib/calendar).
export type ImportStatus = ImportRunStatus;

export interface CompanyTable {
	id: number;
	brand_name: string;
	legal_name: string;
	registration_number: string;
	vat_number: string | null;
	address: string;
	phone: string;
	email: string;
	website: string | null;
	paper_invoice_fee_cents: number;
	updated_at: string;
}

export interface BankAccountTable {
	id: Generated<number>;
	position: number;
	bank_name: string;
	iban: string;
	bic: string;
	internet_bank_url: string | null;
}

export interface CustomerTable {
	id: Generated<number>;
	contract_number: string;
	kind: CustomerKind;
	name: string;
	personal_code_hash: string | null;
	registration_number: string | null;
	/** A legal entity's, for its invoices' buyer block. */
	vat_number: string | null;
	legal_address: string | null;
	phone: string | null;
	email: string | null;
	invoice_delivery: InvoiceDelivery;
	e_invoice_agreement: EInvoiceAgreement;
	balance_cents: number;
	balance_as_of: string;
	snapshot_hash: string;
	imported_at: string;
}

export interface DocumentTable {
	id: Generated<number>;
	customer_id: number;
	kind: DocumentKind;
	number: string;
	issue_date: string;
	due_date: string;
	period_start: string;
	period_end: string;
	net_cents: number;
	vat_cents: number;
	total_cents: number;
	payment_reference: string;
}

export interface DocumentLineTable {
	id: Generated<number>;
	document_id: number;
	position: number;
	description: string;
	quantity_milli: number;
	unit: string;
	unit_price_cents: number;
	vat_rate: number;
	net_cents: number;
}

export interface PaymentTable {
	id: Generated<number>;
	customer_id: number;
	document_id: number | null;
	payment_date: string;
	amount_cents: number;
	bank: string;
	reference: string;
}

export interface ContainerTable {
	id: Generated<number>;
	customer_id: number;
	code: string;
	address: string;
	fraction: Fraction;
	volume_litres: number;
	count: number;
	frequency: string;
}

export interface CollectionDateTable {
	container_id: number;
	collection_date: string;
}

/** A notice from the export; lists space-separated (fractions, contract numbers). */
export interface NoticeTable extends NoticeFields {
	id: string;
}

/** Who a notice is for and what it says; lists space-separated. */
export interface NoticeFields {
	severity: NoticeSeverity;
	from_day: string;
	to_day: string;
	fractions: string;
	contracts: string;
	area: string | null;
	text_lv: string;
	text_en: string | null;
	text_ru: string | null;
}

/** An offer of the service catalogue; its lists as JSON. */
export interface ServiceOfferTable {
	id: string;
	fraction: Fraction;
	volume_litres: number;
	area: string | null;
	contracts: string;
	frequencies: string;
	emptying_cents: number;
	monthly_cents: number;
	rent_cents: number;
	vat_rate: number;
	skip: SkipRule;
	cutoff_working_days: number;
	cutoff_time: string;
	extra_days: string;
}

/** The few dates with an outcome or a move; the rest have no row here. */
export interface CollectionDetailTable {
	container_id: number;
	collection_date: string;
	outcome: CollectionOutcome | null;
	outcome_time: string | null;
	outcome_reason: string | null;
	moved_from: string | null;
	move_reason: string | null;
}

export interface ImportRunTable {
	id: Generated<number>;
	started_at: string;
	finished_at: string | null;
	source: string;
	status: ImportStatus;
	as_of: string | null;
	next_update: string | null;
	customers_added: Generated<number>;
	customers_updated: Generated<number>;
	customers_unchanged: Generated<number>;
	rows_written: Generated<number>;
	problem_count: Generated<number>;
	problems: string | null;
	/** How many customers a running import has read so far. */
	customers_read: Generated<number>;
}

export type SessionKind = 'account' | 'contract' | 'demo';
export type TokenPurpose = 'reset' | 'change_email';
export type OutboxStatus = 'queued' | 'sent' | 'failed';

export interface AccountTable {
	id: Generated<number>;
	email: string;
	password_hash: string;
	locale: string;
	email_confirmed_at: string | null;
	created_at: string;
}

export interface AccountCustomerTable {
	account_id: number;
	customer_id: number;
	linked_at: string;
}

export interface SessionTable {
	/** SHA-256 of the token in the cookie; the token itself is never stored. */
	id: string;
	account_id: number | null;
	customer_id: number;
	kind: SessionKind;
	created_at: string;
	last_used_at: string;
	expires_at: string;
	/** The staff member seeing the portal as this customer (view-only); null for the customer's own. */
	staff_id: number | null;
}

/** A registration waiting for its e-mailed link; the account is made when the link is opened. */
export interface RegistrationTable {
	/** SHA-256 of the token in the link. */
	id: string;
	email: string;
	password_hash: string;
	customer_id: number;
	locale: string;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface EmailTokenTable {
	/** SHA-256 of the token in the link. */
	id: string;
	account_id: number;
	purpose: TokenPurpose;
	new_email: string | null;
	created_at: string;
	expires_at: string;
	used_at: string | null;
}

export interface ThrottleTable {
	key: string;
	count: number;
	window_started_at: string;
	blocked_until: string | null;
}

export interface OutboxTable {
	id: Generated<number>;
	idempotency_key: string | null;
	recipient: string;
	subject: string;
	text_body: string;
	html_body: string;
	headers: string | null;
	status: OutboxStatus;
	attempts: Generated<number>;
	next_attempt_at: string;
	claimed_until: string | null;
	last_error: string | null;
	created_at: string;
	sent_at: string | null;
}

export interface AuditEventTable {
	id: Generated<number>;
	at: string;
	event: string;
	outcome: string;
	account_id: number | null;
	customer_id: number | null;
	client_address: string | null;
	detail: string | null;
	/** The staff member who acted, for the staff console's events. */
	staff_id: number | null;
}

export type RequestKind = 'contact' | 'e_invoice';

export interface CustomerRequestTable {
	id: Generated<number>;
	customer_id: number;
	account_id: number | null;
	session_kind: SessionKind;
	kind: RequestKind;
	phone: string | null;
	email: string | null;
	consent_text: string | null;
	locale: string;
	requested_at: string;
	superseded_at: string | null;
	confirmed_at: string | null;
	/** Staff received the signed agreement's copies (an e-invoice request). */
	agreement_received_at: string | null;
	/** The day staff set electronic invoices to start. */
	active_from: string | null;
	version: Generated<number>;
}

/** A request for a service (service-request.ts); its container as it was when asked. */
export interface ServiceRequestTable {
	id: Generated<number>;
	reference: string;
	customer_id: number;
	account_id: number | null;
	session_kind: SessionKind;
	kind: ServiceKind;
	container_code: string | null;
	fraction: Fraction;
	volume_litres: number;
	address: string;
	collection_date: string;
	place: PutOutPlace | null;
	place_note: string | null;
	new_date: string | null;
	container_change: ContainerChange | null;
	count: number | null;
	frequency: string | null;
	new_volume_litres: number | null;
	new_frequency: string | null;
	vat_rate: number | null;
	price_before_cents: number | null;
	price_cents: number | null;
	contact_name: string;
	contact_phone: string | null;
	contact_email: string | null;
	locale: string;
	state: RequestState;
	return_date: string | null;
	created_at: string;
	updated_at: string;
	/** One more with every change: a clerk's change is refused if another came first. */
	version: Generated<number>;
}

export interface ServiceRequestEventTable {
	id: Generated<number>;
	request_id: number;
	state: RequestState;
	note: string | null;
	return_date: string | null;
	at: string;
}

export interface StaffTokenTable {
	id: Generated<number>;
	name: string;
	token_hash: string;
	created_at: string;
	revoked_at: string | null;
	last_used_at: string | null;
}

export type StaffRole = 'admin' | 'clerk';

export interface StaffUserTable {
	id: Generated<number>;
	email: string;
	role: StaffRole;
	password_hash: string | null;
	totp_key: string | null;
	totp_last_step: number | null;
	created_at: string;
	disabled_at: string | null;
}

/** A notice written in the staff console; its audience and texts stored as the export's are. */
export interface StaffNoticeTable extends NoticeFields {
	id: Generated<number>;
	publish_at: string;
	withdrawn_at: string | null;
	revision: number;
	created_by: number;
	created_at: string;
}

export interface StaffRecoveryCodeTable {
	id: Generated<number>;
	staff_id: number;
	code_hash: string;
	used_at: string | null;
}

export interface StaffSessionTable {
	id: string;
	staff_id: number;
	two_factor_verified: Generated<number>;
	created_at: string;
	last_used_at: string;
	expires_at: string;
}

export interface StaffInvitationTable {
	id: string;
	staff_id: number;
	expires_at: string;
}

export interface CalendarFeedTable {
	customer_id: number;
	token: string;
	created_at: string;
}

export interface CollectionReminderTable {
	account_id: number;
	customer_id: number;
	/** 1 or 0: portable to PostgreSQL without a boolean column. */
	enabled: number;
	hour: number;
	fractions: string;
	unsubscribe_token: string;
	updated_at: string;
}

export interface LeaseTable {
	name: string;
	holder: string;
	acquired_at: string;
	expires_at: string;
}

export interface TrustedDeviceTable {
	token_hash: string;
	target: string;
	trusted_at: string;
	expires_at: string;
}

export interface HealthProbeTable {
	id: number;
	checked_at: string;
}

export interface Database {
	health_probe: HealthProbeTable;
	trusted_device: TrustedDeviceTable;
	lease: LeaseTable;
	collection_reminder: CollectionReminderTable;
	calendar_feed: CalendarFeedTable;
	customer_request: CustomerRequestTable;
	service_request: ServiceRequestTable;
	service_request_event: ServiceRequestEventTable;
	staff_token: StaffTokenTable;
	staff_user: StaffUserTable;
	staff_recovery_code: StaffRecoveryCodeTable;
	staff_session: StaffSessionTable;
	staff_invitation: StaffInvitationTable;
	staff_notice: StaffNoticeTable;
	account: AccountTable;
	account_customer: AccountCustomerTable;
	session: SessionTable;
	email_token: EmailTokenTable;
	registration: RegistrationTable;
	throttle: ThrottleTable;
	outbox: OutboxTable;
	audit_event: AuditEventTable;
	company: CompanyTable;
	bank_account: BankAccountTable;
	customer: CustomerTable;
	document: DocumentTable;
	document_line: DocumentLineTable;
	payment: PaymentTable;
	container: ContainerTable;
	collection_date: CollectionDateTable;
	collection_detail: CollectionDetailTable;
	notice: NoticeTable;
	service_offer: ServiceOfferTable;
	import_run: ImportRunTable;
}

export type CustomerRow = Selectable<CustomerTable>;
export type NewCustomer = Insertable<CustomerTable>;
export type CompanyRow = Selectable<CompanyTable>;
export type BankAccountRow = Selectable<BankAccountTable>;
export type ImportRunRow = Selectable<ImportRunTable>;
