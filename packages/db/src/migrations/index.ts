import type { Migration } from 'kysely/migration';
import * as m0001 from './2026_11_28_0001_create_accounts_and_customers.ts';
import * as m0002 from './2026_11_28_0002_create_notes.ts';
import * as m0003 from './2026_11_28_0003_create_invoices.ts';
import * as m0004 from './2026_11_28_0004_create_messages.ts';
import * as m0005 from './2026_11_28_0005_create_form_quarantine.ts';
import * as m0006 from './2026_11_28_0006_create_inbound_email.ts';
import * as m0007 from './2026_11_28_0007_index_message_foreign_keys.ts';
import * as m0008 from './2026_11_28_0008_millisecond_list_timestamps.ts';
import * as m0009 from './2026_11_28_0009_message_indexes_for_ingest_and_outbox.ts';
import * as m0010inbound from './2026_12_01_0010_inbound_addresses_and_held_mail.ts';
import * as m0011failedJobs from './2026_12_01_0011_failed_jobs_and_uncertain_delivery.ts';
import * as m0012stripControls from './2026_12_01_0012_strip_control_characters.ts';
import * as m0013issued from './2026_12_01_0013_issued_invoices_and_message_kinds.ts';
import * as m0014locale from './2026_12_01_0014_locale_tax_ids_and_addresses.ts';
import * as m0015payments from './2026_12_01_0015_payments.ts';
import * as m0016reminders from './2026_12_01_0016_reminders_and_api_keys.ts';
import * as m0017formFields from './2026_12_01_0017_form_fields_in_order.ts';
import * as m0019customerSearch from './2026_12_01_0019_customer_search_indexes.ts';
import * as m0020customerAddresses from './2026_12_01_0020_customer_addresses.ts';
import * as m0021customerImports from './2026_12_01_0021_customer_imports.ts';
import * as m0022customerMerges from './2026_12_01_0022_customer_merges.ts';
import * as m0023addressSearch from './2026_12_01_0023_customer_address_search_indexes.ts';
import * as m0024invoiceNumberSearch from './2026_12_01_0024_invoice_number_search_index.ts';
import * as m0025customerSearchTuning from './2026_12_01_0025_customer_search_tuning.ts';
// Listed statically (not read from disk) so bundled apps carry their migrations with them.
// Append-only: add new files at the end, never edit or reorder old ones.
export const migrations: Record<string, Migration> = {
	'2026_11_28_0001_create_accounts_and_customers': m0001,
	'2026_11_28_0002_create_notes': m0002,
	'2026_11_28_0003_create_invoices': m0003,
	'2026_11_28_0004_create_messages': m0004,
	'2026_11_28_0005_create_form_quarantine': m0005,
	'2026_11_28_0006_create_inbound_email': m0006,
	'2026_11_28_0007_index_message_foreign_keys': m0007,
	'2026_11_28_0008_millisecond_list_timestamps': m0008,
	'2026_11_28_0009_message_indexes_for_ingest_and_outbox': m0009,
	'2026_12_01_0010_inbound_addresses_and_held_mail': m0010inbound,
	'2026_12_01_0011_failed_jobs_and_uncertain_delivery': m0011failedJobs,
	'2026_12_01_0012_strip_control_characters': m0012stripControls,
	'2026_12_01_0013_issued_invoices_and_message_kinds': m0013issued,
	'2026_12_01_0014_locale_tax_ids_and_addresses': m0014locale,
	'2026_12_01_0015_payments': m0015payments,
	'2026_12_01_0016_reminders_and_api_keys': m0016reminders,
	'2026_12_01_0017_form_fields_in_order': m0017formFields,
	'2026_12_01_0019_customer_search_indexes': m0019customerSearch,
	'2026_12_01_0020_customer_addresses': m0020customerAddresses,
	'2026_12_01_0021_customer_imports': m0021customerImports,
	'2026_12_01_0022_customer_merges': m0022customerMerges,
	'2026_12_01_0023_customer_address_search_indexes': m0023addressSearch,
	'2026_12_01_0024_invoice_number_search_index': m0024invoiceNumberSearch,
	'2026_12_01_0025_customer_search_tuning': m0025customerSearchTuning,
};
