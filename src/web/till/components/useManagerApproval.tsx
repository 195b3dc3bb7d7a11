// A manager acts at once; a cashier first gets a manager's approval token (ApprovalDialog), then
// the action is posted with it. Cancelling the approval posts nothing.
import { useState, type ReactNode } from 'react';
import { ApprovalDialog } from './ApprovalDialog';

type ApprovalAction = Parameters<typeof ApprovalDialog>[0]['action'];

export function useManagerApproval(opts: { manager: boolean; action: ApprovalAction; storeId: string; post: (approvalToken?: string) => Promise<void> }): {
  /** Post now (manager) or ask for approval first (cashier). */
  request: () => void;
  /** The approval dialog while it is open, to render instead of the caller's dialog. */
  approval: ReactNode;
} {
  const [approving, setApproving] = useState(false);
  const request = () => {
    if (opts.manager) void opts.post();
    else setApproving(true);
  };
  const approval = approving ? (
    <ApprovalDialog
      action={opts.action}
      storeId={opts.storeId}
      onDone={(token) => {
        setApproving(false);
        if (token) void opts.post(token);
      }}
    />
  ) : null;
  return { request, approval };
}
