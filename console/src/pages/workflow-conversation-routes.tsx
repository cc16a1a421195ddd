/**
 * The conversation and workflow pages, each loaded on first visit (their own chunks: the DAG layout
 * library is fetched only by the workflow pages).
 */
import { lazy, Suspense, type ComponentType } from 'react';
import { Loading } from '../components/ui.js';

function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Page = lazy(async () => ({ default: await load() }));
  return function LazyPage(props: P) {
    return (
      <Suspense fallback={<Loading />}>
        <Page {...props} />
      </Suspense>
    );
  };
}

export const ConversationsRoute = lazyPage(async () => (await import('./Conversations.js')).ConversationsPage);
export const ConversationRoute = lazyPage<{ id: string }>(
  async () => (await import('./Conversations.js')).ConversationPage,
);
export const WorkflowsRoute = lazyPage(async () => (await import('./Workflows.js')).WorkflowsPage);
export const WorkflowRoute = lazyPage<{ name: string }>(async () => (await import('./Workflows.js')).WorkflowPage);
export const WorkflowRunsRoute = lazyPage(async () => (await import('./Workflows.js')).WorkflowRunsPage);
export const WorkflowRunRoute = lazyPage<{ id: string }>(
  async () => (await import('./Workflows.js')).WorkflowRunPage,
);
