// Tests that need a journal entry as a fixture post it the one way the books take a manual entry:
// drafted by one user, approved by another (docs/accounting.md, 手工凭证). There is no shortcut
// that posts without the second person, so fixtures cannot drift from what users can do.
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from '../../../core/id/uuidv7';
import { businessDate } from '../../../core/time/business-date';
import type { TestApp } from '../../testing';

export const MANUAL_ENTRIES = '/api/v1/journal/manual-entries';

export interface ManualEntryFixture {
  id?: string;
  storeId: string;
  /** Business date; default today in Asia/Shanghai by the server's clock (the demo stores' zone). */
  date?: string;
  memo: string;
  lines: { account: string; debit: number; credit: number; memo?: string }[];
}

/** The draft and approval answers; `posted` is the `manual_entry` document when both succeeded. */
export interface ManualEntryOutcome {
  draft: LightMyRequestResponse;
  approval: LightMyRequestResponse | null;
  posted: { id: string; number: string; businessDate: string; manualEntryId: string } | null;
}

/**
 * Drafts `entry` as `drafter` and approves it as `approver` (two different users: the server
 * refuses self-approval). Stops after a refused draft and answers both responses, so a test can
 * assert on whichever step refused.
 */
export async function draftAndApprove(t: TestApp, drafter: string, approver: string, entry: ManualEntryFixture): Promise<ManualEntryOutcome> {
  const body = { id: entry.id ?? uuidv7(), date: entry.date ?? businessDate(t.services.clock(), 'Asia/Shanghai'), storeId: entry.storeId, memo: entry.memo, lines: entry.lines };
  const draft = await t.call(drafter, 'POST', MANUAL_ENTRIES, body);
  if (draft.statusCode !== 201 && draft.statusCode !== 200) return { draft, approval: null, posted: null };
  const approval = await t.call(approver, 'POST', `${MANUAL_ENTRIES}/${body.id}/approve`, {});
  return { draft, approval, posted: approval.statusCode === 201 || approval.statusCode === 200 ? approval.json() : null };
}

/** `draftAndApprove` for a fixture that must post: throws with the refusing answer otherwise. */
export async function postManualEntry(t: TestApp, drafter: string, approver: string, entry: ManualEntryFixture) {
  const r = await draftAndApprove(t, drafter, approver, entry);
  if (!r.posted) {
    const refused = r.approval ?? r.draft;
    throw new Error(`manual entry not posted: ${refused.statusCode} ${refused.body}`);
  }
  return r.posted;
}
