export { listConversation } from './list.ts';
export { markMessagesRead } from './mark-read.ts';
export { sendReply } from './send-reply.ts';
