/** Removing a budget (`removeBudget`), confirmed first; the server's refusal is shown beside it. */
import { useMutation } from '@apollo/client';
import { useState } from 'react';
import {
  BudgetsDocument,
  RemoveBudgetDocument,
  type BudgetPeriod,
  type BudgetScope,
} from '../generated/graphql.js';
import { ErrorNote } from './ui.js';

export function RemoveBudget({
  budget,
}: {
  budget: { scope: BudgetScope; target: string; targetId: string; period: BudgetPeriod };
}) {
  const [confirming, setConfirming] = useState(false);
  const [remove, removal] = useMutation(RemoveBudgetDocument, { refetchQueries: [BudgetsDocument] });
  const label = `${budget.scope.toLowerCase()} ${budget.target} ${budget.period.toLowerCase()}`;
  return (
    <span className="remove-budget">
      {confirming ? (
        <span className="confirm" role="group" aria-label={`Confirm removal of the ${label} budget`}>
          <button
            type="button"
            className="danger"
            disabled={removal.loading}
            onClick={() =>
              void remove({
                variables: { input: { scope: budget.scope, target: budget.targetId, period: budget.period } },
              }).then(
                () => setConfirming(false),
                () => undefined,
              )
            }
          >
            Remove the {label} budget
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </span>
      ) : (
        <button
          type="button"
          className="link"
          aria-label={`Remove the ${label} budget…`}
          onClick={() => {
            removal.reset();
            setConfirming(true);
          }}
        >
          Remove…
        </button>
      )}
      <ErrorNote error={removal.error} />
    </span>
  );
}
