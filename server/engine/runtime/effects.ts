import type { TypedValue } from './state';

/**
 * What a step asks of the world beyond its own instance. The engine's unit of work carries these
 * out in the same transaction, after the step that produced them.
 */
export type Effect =
  | {
      kind: 'start-child';
      superInstanceId: string;
      superExecutionId: string;
      calledElement: string;
      binding: 'latest' | 'deployment' | 'version' | 'versionTag';
      version: string | null;
      deploymentId: string;
      tenantId: string | null;
      businessKey: string | null;
      variables: Record<string, TypedValue>;
    }
  | { kind: 'child-completed'; superInstanceId: string; superExecutionId: string; childInstanceId: string; variables: Record<string, TypedValue> }
  | { kind: 'child-error'; superInstanceId: string; superExecutionId: string; errorCode: string; errorMessage: string | null }
  | { kind: 'delete-child'; childInstanceId: string; reason: string }
  | { kind: 'signal'; name: string; tenantId: string | null; variables: Record<string, TypedValue> };
