// The last line of defence before anything is written (Frappe Books' LedgerPosting idea): a plan
// that does not balance is a bug in the service that built it, so it throws instead of posting.
import type { PostingPlan } from './types';

export class UnbalancedPlanError extends Error {}

function safe(n: number, what: string) {
  if (!Number.isSafeInteger(n)) throw new UnbalancedPlanError(`${what} is not a safe integer: ${n}`);
}

export function assertPlanBalanced(plan: PostingPlan): void {
  safe(plan.total, 'total');
  plan.lines.forEach((l, i) => {
    safe(l.qty, `line ${i + 1} qty`);
    safe(l.unitPrice, `line ${i + 1} unitPrice`);
    safe(l.amount, `line ${i + 1} amount`);
  });
  plan.moves.forEach((m, i) => {
    safe(m.qty, `move ${i + 1} qty`);
    safe(m.costValue, `move ${i + 1} costValue`);
    if (m.qty === 0) throw new UnbalancedPlanError(`move ${i + 1} has zero quantity`);
    if (m.costValue !== 0 && Math.sign(m.costValue) !== Math.sign(m.qty)) {
      throw new UnbalancedPlanError(`move ${i + 1} has cost ${m.costValue} against qty ${m.qty}`);
    }
    if (m.lineNo < 1 || m.lineNo > plan.lines.length) throw new UnbalancedPlanError(`move ${i + 1} names no line`);
  });
  plan.journal.forEach((e, i) => {
    if (e.lines.length < 2) throw new UnbalancedPlanError(`journal entry ${i + 1} has fewer than two lines`);
    let debit = 0;
    let credit = 0;
    for (const l of e.lines) {
      safe(l.debit, 'debit');
      safe(l.credit, 'credit');
      if (l.debit < 0 || l.credit < 0 || (l.debit > 0) === (l.credit > 0)) {
        throw new UnbalancedPlanError(`journal entry ${i + 1}: a line must be either a debit or a credit`);
      }
      debit += l.debit;
      credit += l.credit;
    }
    if (debit !== credit) throw new UnbalancedPlanError(`journal entry ${i + 1} does not balance: ${debit} ≠ ${credit}`);
  });
}
