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
