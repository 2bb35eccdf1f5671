import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { missingPermission, type TRun } from './queries.ts';

// "Run now": collects and judges at once; busy while the provider is read, then says what happened.

export function useRunNow(org: string, onResult: (name: string, result: TRun | Error) => void) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(api.POST('/api/v1/orgs/{org}/integrations/{name}/runs', { params: { path: { org, name } } })),
    onSuccess: (run, name) => onResult(name, run),
    onError: (error, name) => onResult(name, error),
    // Results move control status and readiness: everything of the organization is refreshed.
    onSettled: () => queries.invalidateQueries({ queryKey: ['org', org] }),
  });
}

export function RunButton({
  name,
  busy,
  disabled,
  onRun,
}: {
  name: string;
  busy: boolean;
  disabled: boolean;
  onRun: () => void;
}) {
  return (
    <button
      type="button"
      className="button button-small"
      disabled={disabled}
      aria-busy={busy}
      aria-label={`Run ${name} now`}
      onClick={onRun}
    >
      {busy ? (
        <>
          <span className="spinner" aria-hidden="true" /> Running…
        </>
      ) : (
        'Run now'
      )}
    </button>
  );
}

/** What the last "Run now" did, said loudly when it failed. */
export function RunResult({ name, result }: { name: string; result: TRun | Error }) {
  if (result instanceof Error)
    return (
      <div className="run-result run-result-failed" role="alert">
        <strong>Could not run {name}:</strong> {result.message}
      </div>
    );
  if (result.status === 'failed') {
    const permission = missingPermission(result.error);
    return (
      <div className="run-result run-result-failed" role="alert">
        <strong>{name} failed to collect:</strong> {result.error?.message ?? 'no message'}
        {permission && (
          <div>
            Missing permission: <code>{permission}</code>
          </div>
        )}
      </div>
    );
  }
  return (
    <div className="run-result run-result-ok" role="status">
      <strong>{name} ran:</strong> {result.resources} resources, {result.passed} passed,{' '}
      <span className={result.failed > 0 ? 'bad-text' : ''}>{result.failed} failed</span>
      {result.errors > 0 && `, ${result.errors} errors`}, {result.transitions} changed since the last run.
    </div>
  );
}
