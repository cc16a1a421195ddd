/**
 * The conversation and workflow pages, each loaded on first visit (their own chunks: the DAG layout
 * library is fetched only by the workflow pages).
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Loading } from '../components/ui.js';

const conversations = () => import('./Conversations.js');
const workflows = () => import('./Workflows.js');
const ConversationsPage = lazy(async () => ({ default: (await conversations()).ConversationsPage }));
const ConversationPage = lazy(async () => ({ default: (await conversations()).ConversationPage }));
const WorkflowsPage = lazy(async () => ({ default: (await workflows()).WorkflowsPage }));
const WorkflowPage = lazy(async () => ({ default: (await workflows()).WorkflowPage }));
const WorkflowRunsPage = lazy(async () => ({ default: (await workflows()).WorkflowRunsPage }));
const WorkflowRunPage = lazy(async () => ({ default: (await workflows()).WorkflowRunPage }));

function Loaded({ children }: { children: ReactNode }) {
  return <Suspense fallback={<Loading />}>{children}</Suspense>;
}

export const ConversationsRoute = () => (
  <Loaded>
    <ConversationsPage />
  </Loaded>
);
export const ConversationRoute = ({ id }: { id: string }) => (
  <Loaded>
    <ConversationPage id={id} />
  </Loaded>
);
export const WorkflowsRoute = () => (
  <Loaded>
    <WorkflowsPage />
  </Loaded>
);
export const WorkflowRoute = ({ name }: { name: string }) => (
  <Loaded>
    <WorkflowPage name={name} />
  </Loaded>
);
export const WorkflowRunsRoute = () => (
  <Loaded>
    <WorkflowRunsPage />
  </Loaded>
);
export const WorkflowRunRoute = ({ id }: { id: string }) => (
  <Loaded>
    <WorkflowRunPage id={id} />
  </Loaded>
);
