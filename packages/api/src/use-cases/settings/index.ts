export { setPlan } from './set-plan.ts';
export { type BusinessDetails, updateBusinessDetails } from './update-business-details.ts';
