export { purgeUnstartedImports, UNSTARTED_IMPORT_KEPT_MS } from './purge-unstarted.ts';
export { customerImportReport } from './report.ts';
export { requeueCustomerImport } from './requeue.ts';
export {
	IMPORT_BATCH_SIZE,
	markCustomerImportFailed,
	type RunOptions,
	runCustomerImport,
} from './run.ts';
export { startCustomerImport } from './start.ts';
export { uploadCustomerImport } from './upload.ts';
export { listRecentCustomerImports, viewCustomerImport } from './view.ts';
