/** The descriptor of the test-only `ECHO` provider kind: the one line added to the kind map names it. */
import type { RemoteProviderKindDescriptor } from '../../../src/providers/provider-kind.types.js';
import { createEchoProvider, DEFAULT_ECHO_BASE_URL } from './echo.provider.js';

export const echoKind: RemoteProviderKindDescriptor = {
  kind: 'ECHO',
  description: 'A test-only kind that echoes the prompt over a tiny JSON protocol.',
  remote: true,
  create: createEchoProvider,
  defaultBaseUrl: DEFAULT_ECHO_BASE_URL,
  genAiSystem: 'echo',
};
