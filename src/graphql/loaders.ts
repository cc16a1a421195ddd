/** Per-request DataLoaders: nested fields batch their lookups and never read the same thing twice. */
import DataLoader from 'dataloader';
import type { ModelHealthSnapshot } from '../routing/model-health.js';
import type { Services } from '../services.js';

export function createLoaders(services: Services) {
  return {
    teamName: new DataLoader<string, string | undefined>(async (teamIds) => {
      const teams = await services.store.teams.byIds(teamIds);
      const names = new Map(teams.map((team) => [team._id, team.name]));
      return teamIds.map((id) => names.get(id));
    }),
    /** Health of many models at once (shared breaker state) for `Model.healthy`, `Provider.healthy`. */
    modelHealth: new DataLoader<string, ModelHealthSnapshot>(async (models) =>
      models.map((model) => services.health.snapshot(model)),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
