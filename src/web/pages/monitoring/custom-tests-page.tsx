import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { label } from '../../components/badge.tsx';
import { Page } from '../../components/page.tsx';
import { usePaged } from '../../components/pager.tsx';
import { EmptyState, Query } from '../../components/states.tsx';
import { useOrg } from '../../org.ts';
import { ControlLinks } from './control-links.tsx';
import { CustomTestEditor } from './custom-test-editor.tsx';
import { MonitoringTabs } from './monitoring-tabs.tsx';
import { monitoringKey, type TCustomTest, useCustomTests } from './queries.ts';

// The organization's own tests: CEL expressions that run with the built-in ones on every run of an
// integration collecting their resource type.

export function CustomTestsPage() {
  const org = useOrg();
  const tests = useCustomTests(org.slug);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const canManage = org.can('integrations:manage');
  return (
    <Page
      title="Monitoring"
      subtitle="Your own tests: a CEL expression over one resource type, mapped to the controls it shows."
      actions={
        canManage && !editing ? (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setSaved(null);
              setEditing(true);
            }}
          >
            New custom test
          </button>
        ) : null
      }
    >
      <MonitoringTabs />
      {editing && (
        <>
          <CustomTestEditor
            onSaved={(test) => {
              setEditing(false);
              setSaved(test.id);
            }}
          />
          <div className="row">
            <button type="button" className="button" onClick={() => setEditing(false)}>
              Close the editor
            </button>
          </div>
        </>
      )}
      {saved && (
        <p className="notice" role="status">
          Saved {saved}. It runs with the built-in tests on the next run of an integration that collects its
          resource type.
        </p>
      )}
      <Query query={tests} what="Loading custom tests">
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No custom test yet">
              {canManage
                ? 'Write one when the built-in tests do not cover a rule of yours, e.g. that every login role has a password expiry.'
                : 'An owner or admin writes them; they run with the built-in tests.'}
            </EmptyState>
          ) : (
            <CustomTestTable tests={items} canManage={canManage} />
          )
        }
      </Query>
    </Page>
  );
}

function CustomTestTable({ tests, canManage }: { tests: TCustomTest[]; canManage: boolean }) {
  const org = useOrg();
  const queries = useQueryClient();
  const { items, pager } = usePaged(tests, 20);
  const [failure, setFailure] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/orgs/{org}/custom-tests/{testId}', {
          params: { path: { org: org.slug, testId: id } },
        }),
      ),
    onSuccess: () => queries.invalidateQueries({ queryKey: monitoringKey(org.slug) }),
    onError: (error) => setFailure(error.message),
  });
  return (
    <>
      {failure && (
        <p className="form-error" role="alert">
          {failure}
        </p>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Resource type</th>
              <th scope="col">Expression</th>
              <th scope="col">Severity</th>
              <th scope="col">Controls</th>
              {canManage && <th scope="col">Delete</th>}
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={t.id}>
                <td>
                  {t.title}
                  <div className="muted small">
                    <code>{t.id}</code>
                  </div>
                </td>
                <td>{t.resourceType}</td>
                <td>
                  <code className="expression">{t.expression}</code>
                </td>
                <td>{label(t.severity)}</td>
                <td>
                  <ControlLinks codes={t.controls} />
                </td>
                {canManage && (
                  <td>
                    <button
                      type="button"
                      className="button button-small button-danger"
                      aria-label={`Delete ${t.title}`}
                      disabled={remove.isPending}
                      onClick={() => {
                        setFailure(null);
                        if (
                          window.confirm(
                            `Delete the custom test "${t.title}"? Its results stop counting for controls.`,
                          )
                        )
                          remove.mutate(t.id);
                      }}
                    >
                      Delete
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pager}
    </>
  );
}
