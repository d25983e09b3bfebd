import { useWorkflowConfig } from '../api';

/**
 * The content manager's own publish / unpublish / discard buttons would only be
 * refused by the server's gate for governed types: hide them there, so the
 * workflow panel is the one way to release.
 */
export function hideOnGovernedTypes<A extends ((props: any) => any) & { type?: string; position?: unknown }>(Action: A): A {
  const Wrapped = ((props: any) => {
    const config = useWorkflowConfig();
    // The action is a hook-using description function: call it on every render, whatever the config says, so the
    // hook order stays the same when the config arrives (else React fails on every non-governed edit view).
    const description = Action(props);
    if (!config || config.contentTypes.includes(props.model)) return null;
    return description;
  }) as unknown as A;
  Wrapped.type = Action.type;
  Wrapped.position = Action.position;
  return Wrapped;
}
