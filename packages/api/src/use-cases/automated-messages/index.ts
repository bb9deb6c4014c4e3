export { type PostAutomatedMessageDeps, postAutomatedMessage } from './post.ts';
