/**
 * Teams and API keys: create (the key shown once, with a copy button), rotate, revoke; admins also
 * create, rename and delete teams (each change confirmed; the server's refusal shown where it happened).
 */
import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { useViewer } from '../App.js';
import { CopyButton, Empty, ErrorNote, Loading, PageHeader, formatDate } from '../components/ui.js';
import {
  ApiKeysDocument,
  CreateApiKeyDocument,
  CreateTeamDocument,
  DeleteTeamDocument,
  RenameTeamDocument,
  RevokeApiKeyDocument,
  RotateApiKeyDocument,
  TeamsDocument,
  type Role,
} from '../generated/graphql.js';
import { can, grantableRoles } from '../lib/session.js';

function SecretOnce({ secret, onDone, title }: { secret: string; onDone: () => void; title: string }) {
  return (
    <div className="secret" role="alert">
      <h2>{title}</h2>
      <p>This is the only time the key is shown. Copy it now and keep it somewhere safe.</p>
      <code className="key" data-testid="new-key" tabIndex={0}>
        {secret}
      </code>
      <div className="actions">
        <CopyButton text={secret} label="Copy key" />
        <button type="button" className="secondary" onClick={onDone}>
          I have saved it
        </button>
      </div>
    </div>
  );
}

export function KeysPage() {
  const viewer = useViewer();
  const admin = can.admin(viewer);
  const teams = useQuery(TeamsDocument, { skip: !admin });
  const [teamFilter, setTeamFilter] = useState(admin ? '' : viewer.team);
  const keys = useQuery(ApiKeysDocument, {
    variables: { first: 100, ...(teamFilter ? { team: teamFilter } : {}) },
  });
  const [secret, setSecret] = useState<{ title: string; key: string } | null>(null);
  const [name, setName] = useState('');
  const [team, setTeam] = useState(viewer.team);
  const [roles, setRoles] = useState<Role[]>(['MEMBER']);
  const [createKey, creation] = useMutation(CreateApiKeyDocument, { refetchQueries: [ApiKeysDocument] });
  const [rotateKey, rotation] = useMutation(RotateApiKeyDocument, { refetchQueries: [ApiKeysDocument] });
  const [revokeKey, revocation] = useMutation(RevokeApiKeyDocument, { refetchQueries: [ApiKeysDocument] });
  const [createTeam, teamCreation] = useMutation(CreateTeamDocument, { refetchQueries: [TeamsDocument] });
  const [newTeam, setNewTeam] = useState('');
  const [confirm, setConfirm] = useState<{ id: string; action: 'rotate' | 'revoke' } | null>(null);
  const [nameProblem, setNameProblem] = useState<string | null>(null);

  const submitKey = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameProblem('Give the key a name (what uses it).');
      return;
    }
    setNameProblem(null);
    try {
      const result = await createKey({ variables: { input: { name: name.trim(), team, roles } } });
      if (result.data) {
        setSecret({
          title: `New key “${result.data.createApiKey.apiKey.name}”`,
          key: result.data.createApiKey.key,
        });
        setName('');
      }
    } catch {
      // Shown below the form.
    }
  };
  const list = keys.data?.apiKeys.edges.map((edge) => edge.node) ?? [];
  const teamNames = admin ? (teams.data?.teams.edges ?? []).map((edge) => edge.node.name) : [viewer.team];
  return (
    <section>
      <PageHeader title="Teams & API keys" />
      {secret ? <SecretOnce secret={secret.key} title={secret.title} onDone={() => setSecret(null)} /> : null}
      <div className="grid2">
        <form
          className="panel form"
          onSubmit={(event) => void submitKey(event)}
          noValidate
          aria-labelledby="create-key-title"
        >
          <h2 id="create-key-title">Create a key</h2>
          <div className="field">
            <label htmlFor="key-name">Name</label>
            <input
              id="key-name"
              value={name}
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby={nameProblem ? 'key-name-error' : undefined}
              onChange={(event) => setName(event.target.value)}
            />
            {nameProblem ? (
              <p className="error" id="key-name-error">
                {nameProblem}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="key-team">Team</label>
            <select
              id="key-team"
              value={team}
              onChange={(event) => setTeam(event.target.value)}
              disabled={!admin}
            >
              {teamNames.map((item) => (
                <option key={item} value={item}>
                  {item}
                </option>
              ))}
            </select>
          </div>
          <fieldset>
            <legend>Roles</legend>
            {grantableRoles(viewer).map((role) => (
              <label key={role} className="inline">
                <input
                  type="checkbox"
                  name="role"
                  value={role}
                  checked={roles.includes(role)}
                  onChange={(event) =>
                    setRoles((current) =>
                      event.target.checked ? [...current, role] : current.filter((item) => item !== role),
                    )
                  }
                />{' '}
                {role}
              </label>
            ))}
          </fieldset>
          <ErrorNote error={creation.error} />
          <button type="submit" disabled={creation.loading || roles.length === 0}>
            {creation.loading ? 'Creating…' : 'Create key'}
          </button>
        </form>
        {admin ? (
          <div className="panel">
            <h2>Teams</h2>
            <ErrorNote error={teams.error} />
            <ul className="plain teams">
              {teamNames.map((item) => (
                <TeamRow key={item} name={item} own={item === viewer.team} />
              ))}
            </ul>
            <form
              className="toolbar"
              onSubmit={(event) => {
                event.preventDefault();
                if (newTeam.trim())
                  void createTeam({ variables: { input: { name: newTeam.trim() } } }).then(
                    () => setNewTeam(''),
                    () => undefined,
                  );
              }}
            >
              <label htmlFor="team-name">New team</label>
              <input id="team-name" value={newTeam} onChange={(event) => setNewTeam(event.target.value)} />
              <button type="submit" className="secondary" disabled={teamCreation.loading}>
                Create team
              </button>
            </form>
            <ErrorNote error={teamCreation.error} />
          </div>
        ) : null}
      </div>
      <div className="panel">
        <h2>Keys</h2>
        {admin ? (
          <div className="toolbar">
            <label htmlFor="keys-team">Team</label>
            <select id="keys-team" value={teamFilter} onChange={(event) => setTeamFilter(event.target.value)}>
              <option value="">all teams</option>
              {teamNames.map((item) => (
                <option key={item} value={item}>
                  {item}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <ErrorNote error={keys.error ?? rotation.error ?? revocation.error} />
        {keys.loading && !keys.data ? <Loading /> : null}
        {keys.data && list.length === 0 ? <Empty>No keys yet: create one above.</Empty> : null}
        {list.length > 0 ? (
          <div className="scroll">
            <table>
              <caption className="sr-only">API keys, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Prefix</th>
                  <th scope="col">Team</th>
                  <th scope="col">Roles</th>
                  <th scope="col">Created</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.map((key) => {
                  const dead =
                    Boolean(key.revokedAt) || (key.expiresAt ? new Date(key.expiresAt) < new Date() : false);
                  const self = key.internalId === viewer.id;
                  return (
                    <tr key={key.id} data-key-name={key.name}>
                      <td>{key.name}</td>
                      <td>
                        <code>{key.prefix}</code>
                      </td>
                      <td>{key.team}</td>
                      <td>{key.roles.join(', ')}</td>
                      <td>{formatDate(key.createdAt)}</td>
                      <td>
                        {key.revokedAt
                          ? `revoked ${formatDate(key.revokedAt)}`
                          : key.expiresAt
                            ? `expires ${formatDate(key.expiresAt)}`
                            : 'active'}
                      </td>
                      <td>
                        {dead ? null : confirm?.id === key.id ? (
                          <span
                            className="confirm"
                            role="group"
                            aria-label={`Confirm ${confirm.action} of ${key.name}`}
                          >
                            <button
                              type="button"
                              className="danger"
                              onClick={() => {
                                const done = () => setConfirm(null);
                                if (confirm.action === 'revoke')
                                  void revokeKey({ variables: { input: { id: key.id } } }).then(done, done);
                                else
                                  void rotateKey({
                                    variables: { input: { id: key.id, gracePeriodSeconds: 3600 } },
                                  }).then((result) => {
                                    done();
                                    if (result.data)
                                      setSecret({
                                        title: `Rotated key “${key.name}” (the old secret works for 1 hour)`,
                                        key: result.data.rotateApiKey.key,
                                      });
                                  }, done);
                              }}
                            >
                              {confirm.action === 'revoke' ? `Revoke ${key.name}` : `Rotate ${key.name}`}
                            </button>
                            <button type="button" className="secondary" onClick={() => setConfirm(null)}>
                              Cancel
                            </button>
                          </span>
                        ) : (
                          <>
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => setConfirm({ id: key.id, action: 'rotate' })}
                              aria-label={`Rotate ${key.name}`}
                            >
                              Rotate…
                            </button>{' '}
                            <button
                              type="button"
                              className="secondary"
                              onClick={() => setConfirm({ id: key.id, action: 'revoke' })}
                              aria-label={`Revoke ${key.name}`}
                              title={self ? 'This is the key you are signed in with' : undefined}
                            >
                              Revoke…
                            </button>
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </section>
  );
}

/** One team in the admin's list: rename (inline form) or delete, each confirmed. */
function TeamRow({ name, own }: { name: string; own: boolean }) {
  const [mode, setMode] = useState<'idle' | 'rename' | 'delete'>('idle');
  const [newName, setNewName] = useState(name);
  const [problem, setProblem] = useState<string | null>(null);
  const refetchQueries = [TeamsDocument, ApiKeysDocument];
  const [rename, renaming] = useMutation(RenameTeamDocument, { refetchQueries });
  const [remove, removing] = useMutation(DeleteTeamDocument, { refetchQueries });
  const reset = () => {
    setMode('idle');
    setProblem(null);
    renaming.reset();
    removing.reset();
  };
  const submitRename = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = newName.trim();
    if (!trimmed) {
      setProblem('Enter the new name.');
      return;
    }
    if (trimmed === name) {
      setProblem('That is its name already.');
      return;
    }
    setProblem(null);
    void rename({ variables: { input: { team: name, name: trimmed } } }).then(reset, () => undefined);
  };
  return (
    <li data-team={name}>
      {mode === 'rename' ? (
        <form className="toolbar" onSubmit={submitRename} noValidate aria-label={`Rename team ${name}`}>
          <label htmlFor={`rename-${name}`}>New name for {name}</label>
          <input
            id={`rename-${name}`}
            value={newName}
            autoFocus
            aria-invalid={problem ? true : undefined}
            onChange={(event) => setNewName(event.target.value)}
          />
          <button type="submit" disabled={renaming.loading}>
            {renaming.loading ? 'Renaming…' : `Rename ${name}`}
          </button>
          <button type="button" className="secondary" onClick={reset}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <span className="team-name">{name}</span>{' '}
          {mode === 'delete' ? (
            <span className="confirm" role="group" aria-label={`Confirm deletion of team ${name}`}>
              <button
                type="button"
                className="danger"
                disabled={removing.loading}
                onClick={() =>
                  void remove({ variables: { input: { team: name } } }).then(reset, () => undefined)
                }
              >
                Delete team {name}
              </button>
              <button type="button" className="secondary" onClick={reset}>
                Cancel
              </button>
            </span>
          ) : (
            <>
              <button
                type="button"
                className="link"
                aria-label={`Rename team ${name}…`}
                onClick={() => {
                  setNewName(name);
                  setMode('rename');
                }}
              >
                Rename…
              </button>{' '}
              {own ? null : (
                <button
                  type="button"
                  className="link"
                  aria-label={`Delete team ${name}…`}
                  onClick={() => setMode('delete')}
                >
                  Delete…
                </button>
              )}
            </>
          )}
        </>
      )}
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : null}
      <ErrorNote error={renaming.error ?? removing.error} />
    </li>
  );
}
